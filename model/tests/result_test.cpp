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

TEST(Tally, CountsPassedAndFailed) {
  std::vector<CaseResult> cases(7);
  const Verdict all[] = {Verdict::Pass,        Verdict::Fail,    Verdict::NonStrict, Verdict::Info,
                         Verdict::Unsupported, Verdict::Skipped, Verdict::Error};
  for (std::size_t i = 0; i < cases.size(); ++i) cases[i].verdict = all[i];
  const Tally lax = tally(cases, false);
  EXPECT_EQ(lax.failed, 1U);
  EXPECT_EQ(lax.passed, 4U);  // PASS, NON-STRICT, INFO, UNSUPPORTED
  EXPECT_EQ(lax.of(Verdict::Error), 1U);
  const Tally strict = tally(cases, true);
  EXPECT_EQ(strict.failed, 2U);
  EXPECT_EQ(strict.passed, 3U);
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
