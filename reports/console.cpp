#include "reports/console.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/coverage.hpp"
#include "reports/text.hpp"

namespace stompcheck::reports {
namespace {

std::size_t verdict_width() {
  std::size_t width = 0;
  for (const Verdict v : kAllVerdicts) width = std::max(width, to_string(v).size());
  return width;
}

std::int64_t rounded_ms(std::int64_t us) { return us < 0 ? 0 : (us + 500) / 1000; }

// "PASS 40, FAIL 1, NON-STRICT 0, INFO 3, UNSUPPORTED 0, SKIPPED 2, ERROR 0".
std::string verdict_counts(const Tally& t) {
  std::string out;
  for (const Verdict v : kAllVerdicts) {
    if (!out.empty()) out += ", ";
    out += std::string(to_string(v)) + " " + std::to_string(t.of(v));
  }
  return out;
}

// "2 FAIL, 3 INFO (on 4 cases)": the grades found, in verdict order; "none" when none.
std::string finding_counts(const Tally& t) {
  std::string out;
  for (const Verdict v : kAllVerdicts) {
    if (t.findings_of(v) == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(t.findings_of(v)) + " " + std::string(to_string(v));
  }
  if (out.empty()) return "none";
  return out + " (on " + std::to_string(t.with_findings) +
         (t.with_findings == 1 ? " case)" : " cases)");
}

}  // namespace

std::string case_line(const CaseResult& c) {
  static const std::size_t kWidth = verdict_width();
  std::string out(to_string(c.verdict));
  out.resize(kWidth, ' ');
  // Appended piece by piece: "lit" + std::string&& (and = "-") are false -Werror=restrict
  // positives of g++ 12 -O3.
  std::string requirements;
  for (const std::string& r : c.requirements) {
    if (!requirements.empty()) requirements += ',';
    requirements += r;
  }
  out += ' ';
  out += c.id;
  out += "  ";
  out += requirements.empty() ? std::string_view("-") : std::string_view(requirements);
  out += "  ";
  out += std::to_string(rounded_ms(c.duration_us));
  out += " ms\n";
  return displayable(out, "\n");
}

std::string case_detail(const CaseResult& c) {
  std::string out;
  if (c.verdict != Verdict::Pass && c.verdict != Verdict::Skipped) {
    if (!c.cited.empty()) out += "    requirement: " + displayable(citation(c)) + "\n";
    if (!c.expected.empty()) out += "    expected: " + displayable(c.expected) + "\n";
    if (!c.actual.empty()) out += "    actual:   " + displayable(c.actual) + "\n";
  }
  for (const Finding& f : c.findings) {
    out += "    " + std::string(to_string(f.grade)) + " " + displayable(f.check) + " (" +
           displayable(f.requirement) + "): " + displayable(f.detail) + "\n";
  }
  return out;
}

std::string summary_lines(const RunResult& run) {
  const RunTally t = tally(run.cases, run.info.strict);
  std::string out = verdict_counts(t.conformance) + "\nfindings: " + finding_counts(t.conformance);
  if (t.profile.cases() > 0) {
    out += "\nprofile: " + verdict_counts(t.profile) +
           " (broker profile, not conformance: never fails the run)\nprofile findings: " +
           finding_counts(t.profile);
  }
  out += "\ncoverage: " + coverage_totals(run_coverage(run));
  const Tally& c = t.conformance;
  out += '\n';
  out += std::to_string(c.passed) + " passed, " + std::to_string(c.failed) + " failed";
  if (const std::size_t errors = c.of(Verdict::Error); errors > 0) {
    out += ", " + std::to_string(errors) + " errors";
  }
  return out + "\n";
}

}  // namespace stompcheck::reports
