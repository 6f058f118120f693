#pragma once
// Requirement coverage: for each requirement of the catalogue (model/requirements.json) at each
// version it applies to, its graded level, the cases that cite it and, when known, their
// verdicts. Target: every observable REQ (MUST) and REC (SHOULD) row covered. Plain data.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <stomp/command.hpp>

#include "model/result.hpp"

namespace stompcheck {

// A case as coverage sees it: what it cites and, once it ran, its verdict.
struct CoveredCase {
  std::string id;  // "<slug>@<version>"
  stomp::Version version = stomp::Version::V1_2;
  std::vector<std::string> requirements;
  std::optional<Verdict> verdict{};  // nullopt: not run (static coverage)
  bool operator==(const CoveredCase&) const = default;
};
// The cases of a run, with their verdicts.
std::vector<CoveredCase> covered_cases(const std::vector<CaseResult>& cases);

// How a row counts. REQ and REC rows are the target; INFO and OPT rows are counted as
// observed; an unobservable row is listed with its reason and counted nowhere.
enum class RowKind : std::uint8_t { Req, Rec, Other, Unobservable };
// "REQ" (MUST), "REC" (SHOULD), "OPT" (MAY), "INFO": a row's graded level as the map names it.
std::string_view level_tag(Level l);

struct CoverageRow {
  std::string requirement;  // e.g. "FR-06"
  stomp::Version version = stomp::Version::V1_2;
  Level level = Level::Info;  // graded, at `version`
  RowKind kind = RowKind::Other;
  std::string unobservable;                        // the reason, for an unobservable row
  std::vector<std::string> cases;                  // citing it at `version`, in the given order
  std::vector<std::optional<Verdict>> verdicts{};  // the cases' verdicts, in the same order
  // Static: some case cites it. From verdicts: some citing case ran and was neither SKIPPED
  // nor ERROR.
  bool covered = false;
  bool operator==(const CoverageRow&) const = default;
};

struct CoverageCount {
  std::size_t covered = 0;
  std::size_t rows = 0;
  bool operator==(const CoverageCount&) const = default;
};

struct Coverage {
  bool from_verdicts = false;
  std::vector<CoverageRow> rows;  // catalogue order; per requirement, versions ascending
  CoverageCount req, rec, other;  // by RowKind; unobservable rows in none
  std::size_t unobservable = 0;
  bool full() const { return req.covered == req.rows && rec.covered == rec.rows; }
  bool operator==(const Coverage&) const = default;
};

// The coverage of the catalogue's rows at `versions` by `cases` (a case counts only at its
// own version, and only for a requirement that applies there). With `from_verdicts`, a row
// is covered only by a case that ran with a verdict other than SKIPPED or ERROR.
Coverage compute_coverage(const std::vector<CoveredCase>& cases, bool from_verdicts,
                          const std::vector<stomp::Version>& versions);

// The coverage a run's own verdicts give, at the run's selected versions (RunInfo::versions).
Coverage run_coverage(const RunResult& run);

// "120/132 (90.9%)": the percentage rounded down to a tenth, so only a full count says
// 100.0%; "0/0" when there is no row.
std::string ratio(const CoverageCount& c);
// "REQ 120/132 (90.9%), REC 28/30 (93.3%), INFO/OPT observed 40/52 (76.9%), 8 unobservable".
std::string coverage_totals(const Coverage& c);
// One row: "FR-06@1.2  REQ   covered      frames/undefined-escape@1.2 PASS, ..." (verdicts
// only when from_verdicts; "-" when no case cites it), or for an unobservable row
// "CN-02@1.1  INFO  unobservable  <reason>" (and its cases after " | cases: " when any).
std::string coverage_line(const CoverageRow& r, bool from_verdicts);

// The cases of a saved `stompcheck run --json` report, or what is wrong with it.
struct ReportLoad {
  std::vector<CoveredCase> cases;
  std::vector<stomp::Version> versions;  // the run's selected versions
  std::string error;                     // empty when loaded
};
// `name` names the report in the error ("'run.json':3:16: not valid JSON: ...").
ReportLoad load_run_report(std::string_view text, const std::string& name);

}  // namespace stompcheck
