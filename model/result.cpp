#include "model/result.hpp"

namespace stompcheck {

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::Pass: return "PASS";
    case Verdict::Fail: return "FAIL";
    case Verdict::NonStrict: return "NON-STRICT";
    case Verdict::Info: return "INFO";
    case Verdict::Unsupported: return "UNSUPPORTED";
    case Verdict::Skipped: return "SKIPPED";
    case Verdict::Error: return "ERROR";
  }
  return "?";
}

Verdict worse(Verdict a, Verdict b) {
  for (Verdict v : {Verdict::Fail, Verdict::Error, Verdict::NonStrict}) {
    if (a == v || b == v) return v;
  }
  return a;
}

bool fails_run(Verdict v, bool strict) {
  return v == Verdict::Fail || (strict && v == Verdict::NonStrict);
}

std::string_view to_string(Level l) {
  switch (l) {
    case Level::Must: return "MUST";
    case Level::Should: return "SHOULD";
    case Level::May: return "MAY";
    case Level::Info: return "INFO";
  }
  return "?";
}

std::string_view to_string(Direction d) {
  switch (d) {
    case Direction::Sent: return "C>S";
    case Direction::Received: return "S>C";
    case Direction::Note: return "note";
  }
  return "?";
}

std::size_t Tally::cases() const {
  std::size_t n = 0;
  for (const std::size_t c : count) n += c;
  return n;
}

RunTally tally(const std::vector<CaseResult>& cases, bool strict) {
  RunTally run;
  for (const CaseResult& c : cases) {
    Tally& t = c.profile ? run.profile : run.conformance;
    ++t.count[static_cast<std::size_t>(c.verdict)];
    if (fails_run(c.verdict, strict)) {
      ++t.failed;
    } else if (c.verdict != Verdict::Error && c.verdict != Verdict::Skipped) {
      ++t.passed;
    }
    for (const Finding& f : c.findings) ++t.findings[static_cast<std::size_t>(f.grade)];
    if (!c.findings.empty()) ++t.with_findings;
  }
  return run;
}

RunStatus run_status(const RunResult& run) {
  const Tally t = tally(run.cases, run.info.strict).conformance;
  if (t.failed > 0) return RunStatus::Failed;
  if (t.of(Verdict::Error) > 0) return RunStatus::HarnessError;
  if (t.passed == 0) return RunStatus::NothingRan;
  return RunStatus::Clean;
}

std::string spec_url(std::string_view citation) {
  const std::size_t hash = citation.find('#');
  if (hash == std::string_view::npos) return std::string(citation);
  const std::string_view version = citation.substr(0, hash);
  if (version != "1.0" && version != "1.1" && version != "1.2") return std::string(citation);
  return "https://stomp.github.io/stomp-specification-" + std::string(version) + ".html" +
         std::string(citation.substr(hash));
}

}  // namespace stompcheck
