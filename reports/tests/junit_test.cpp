// The verdict -> JUnit element mapping, one case at a time (the golden files show it whole).
#include "reports/junit.hpp"

#include <string>

#include <gtest/gtest.h>

namespace stompcheck::reports {
namespace {

std::string junit_of(Verdict verdict, bool strict) {
  CaseResult c;
  c.id = "x@1.2";
  c.section = "S";
  c.verdict = verdict;
  RunResult run;
  run.info.strict = strict;
  run.cases.push_back(c);
  return to_junit(run);
}

bool has(const std::string& xml, const std::string& part) {
  return xml.find(part) != std::string::npos;
}

TEST(Junit, FailIsAFailure) {
  EXPECT_TRUE(has(junit_of(Verdict::Fail, false), "<failure message=\"\" type=\"FAIL\">"));
}

TEST(Junit, NonStrictFailsOnlyUnderStrict) {
  const std::string lenient = junit_of(Verdict::NonStrict, false);
  EXPECT_FALSE(has(lenient, "<failure"));
  EXPECT_TRUE(has(lenient, "verdict: NON-STRICT"));
  EXPECT_TRUE(has(junit_of(Verdict::NonStrict, true), "type=\"NON-STRICT\">"));
}

TEST(Junit, ErrorIsAnError) {
  EXPECT_TRUE(has(junit_of(Verdict::Error, false), "<error message=\"\" type=\"ERROR\">"));
}

TEST(Junit, SkippedAndUnsupportedAreSkipped) {
  EXPECT_TRUE(has(junit_of(Verdict::Skipped, false), "<skipped message=\"SKIPPED\"/>"));
  EXPECT_TRUE(has(junit_of(Verdict::Unsupported, true), "<skipped message=\"UNSUPPORTED\"/>"));
}

TEST(Junit, PassAndInfoHaveOnlySystemOut) {
  for (const Verdict v : {Verdict::Pass, Verdict::Info}) {
    const std::string xml = junit_of(v, true);
    EXPECT_FALSE(has(xml, "<failure") || has(xml, "<error") || has(xml, "<skipped")) << xml;
    EXPECT_TRUE(has(xml, "<system-out>verdict: " + std::string(to_string(v)) + "\n")) << xml;
  }
}

TEST(Junit, EmptyRunIsAnEmptyRoot) {
  EXPECT_EQ(to_junit(RunResult{}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"stompcheck\" tests=\"0\" failures=\"0\" errors=\"0\" "
            "time=\"0.000000\">\n</testsuites>\n");
}

}  // namespace
}  // namespace stompcheck::reports
