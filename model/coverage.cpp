#include "model/coverage.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "model/requirements.hpp"

namespace stompcheck {
namespace {

constexpr stomp::Version kVersions[] = {stomp::Version::V1_0, stomp::Version::V1_1,
                                        stomp::Version::V1_2};

RowKind kind_of(const Requirement& r, Level l) {
  if (!r.observable) return RowKind::Unobservable;
  if (l == Level::Must) return RowKind::Req;
  if (l == Level::Should) return RowKind::Rec;
  return RowKind::Other;
}

bool counts(const CoveredCase& c, bool from_verdicts) {
  if (!from_verdicts) return true;
  return c.verdict && *c.verdict != Verdict::Skipped && *c.verdict != Verdict::Error;
}

std::string padded(std::string s, std::size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

std::optional<Verdict> parse_verdict(std::string_view s) {
  for (std::size_t i = 0; i < kVerdicts; ++i) {
    const auto v = static_cast<Verdict>(i);
    if (to_string(v) == s) return v;
  }
  return std::nullopt;
}

// "LINE:COLUMN" of nlohmann's parse_error::byte (the last octet read, 1-based).
std::string line_column(std::string_view text, std::size_t byte) {
  const std::size_t at = std::min(byte == 0 ? 0 : byte - 1, text.size());
  const std::string_view before = text.substr(0, at);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const std::size_t nl = before.rfind('\n');
  const std::size_t start = nl == std::string_view::npos ? 0 : nl + 1;
  return std::to_string(line) + ":" + std::to_string(at - start + 1);
}

// nlohmann's message without its "[json.exception...] parse error at line L, column C: " lead.
std::string parse_reason(std::string_view what) {
  const std::size_t lead = what.find("parse error");
  const std::size_t colon = lead == std::string_view::npos ? lead : what.find(": ", lead);
  return std::string(colon == std::string_view::npos ? what : what.substr(colon + 2));
}

// One case of the report; nullopt when a field is missing or of the wrong kind.
std::optional<CoveredCase> report_case(const nlohmann::json& c) {
  if (!c.is_object()) return std::nullopt;
  const auto id = c.find("id");
  const auto version = c.find("version");
  const auto reqs = c.find("requirements");
  const auto verdict = c.find("verdict");
  if (id == c.end() || !id->is_string() || version == c.end() || !version->is_string() ||
      reqs == c.end() || !reqs->is_array() || verdict == c.end() || !verdict->is_string()) {
    return std::nullopt;
  }
  CoveredCase out{.id = id->get<std::string>(),
                  .version = stomp::Version::V1_2,
                  .requirements = {},
                  .verdict = std::nullopt};
  const auto v = stomp::parse_version(version->get<std::string>());
  out.verdict = parse_verdict(verdict->get<std::string>());
  if (!v || !out.verdict) return std::nullopt;
  out.version = *v;
  for (const nlohmann::json& r : *reqs) {
    if (!r.is_string()) return std::nullopt;
    out.requirements.push_back(r.get<std::string>());
  }
  return out;
}

}  // namespace

std::vector<CoveredCase> covered_cases(const std::vector<CaseResult>& cases) {
  std::vector<CoveredCase> out;
  out.reserve(cases.size());
  for (const CaseResult& c : cases) {
    out.push_back(CoveredCase{
        .id = c.id, .version = c.version, .requirements = c.requirements, .verdict = c.verdict});
  }
  return out;
}

std::string_view level_tag(Level l) {
  switch (l) {
    case Level::Must: return "REQ";
    case Level::Should: return "REC";
    case Level::May: return "OPT";
    case Level::Info: return "INFO";
  }
  return "INFO";
}

Coverage compute_coverage(const std::vector<CoveredCase>& cases, bool from_verdicts,
                          const std::vector<stomp::Version>& versions) {
  Coverage out{.from_verdicts = from_verdicts,
               .rows = {},
               .req = {},
               .rec = {},
               .other = {},
               .unobservable = 0};
  for (const Requirement& r : requirements()) {
    for (const stomp::Version v : kVersions) {
      const Statement* st = r.at(v);
      if (st == nullptr || std::find(versions.begin(), versions.end(), v) == versions.end()) {
        continue;
      }
      CoverageRow row{.requirement = r.id,
                      .version = v,
                      .level = st->level,
                      .kind = kind_of(r, st->level),
                      .unobservable = r.unobservable,
                      .cases = {},
                      .verdicts = {},
                      .covered = false};
      for (const CoveredCase& c : cases) {
        if (c.version != v) continue;
        if (std::find(c.requirements.begin(), c.requirements.end(), r.id) == c.requirements.end()) {
          continue;
        }
        row.cases.push_back(c.id);
        row.verdicts.push_back(c.verdict);
        row.covered = row.covered || counts(c, from_verdicts);
      }
      CoverageCount* count = row.kind == RowKind::Req     ? &out.req
                             : row.kind == RowKind::Rec   ? &out.rec
                             : row.kind == RowKind::Other ? &out.other
                                                          : nullptr;
      if (count == nullptr) {
        ++out.unobservable;
      } else {
        ++count->rows;
        if (row.covered) ++count->covered;
      }
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

Coverage run_coverage(const RunResult& run) {
  std::vector<stomp::Version> versions;
  for (const std::string& v : run.info.versions) {
    if (const auto parsed = stomp::parse_version(v)) versions.push_back(*parsed);
  }
  return compute_coverage(covered_cases(run.cases), true, versions);
}

std::string ratio(const CoverageCount& c) {
  std::string out = std::to_string(c.covered) + "/" + std::to_string(c.rows);
  if (c.rows == 0) return out;
  const std::size_t tenths = c.covered * 1000 / c.rows;  // rounded down
  out += " (" + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%)";
  return out;
}

std::string coverage_totals(const Coverage& c) {
  std::string out = "REQ " + ratio(c.req) + ", REC " + ratio(c.rec);
  out += ", INFO/OPT observed " + ratio(c.other);
  out += ", " + std::to_string(c.unobservable) + " unobservable";
  return out;
}

std::string coverage_line(const CoverageRow& r, bool from_verdicts) {
  std::string out = padded(r.requirement + "@" + std::string(stomp::to_string(r.version)), 10);
  out += "  " + padded(std::string(level_tag(r.level)), 4) + "  ";
  std::string status;
  switch (r.kind) {
    case RowKind::Req:
    case RowKind::Rec: status = r.covered ? "covered" : "NOT covered"; break;
    case RowKind::Other: status = r.covered ? "observed" : "not observed"; break;
    case RowKind::Unobservable: status = "unobservable"; break;
  }
  out += padded(status, 12) + "  ";
  std::string cases;
  for (std::size_t i = 0; i < r.cases.size(); ++i) {
    if (!cases.empty()) cases += ", ";
    cases += r.cases[i];
    if (from_verdicts) {
      cases += ' ';
      cases += r.verdicts[i] ? to_string(*r.verdicts[i]) : std::string_view("(not run)");
    }
  }
  if (r.kind == RowKind::Unobservable) {
    out += r.unobservable;
    if (!cases.empty()) out += " | cases: " + cases;
  } else {
    out += cases.empty() ? std::string("-") : cases;
  }
  return out;
}

ReportLoad load_run_report(std::string_view text, const std::string& name) {
  ReportLoad out;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    out.error = "'" + name + "':" + line_column(text, e.byte) +
                ": not valid JSON: " + parse_reason(e.what());
    return out;
  }
  const auto cases = j.is_object() ? j.find("cases") : j.end();
  const auto versions = j.is_object() ? j.find("versions") : j.end();
  if (!j.is_object() || cases == j.end() || !cases->is_array() || versions == j.end() ||
      !versions->is_array()) {
    out.error = "'" + name +
                "' is not a `stompcheck run --json` report (no \"cases\" and \"versions\" "
                "arrays)";
    return out;
  }
  for (const nlohmann::json& v : *versions) {
    const auto parsed = v.is_string() ? stomp::parse_version(v.get<std::string>()) : std::nullopt;
    if (!parsed) {
      out.error = "'" + name + "': \"versions\" holds " + v.dump() + ", not 1.0, 1.1 or 1.2";
      return out;
    }
    out.versions.push_back(*parsed);
  }
  for (std::size_t i = 0; i < cases->size(); ++i) {
    std::optional<CoveredCase> c = report_case((*cases)[i]);
    if (!c) {
      out.error = "'" + name + "': case " + std::to_string(i + 1) +
                  " lacks a string \"id\", a \"version\" 1.0/1.1/1.2, a \"requirements\" array "
                  "of strings or a known \"verdict\"";
      return out;
    }
    out.cases.push_back(std::move(*c));
  }
  return out;
}

}  // namespace stompcheck
