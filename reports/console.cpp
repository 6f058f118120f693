#include "reports/console.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "reports/text.hpp"

namespace stompcheck::reports {
namespace {

std::size_t verdict_width() {
  std::size_t width = 0;
  for (const Verdict v : kAllVerdicts) width = std::max(width, to_string(v).size());
  return width;
}

std::int64_t rounded_ms(std::int64_t us) { return us < 0 ? 0 : (us + 500) / 1000; }

}  // namespace

std::string case_line(const CaseResult& c) {
  static const std::size_t kWidth = verdict_width();
  std::string out(to_string(c.verdict));
  out.resize(kWidth, ' ');
  std::string requirements;
  for (const std::string& r : c.requirements) {
    requirements += (requirements.empty() ? "" : ",") + r;
  }
  if (requirements.empty()) requirements = "-";
  out +=
      " " + c.id + "  " + requirements + "  " + std::to_string(rounded_ms(c.duration_us)) + " ms\n";
  return displayable(out, "\n");
}

std::string case_detail(const CaseResult& c) {
  std::string out;
  if (c.verdict != Verdict::Pass && c.verdict != Verdict::Skipped) {
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
  const Tally t = tally(run.cases, run.info.strict);
  std::string out;
  for (const Verdict v : kAllVerdicts) {
    if (!out.empty()) out += ", ";
    out += std::string(to_string(v)) + " " + std::to_string(t.of(v));
  }
  out += "\n" + std::to_string(t.passed) + " passed, " + std::to_string(t.failed) + " failed";
  if (const std::size_t errors = t.of(Verdict::Error); errors > 0) {
    out += ", " + std::to_string(errors) + " errors";
  }
  return out + "\n";
}

}  // namespace stompcheck::reports
