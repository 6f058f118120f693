// The live console lines and the closing summary.
#include "reports/console.hpp"

#include <string>

#include <gtest/gtest.h>

#include "model/coverage.hpp"

namespace stompcheck::reports {
namespace {

CaseResult make_case(Verdict verdict, std::int64_t duration_us) {
  return {.id = "connect/stomp-frame@1.2",
          .scenario = "connect/stomp-frame",
          .version = stomp::Version::V1_2,
          .section = "Connecting",
          .requirements = {"CN-01"},
          .spec = "1.2#CONNECT_or_STOMP_Frame",
          .level = Level::Must,
          .title = "STOMP gets CONNECTED",
          .verdict = verdict,
          .expected = "CONNECTED",
          .actual = "ERROR",
          .cited = {},
          .sentence = {},
          .findings = {},
          .duration_us = duration_us,
          .transcript = {}};
}

RunResult make_run(const std::vector<Verdict>& verdicts, bool strict) {
  RunResult run;
  run.info.strict = strict;
  for (const Verdict v : verdicts) run.cases.push_back(make_case(v, 0));
  return run;
}

TEST(CaseLine, VerdictPaddedThenIdRequirementsAndRoundedDuration) {
  EXPECT_EQ(case_line(make_case(Verdict::Pass, 3210)),
            "PASS        connect/stomp-frame@1.2  CN-01  3 ms\n");
  EXPECT_EQ(case_line(make_case(Verdict::Unsupported, 2500)),
            "UNSUPPORTED connect/stomp-frame@1.2  CN-01  3 ms\n");
  EXPECT_EQ(case_line(make_case(Verdict::NonStrict, 499)),
            "NON-STRICT  connect/stomp-frame@1.2  CN-01  0 ms\n");
}

TEST(CaseLine, SeveralOrNoRequirements) {
  CaseResult c = make_case(Verdict::Fail, 1'234'567);
  c.requirements = {"FR-06", "ER-01"};
  EXPECT_EQ(case_line(c), "FAIL        connect/stomp-frame@1.2  FR-06,ER-01  1235 ms\n");
  c.requirements.clear();
  EXPECT_EQ(case_line(c), "FAIL        connect/stomp-frame@1.2  -  1235 ms\n");
}

TEST(CaseDetail, EmptyForPassAndSkipped) {
  EXPECT_EQ(case_detail(make_case(Verdict::Pass, 0)), "");
  EXPECT_EQ(case_detail(make_case(Verdict::Skipped, 0)), "");
}

TEST(CaseDetail, ExpectedActualAndOneLinePerFinding) {
  CaseResult c = make_case(Verdict::Fail, 0);
  c.actual = "ERROR\nmessage:bad\x01";
  c.findings = {
      {.check = "lint", .requirement = "FR-06", .grade = Verdict::Fail, .detail = "x"},
      {.check = "receipt", .requirement = "RC-01", .grade = Verdict::Info, .detail = "y"}};
  EXPECT_EQ(case_detail(c),
            "    expected: CONNECTED\n"
            "    actual:   ERROR^Jmessage:bad^A\n"
            "    FAIL lint (FR-06): x\n"
            "    INFO receipt (RC-01): y\n");
}

TEST(CaseDetail, EmptyExpectedOrActualIsLeftOut) {
  CaseResult c = make_case(Verdict::Info, 0);
  c.expected.clear();
  c.actual = "server:ref/0.1";
  EXPECT_EQ(case_detail(c), "    actual:   server:ref/0.1\n");
}

TEST(SummaryLines, EveryCountThenPassedAndFailed) {
  const RunResult run = make_run({Verdict::Pass, Verdict::Pass, Verdict::Fail, Verdict::NonStrict,
                                  Verdict::Info, Verdict::Skipped},
                                 /*strict=*/false);
  EXPECT_EQ(summary_lines(run),
            "PASS 2, FAIL 1, NON-STRICT 1, INFO 1, UNSUPPORTED 0, SKIPPED 1, ERROR 0\n"
            "findings: none\n"
            "coverage: REQ 0/0, REC 0/0, INFO/OPT observed 0/0, 0 unobservable\n"
            "4 passed, 1 failed\n");
}

TEST(SummaryLines, StrictCountsNonStrictAsFailedAndErrorsAreAppended) {
  const RunResult run =
      make_run({Verdict::Pass, Verdict::NonStrict, Verdict::Error, Verdict::Error}, true);
  EXPECT_EQ(summary_lines(run),
            "PASS 1, FAIL 0, NON-STRICT 1, INFO 0, UNSUPPORTED 0, SKIPPED 0, ERROR 2\n"
            "findings: none\n"
            "coverage: REQ 0/0, REC 0/0, INFO/OPT observed 0/0, 0 unobservable\n"
            "1 passed, 1 failed, 2 errors\n");
}

TEST(SummaryLines, EmptyRun) {
  EXPECT_EQ(summary_lines(make_run({}, false)),
            "PASS 0, FAIL 0, NON-STRICT 0, INFO 0, UNSUPPORTED 0, SKIPPED 0, ERROR 0\n"
            "findings: none\n"
            "coverage: REQ 0/0, REC 0/0, INFO/OPT observed 0/0, 0 unobservable\n"
            "0 passed, 0 failed\n");
}

Finding finding(Verdict grade) {
  return {.check = "receipt-order", .requirement = "RC-01", .grade = grade, .detail = "d"};
}

TEST(SummaryLines, FindingsOnPassingCasesAreCounted) {
  RunResult run =
      make_run({Verdict::Pass, Verdict::Pass, Verdict::Pass, Verdict::NonStrict}, false);
  run.cases[0].findings = {finding(Verdict::Info), finding(Verdict::Info)};
  run.cases[1].findings = {finding(Verdict::Info)};
  run.cases[3].findings = {finding(Verdict::NonStrict)};
  EXPECT_EQ(summary_lines(run),
            "PASS 3, FAIL 0, NON-STRICT 1, INFO 0, UNSUPPORTED 0, SKIPPED 0, ERROR 0\n"
            "findings: 1 NON-STRICT, 3 INFO (on 3 cases)\n"
            "coverage: REQ 0/0, REC 0/0, INFO/OPT observed 0/0, 0 unobservable\n"
            "4 passed, 0 failed\n");
  run.cases.resize(1);
  EXPECT_EQ(summary_lines(run),
            "PASS 1, FAIL 0, NON-STRICT 0, INFO 0, UNSUPPORTED 0, SKIPPED 0, ERROR 0\n"
            "findings: 2 INFO (on 1 case)\n"
            "coverage: REQ 0/0, REC 0/0, INFO/OPT observed 0/0, 0 unobservable\n"
            "1 passed, 0 failed\n");
}

// GRADING.md §7: profile cases have their own lines; the last line counts conformance only.
TEST(SummaryLines, ProfileCasesApartAndTheLastLineIsConformance) {
  for (const bool strict : {false, true}) {
    SCOPED_TRACE(strict ? "strict" : "lenient");
    RunResult run = make_run({Verdict::Pass, Verdict::Fail, Verdict::Error, Verdict::Pass}, strict);
    run.cases[1].profile = true;
    run.cases[2].profile = true;
    run.cases[2].findings = {finding(Verdict::Error)};
    EXPECT_EQ(summary_lines(run),
              "PASS 2, FAIL 0, NON-STRICT 0, INFO 0, UNSUPPORTED 0, SKIPPED 0, ERROR 0\n"
              "findings: none\n"
              "profile: PASS 0, FAIL 1, NON-STRICT 0, INFO 0, UNSUPPORTED 0, SKIPPED 0, ERROR 1 "
              "(broker profile, not conformance: never fails the run)\n"
              "profile findings: 1 ERROR (on 1 case)\n"
              "coverage: REQ 0/0, REC 0/0, INFO/OPT observed 0/0, 0 unobservable\n"
              "2 passed, 0 failed\n");
  }
}

// The coverage line, from the run's own verdicts at its versions, comes just before the last.
TEST(SummaryLines, CoverageFromTheRunsVerdictsBeforeTheLastLine) {
  RunResult run = make_run({Verdict::Pass}, false);
  run.info.versions = {"1.2"};
  run.cases[0].requirements = {"CN-01"};
  const Coverage cov = run_coverage(run);
  EXPECT_EQ(cov.req.covered, 1U);
  const std::string lines = summary_lines(run);
  EXPECT_NE(lines.find("\ncoverage: " + coverage_totals(cov) + "\n1 passed, 0 failed\n"),
            std::string::npos)
      << lines;
}

TEST(CaseDetail, CitedRequirementWithItsAnchorAtTheCaseVersionComesFirst) {
  CaseResult c = make_case(Verdict::Fail, 0);
  c.cited = "CN-01";
  c.sentence = "servers MUST handle a STOMP frame\x01";
  EXPECT_EQ(case_detail(c),
            "    requirement: CN-01 (1.2#CONNECT_or_STOMP_Frame): servers MUST handle a STOMP "
            "frame^A\n"
            "    expected: CONNECTED\n"
            "    actual:   ERROR\n");
  c.version = stomp::Version::V1_1;
  c.verdict = Verdict::NonStrict;
  c.sentence.clear();
  EXPECT_EQ(case_detail(c),
            "    requirement: CN-01 (1.1#CONNECT_or_STOMP_Frame)\n"
            "    expected: CONNECTED\n"
            "    actual:   ERROR\n");
}

TEST(CaseDetail, UnknownCitedIdHasNoAnchor) {
  CaseResult c = make_case(Verdict::Fail, 0);
  c.cited = "XX-99";
  c.sentence = "s";
  EXPECT_EQ(case_detail(c).substr(0, 28), "    requirement: XX-99: s\n  ");
}

TEST(CaseDetail, PassShowsNoRequirementLine) {
  CaseResult c = make_case(Verdict::Pass, 0);
  c.cited = "CN-01";
  EXPECT_EQ(case_detail(c), "");
}

}  // namespace
}  // namespace stompcheck::reports
