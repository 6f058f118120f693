#include "model/coverage.hpp"

#include <gtest/gtest.h>

#include "model/requirements.hpp"

namespace stompcheck {
namespace {

using stomp::Version;

const std::vector<Version> kAll{Version::V1_0, Version::V1_1, Version::V1_2};

const CoverageRow& row(const Coverage& c, std::string_view id, Version v) {
  for (const CoverageRow& r : c.rows) {
    if (r.requirement == id && r.version == v) return r;
  }
  throw std::logic_error("no row " + std::string(id));
}

CoveredCase stomp_frame(Version v, std::optional<Verdict> verdict = std::nullopt) {
  return {.id = "connect/stomp-frame@" + std::string(stomp::to_string(v)),
          .version = v,
          .requirements = {"CN-01"},
          .verdict = verdict};
}

TEST(Coverage, OneRowPerRequirementAndVersionItAppliesTo) {
  const Coverage c = compute_coverage({}, false, kAll);
  std::size_t statements = 0;
  for (const Requirement& r : requirements()) {
    for (Version v : kAll) statements += r.at(v) != nullptr ? 1U : 0U;
  }
  EXPECT_EQ(c.rows.size(), statements);
  EXPECT_EQ(c.req.rows + c.rec.rows + c.other.rows + c.unobservable, statements);
  EXPECT_EQ(c.req.covered + c.rec.covered + c.other.covered, 0U);
  EXPECT_FALSE(c.full());
  EXPECT_EQ(c.rows.front().requirement, requirements().front().id);
}

TEST(Coverage, ACaseCoversItsRequirementsAtItsOwnVersionOnly) {
  const Coverage c = compute_coverage({stomp_frame(Version::V1_2)}, false, kAll);
  const CoverageRow& at12 = row(c, "CN-01", Version::V1_2);
  EXPECT_EQ(at12.kind, RowKind::Req);  // MUST in 1.2
  EXPECT_TRUE(at12.covered);
  EXPECT_EQ(at12.cases, std::vector<std::string>{"connect/stomp-frame@1.2"});
  const CoverageRow& at11 = row(c, "CN-01", Version::V1_1);
  EXPECT_EQ(at11.kind, RowKind::Rec);  // SHOULD in 1.1
  EXPECT_FALSE(at11.covered);
  EXPECT_TRUE(at11.cases.empty());
  EXPECT_EQ(c.req.covered, 1U);
  EXPECT_EQ(c.rec.covered, 0U);
}

TEST(Coverage, WithVerdictsOnlyACaseThatRanAndWasJudgedCovers) {
  for (const Verdict v :
       {Verdict::Pass, Verdict::Fail, Verdict::NonStrict, Verdict::Info, Verdict::Unsupported}) {
    const Coverage c = compute_coverage({stomp_frame(Version::V1_2, v)}, true, kAll);
    EXPECT_TRUE(row(c, "CN-01", Version::V1_2).covered) << to_string(v);
  }
  for (const Verdict v : {Verdict::Skipped, Verdict::Error}) {
    const Coverage c = compute_coverage({stomp_frame(Version::V1_2, v)}, true, kAll);
    const CoverageRow& r = row(c, "CN-01", Version::V1_2);
    EXPECT_FALSE(r.covered) << to_string(v);
    EXPECT_EQ(r.verdicts, std::vector<std::optional<Verdict>>{v});
  }
  // A case never run covers nothing once verdicts count.
  EXPECT_FALSE(
      row(compute_coverage({stomp_frame(Version::V1_2)}, true, kAll), "CN-01", Version::V1_2)
          .covered);
}

TEST(Coverage, UnobservableRowsCarryTheirReasonAndCountNowhere) {
  const CoveredCase c{.id = "disconnect/frames-after@1.2",
                      .version = Version::V1_2,
                      .requirements = {"DC-02"},
                      .verdict = std::nullopt};
  const Coverage cov = compute_coverage({c}, false, kAll);
  const CoverageRow& r = row(cov, "DC-02", Version::V1_2);
  EXPECT_EQ(r.kind, RowKind::Unobservable);
  EXPECT_EQ(r.unobservable, find_requirement("DC-02")->unobservable);
  EXPECT_EQ(cov.req.covered + cov.rec.covered + cov.other.covered, 0U);
  EXPECT_EQ(coverage_line(r, false), "DC-02@1.2   INFO  unobservable  " + r.unobservable +
                                         " | cases: disconnect/frames-after@1.2");
}

TEST(Coverage, VersionsSelectTheRows) {
  const Coverage c = compute_coverage({}, false, {Version::V1_2});
  for (const CoverageRow& r : c.rows) EXPECT_EQ(r.version, Version::V1_2) << r.requirement;
  EXPECT_THROW(row(c, "CN-01", Version::V1_1), std::logic_error);
}

TEST(Coverage, RatiosRoundDownSoOnlyAFullCountSaysAHundred) {
  EXPECT_EQ(ratio({.covered = 0, .rows = 0}), "0/0");
  EXPECT_EQ(ratio({.covered = 1, .rows = 3}), "1/3 (33.3%)");
  EXPECT_EQ(ratio({.covered = 2, .rows = 3}), "2/3 (66.6%)");
  EXPECT_EQ(ratio({.covered = 1999, .rows = 2000}), "1999/2000 (99.9%)");
  EXPECT_EQ(ratio({.covered = 30, .rows = 30}), "30/30 (100.0%)");
}

TEST(Coverage, Lines) {
  const Coverage c = compute_coverage(
      {stomp_frame(Version::V1_1, Verdict::NonStrict), stomp_frame(Version::V1_2, Verdict::Pass)},
      true, {Version::V1_1, Version::V1_2});
  EXPECT_EQ(coverage_line(row(c, "CN-01", Version::V1_2), true),
            "CN-01@1.2   REQ   covered       connect/stomp-frame@1.2 PASS");
  EXPECT_EQ(coverage_line(row(c, "CN-01", Version::V1_1), false),
            "CN-01@1.1   REC   covered       connect/stomp-frame@1.1");
  EXPECT_EQ(coverage_line(row(c, "FR-06", Version::V1_2), true),
            "FR-06@1.2   REQ   NOT covered   -");
  const Coverage none = compute_coverage({}, false, kAll);
  EXPECT_EQ(coverage_totals(none), "REQ 0/" + std::to_string(none.req.rows) + " (0.0%), REC 0/" +
                                       std::to_string(none.rec.rows) +
                                       " (0.0%), INFO/OPT observed 0/" +
                                       std::to_string(none.other.rows) + " (0.0%), " +
                                       std::to_string(none.unobservable) + " unobservable");
}

TEST(RunReport, LoadsTheCasesAndVersions) {
  const ReportLoad r = load_run_report(
      R"({"versions": ["1.2"], "cases": [{"id": "connect/stomp-frame@1.2", "version": "1.2",
          "requirements": ["CN-01"], "verdict": "NON-STRICT", "title": "ignored"}]})",
      "run.json");
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.versions, std::vector<Version>{Version::V1_2});
  ASSERT_EQ(r.cases.size(), 1U);
  EXPECT_EQ(r.cases[0], stomp_frame(Version::V1_2, Verdict::NonStrict));
}

TEST(RunReport, ABadReportIsAnErrorNamingIt) {
  EXPECT_EQ(load_run_report("{\"cases\": [\n  1,,\n]}", "r.json").error,
            "'r.json':2:5: not valid JSON: syntax error while parsing value - unexpected ','; "
            "expected '[', '{', or a literal");
  EXPECT_EQ(load_run_report("[]", "r.json").error,
            "'r.json' is not a `stompcheck run --json` report (no \"cases\" and \"versions\" "
            "arrays)");
  EXPECT_EQ(load_run_report(R"({"versions": ["2.0"], "cases": []})", "r.json").error,
            "'r.json': \"versions\" holds \"2.0\", not 1.0, 1.1 or 1.2");
  const std::string bad_verdict =
      R"({"versions": [], "cases": [{"id": "a@1.2", "version": "1.2", "requirements": [],
          "verdict": "MAYBE"}]})";
  EXPECT_EQ(load_run_report(bad_verdict, "r.json").error,
            "'r.json': case 1 lacks a string \"id\", a \"version\" 1.0/1.1/1.2, a "
            "\"requirements\" array of strings or a known \"verdict\"");
}

}  // namespace
}  // namespace stompcheck
