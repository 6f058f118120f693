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

RunResult profile_run(Verdict profile_verdict, bool strict) {
  RunResult run;
  run.info.strict = strict;
  CaseResult conformance;
  conformance.id = "c@1.2";
  conformance.section = "Connecting";
  conformance.verdict = Verdict::Pass;
  CaseResult profile;
  profile.id = "profile/topic-fan-out@1.2";
  profile.section = "Broker profile";
  profile.title = "fan-out";
  profile.profile = true;
  profile.verdict = profile_verdict;
  run.cases = {profile, conformance};
  return run;
}

// GRADING.md §7: a profile case is reported apart and never counts as a failure.
TEST(Junit, ProfileCasesHaveTheirOwnSuiteLast) {
  const std::string xml = to_junit(profile_run(Verdict::Pass, false));
  const std::size_t conformance = xml.find("<testsuite name=\"Connecting\"");
  const std::size_t profile = xml.find("<testsuite name=\"Broker profile (not conformance)\"");
  ASSERT_NE(conformance, std::string::npos) << xml;
  ASSERT_NE(profile, std::string::npos) << xml;
  EXPECT_LT(conformance, profile);
  EXPECT_TRUE(has(xml, "<property name=\"conformance\" value=\"false\"/>"));
  EXPECT_EQ(xml.find("<property name=\"conformance\""),
            xml.rfind("<property name=\"conformance\""));
  EXPECT_TRUE(has(xml, "profile: yes (broker profile, not conformance: never fails the run)\n"));
}

TEST(Junit, ProfileFailOrErrorIsSkippedNeverAFailure) {
  for (const bool strict : {false, true}) {
    for (const Verdict v : {Verdict::Fail, Verdict::Error}) {
      const std::string xml = to_junit(profile_run(v, strict));
      SCOPED_TRACE(xml);
      EXPECT_FALSE(has(xml, "<failure") || has(xml, "<error"));
      EXPECT_TRUE(has(xml, "failures=\"0\" errors=\"0\" time="));  // the root
      const std::string verdict(to_string(v));
      EXPECT_TRUE(has(xml, "<skipped message=\"profile " + verdict +
                               " (not conformance): fan-out\" type=\"profile " + verdict + "\">"));
      EXPECT_TRUE(has(xml, "tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"1\""));
    }
  }
  const std::string lenient = to_junit(profile_run(Verdict::NonStrict, false));
  EXPECT_FALSE(has(lenient, "<skipped"));
  EXPECT_TRUE(has(to_junit(profile_run(Verdict::NonStrict, true)), "type=\"profile NON-STRICT\""));
}

TEST(Junit, FailureTextStartsWithTheCitedRequirement) {
  CaseResult c;
  c.id = "frames/undefined-escape@1.1";
  c.section = "Frames";
  c.version = stomp::Version::V1_1;
  c.verdict = Verdict::Fail;
  c.expected = "ERROR";
  c.cited = "FR-06";
  c.sentence = "MUST be <fatal>";
  RunResult run;
  run.cases.push_back(c);
  const std::string xml = to_junit(run);
  EXPECT_TRUE(has(xml,
                  "type=\"FAIL\">Requirement: FR-06 (1.1#Value_Encoding): MUST be "
                  "&lt;fatal&gt;\nExpected: ERROR\n"))
      << xml;
  EXPECT_TRUE(has(xml, "\nrequirement: FR-06 (1.1#Value_Encoding): MUST be &lt;fatal&gt;\n"))
      << xml;
}

TEST(Junit, LevelIsTheCaseLevel) {
  CaseResult c;
  c.id = "connect/stomp-frame@1.1";
  c.section = "Connecting";
  c.level = Level::Should;
  c.verdict = Verdict::Pass;
  RunResult run;
  run.cases.push_back(c);
  EXPECT_TRUE(has(to_junit(run), "\nlevel: SHOULD\n"));
}

TEST(Junit, EmptyRunIsAnEmptyRoot) {
  EXPECT_EQ(to_junit(RunResult{}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"stompcheck\" tests=\"0\" failures=\"0\" errors=\"0\" "
            "time=\"0.000000\">\n</testsuites>\n");
}

TEST(Junit, AnInterruptedRunSaysSoWithTheCasesNotRun) {
  CaseResult c;
  c.id = "x@1.2";
  c.section = "S";
  c.verdict = Verdict::Error;
  c.actual = "interrupted";
  RunResult run;
  run.info.interrupted = true;
  run.info.selected = 5;
  run.cases.push_back(c);
  const std::string xml = to_junit(run);
  EXPECT_TRUE(has(xml,
                  "<testsuites name=\"stompcheck\" tests=\"1\" failures=\"0\" errors=\"1\" "
                  "disabled=\"4\""))
      << xml;
  EXPECT_TRUE(has(xml, "<property name=\"interrupted\" value=\"true\"/>")) << xml;
  EXPECT_TRUE(has(xml, "<property name=\"cases_selected\" value=\"5\"/>")) << xml;
  EXPECT_TRUE(has(xml, "<property name=\"cases_not_run\" value=\"4\"/>")) << xml;
  EXPECT_FALSE(has(junit_of(Verdict::Pass, false), "interrupted"));
}

TEST(Junit, AnInterruptedRunWithNoCaseStillCarriesTheProperties) {
  RunResult run;
  run.info.interrupted = true;
  run.info.selected = 3;
  const std::string xml = to_junit(run);
  EXPECT_TRUE(has(xml, "disabled=\"3\"")) << xml;
  EXPECT_TRUE(has(xml, "<testsuite name=\"stompcheck (interrupted)\" tests=\"0\"")) << xml;
  EXPECT_TRUE(has(xml, "<property name=\"cases_not_run\" value=\"3\"/>")) << xml;
}

}  // namespace
}  // namespace stompcheck::reports
