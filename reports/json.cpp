#include "reports/json.hpp"

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "reports/text.hpp"

namespace stompcheck::reports {
namespace {

using Json = nlohmann::ordered_json;

double milliseconds(std::int64_t us) { return static_cast<double>(us) / 1000.0; }

std::string str(std::string_view s) { return std::string(s); }

// A tally: the count per verdict, passed / failed, and the findings per grade.
Json summary(const Tally& t) {
  Json out = Json::object();
  for (const Verdict v : kAllVerdicts) out[str(to_string(v))] = t.of(v);
  out["passed"] = t.passed;
  out["failed"] = t.failed;
  Json findings = Json::object();
  for (const Verdict v : kAllVerdicts) findings[str(to_string(v))] = t.findings_of(v);
  out["findings"] = std::move(findings);
  out["cases_with_findings"] = t.with_findings;
  return out;
}

Json case_json(const CaseResult& c) {
  Json findings = Json::array();
  for (const Finding& f : c.findings) {
    findings.push_back({{"check", f.check},
                        {"requirement", f.requirement},
                        {"grade", str(to_string(f.grade))},
                        {"detail", f.detail}});
  }
  Json transcript = Json::array();
  for (const TranscriptEntry& e : c.transcript) {
    transcript.push_back({{"t_ms", milliseconds(e.at_us)},
                          {"conn", e.conn},
                          {"dir", str(to_string(e.dir))},
                          {"data", e.data}});
  }
  return {{"id", c.id},
          {"scenario", c.scenario},
          {"version", str(stomp::to_string(c.version))},
          {"section", c.section},
          {"profile", c.profile},
          {"requirements", c.requirements},
          {"spec", c.spec},
          {"spec_url", spec_url(c.spec)},
          {"level", str(to_string(c.level))},
          {"title", c.title},
          {"verdict", str(to_string(c.verdict))},
          {"cited", c.cited},
          {"sentence", c.sentence},
          {"expected", c.expected},
          {"actual", c.actual},
          {"findings", std::move(findings)},
          {"duration_ms", milliseconds(c.duration_us)},
          {"transcript", std::move(transcript)}};
}

Json count_json(const CoverageCount& c) { return {{"covered", c.covered}, {"rows", c.rows}}; }

Json coverage_json(const Coverage& cov) {
  Json rows = Json::array();
  for (const CoverageRow& r : cov.rows) {
    Json cases = Json::array();
    for (std::size_t i = 0; i < r.cases.size(); ++i) {
      Json c = {{"id", r.cases[i]}};
      if (cov.from_verdicts && r.verdicts[i]) c["verdict"] = str(to_string(*r.verdicts[i]));
      cases.push_back(std::move(c));
    }
    Json row = {{"requirement", r.requirement},
                {"version", str(stomp::to_string(r.version))},
                {"level", str(level_tag(r.level))},
                {"observable", r.kind != RowKind::Unobservable},
                {"covered", r.covered},
                {"cases", std::move(cases)}};
    if (r.kind == RowKind::Unobservable) row["unobservable"] = r.unobservable;
    rows.push_back(std::move(row));
  }
  return {{"from_verdicts", cov.from_verdicts},
          {"full", cov.full()},
          {"totals",
           {{"REQ", count_json(cov.req)},
            {"REC", count_json(cov.rec)},
            {"INFO/OPT", count_json(cov.other)},
            {"unobservable", cov.unobservable}}},
          {"rows", std::move(rows)}};
}

std::string dumped(const Json& doc) {
  // error_handler_t::replace: bytes that are not UTF-8 become U+FFFD instead of throwing.
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string to_json(const Coverage& coverage) { return dumped(coverage_json(coverage)); }

std::string to_json(const RunResult& run) {
  Json cases = Json::array();
  for (const CaseResult& c : run.cases) cases.push_back(case_json(c));
  const RunTally t = tally(run.cases, run.info.strict);
  const Json doc = {{"tool", run.info.tool},
                    {"target", run.info.target},
                    {"started", run.info.started},
                    {"duration_ms", milliseconds(run.info.duration_us)},
                    {"strict", run.info.strict},
                    {"versions", run.info.versions},
                    {"interrupted", run.info.interrupted},
                    {"cases_selected", run.info.selected},
                    {"cases_run", run.cases.size()},
                    {"summary", summary(t.conformance)},
                    {"profile_summary", summary(t.profile)},
                    {"coverage", coverage_json(run_coverage(run))},
                    {"cases", std::move(cases)}};
  return dumped(doc);
}

}  // namespace stompcheck::reports
