// The result model's grading rules: how verdicts combine and which fail the run.
#include "model/result.hpp"

#include <gtest/gtest.h>

namespace stompcheck {
namespace {

TEST(Worse, FailOutranksErrorOutranksNonStrictOutranksTheRest) {
  EXPECT_EQ(worse(Verdict::Pass, Verdict::Fail), Verdict::Fail);
  EXPECT_EQ(worse(Verdict::Error, Verdict::Fail), Verdict::Fail);
  EXPECT_EQ(worse(Verdict::NonStrict, Verdict::Error), Verdict::Error);
  EXPECT_EQ(worse(Verdict::Info, Verdict::NonStrict), Verdict::NonStrict);
  EXPECT_EQ(worse(Verdict::Skipped, Verdict::Fail), Verdict::Fail);
}

TEST(Worse, InfoFindingsNeverChangeAVerdict) {
  for (Verdict v : {Verdict::Pass, Verdict::Info, Verdict::Unsupported, Verdict::Skipped}) {
    EXPECT_EQ(worse(v, Verdict::Info), v);
    EXPECT_EQ(worse(v, Verdict::Pass), v);
  }
}

TEST(FailsRun, NonStrictOnlyUnderStrict) {
  EXPECT_TRUE(fails_run(Verdict::Fail, false));
  EXPECT_FALSE(fails_run(Verdict::NonStrict, false));
  EXPECT_TRUE(fails_run(Verdict::NonStrict, true));
  for (Verdict v :
       {Verdict::Pass, Verdict::Info, Verdict::Unsupported, Verdict::Skipped, Verdict::Error}) {
    EXPECT_FALSE(fails_run(v, true)) << to_string(v);
  }
}

const Verdict kEvery[] = {Verdict::Pass,        Verdict::Fail,    Verdict::NonStrict, Verdict::Info,
                          Verdict::Unsupported, Verdict::Skipped, Verdict::Error};

// One case per verdict, all of them conformance or all profile.
std::vector<CaseResult> one_of_each(bool profile) {
  std::vector<CaseResult> cases;
  for (const Verdict v : kEvery) {
    CaseResult c;
    c.verdict = v;
    c.profile = profile;
    cases.push_back(c);
  }
  return cases;
}

CaseResult make_case(Verdict v, bool profile, std::vector<Finding> findings = {}) {
  CaseResult c;
  c.verdict = v;
  c.profile = profile;
  c.findings = std::move(findings);
  return c;
}

RunResult make_run(std::vector<CaseResult> cases, bool strict) {
  RunResult run;
  run.info.strict = strict;
  run.cases = std::move(cases);
  return run;
}

TEST(Tally, CountsPassedAndFailed) {
  const std::vector<CaseResult> cases = one_of_each(/*profile=*/false);
  const Tally lax = tally(cases, false).conformance;
  EXPECT_EQ(lax.failed, 1U);
  EXPECT_EQ(lax.passed, 4U);  // PASS, NON-STRICT, INFO, UNSUPPORTED
  EXPECT_EQ(lax.of(Verdict::Error), 1U);
  EXPECT_EQ(lax.cases(), kVerdicts);
  const Tally strict = tally(cases, true).conformance;
  EXPECT_EQ(strict.failed, 2U);
  EXPECT_EQ(strict.passed, 3U);
  EXPECT_EQ(tally(cases, true).profile, Tally{});
}

TEST(Tally, ProfileCasesAreCountedApart) {
  std::vector<CaseResult> cases = one_of_each(/*profile=*/true);
  cases.push_back(make_case(Verdict::Pass, false));
  cases.push_back(make_case(Verdict::Skipped, false));
  for (const bool strict : {false, true}) {
    SCOPED_TRACE(strict ? "strict" : "lenient");
    const RunTally t = tally(cases, strict);
    EXPECT_EQ(t.conformance.cases(), 2U);
    EXPECT_EQ(t.conformance.passed, 1U);
    EXPECT_EQ(t.conformance.failed, 0U);
    EXPECT_EQ(t.conformance.of(Verdict::Skipped), 1U);
    EXPECT_EQ(t.profile.cases(), kVerdicts);
    EXPECT_EQ(t.profile.failed, strict ? 2U : 1U);  // what would fail were they conformance
    EXPECT_EQ(t.profile.passed, strict ? 3U : 4U);
    for (const Verdict v : kEvery) EXPECT_EQ(t.profile.of(v), 1U) << to_string(v);
  }
}

TEST(Tally, FindingsPerGradeAndTheCasesCarryingThem) {
  const Finding info{
      .check = "receipt-order", .requirement = "RC-01", .grade = Verdict::Info, .detail = {}};
  Finding non_strict = info;
  non_strict.grade = Verdict::NonStrict;
  const std::vector<CaseResult> cases = {
      make_case(Verdict::Pass, false, {info, info}),       // INFO findings on a PASS
      make_case(Verdict::NonStrict, false, {non_strict}),  //
      make_case(Verdict::Pass, false),                     // none
      make_case(Verdict::Pass, true, {info}),              // a profile case's: counted apart
  };
  const RunTally t = tally(cases, false);
  EXPECT_EQ(t.conformance.findings_of(Verdict::Info), 2U);
  EXPECT_EQ(t.conformance.findings_of(Verdict::NonStrict), 1U);
  EXPECT_EQ(t.conformance.findings_of(Verdict::Fail), 0U);
  EXPECT_EQ(t.conformance.with_findings, 2U);
  EXPECT_EQ(t.profile.findings_of(Verdict::Info), 1U);
  EXPECT_EQ(t.profile.with_findings, 1U);
}

TEST(RunStatus, FromConformanceCasesInOrderOfPrecedence) {
  EXPECT_EQ(run_status(make_run(one_of_each(false), false)), RunStatus::Failed);
  EXPECT_EQ(run_status(make_run({make_case(Verdict::Pass, false), make_case(Verdict::Error, false)},
                                false)),
            RunStatus::HarnessError);
  EXPECT_EQ(run_status(make_run({make_case(Verdict::Skipped, false)}, false)),
            RunStatus::NothingRan);
  EXPECT_EQ(run_status(make_run({}, false)), RunStatus::NothingRan);
  EXPECT_EQ(run_status(make_run({make_case(Verdict::Pass, false), make_case(Verdict::Info, false)},
                                false)),
            RunStatus::Clean);
}

TEST(RunStatus, NonStrictFailsOnlyUnderStrict) {
  const std::vector<CaseResult> cases = {make_case(Verdict::Pass, false),
                                         make_case(Verdict::NonStrict, false)};
  EXPECT_EQ(run_status(make_run(cases, false)), RunStatus::Clean);
  EXPECT_EQ(run_status(make_run(cases, true)), RunStatus::Failed);
}

// GRADING.md §7: a broker-profile result never changes the run's status.
TEST(RunStatus, ProfileCasesNeverDecideIt) {
  for (const bool strict : {false, true}) {
    SCOPED_TRACE(strict ? "strict" : "lenient");
    std::vector<CaseResult> cases = one_of_each(/*profile=*/true);  // a FAIL and an ERROR
    cases.push_back(make_case(Verdict::Pass, false));
    EXPECT_EQ(run_status(make_run(cases, strict)), RunStatus::Clean);
    // Only profile cases passed: no conformance verdict at all.
    std::vector<CaseResult> only_profile = {make_case(Verdict::Pass, true),
                                            make_case(Verdict::Skipped, false)};
    EXPECT_EQ(run_status(make_run(only_profile, strict)), RunStatus::NothingRan);
    // And a conformance FAIL is not hidden by passing profile cases.
    std::vector<CaseResult> failing = {make_case(Verdict::Pass, true),
                                       make_case(Verdict::Fail, false)};
    EXPECT_EQ(run_status(make_run(failing, strict)), RunStatus::Failed);
  }
}

TEST(SpecUrl, ExpandsTheCatalogueCitations) {
  EXPECT_EQ(spec_url("1.2#Value_Encoding"),
            "https://stomp.github.io/stomp-specification-1.2.html#Value_Encoding");
  EXPECT_EQ(spec_url("1.0#frame-SEND"),
            "https://stomp.github.io/stomp-specification-1.0.html#frame-SEND");
  EXPECT_EQ(spec_url("unspecified"), "unspecified");
  EXPECT_EQ(spec_url("2.0#X"), "2.0#X");
}

}  // namespace
}  // namespace stompcheck
