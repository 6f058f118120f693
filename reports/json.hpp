#pragma once
// The machine-readable report: one JSON document per run.
#include <string>

#include "model/coverage.hpp"
#include "model/result.hpp"

namespace stompcheck::reports {

// The run as pretty-printed JSON (2-space indent, keys in a fixed order, trailing newline);
// times in milliseconds with microsecond precision; invalid UTF-8 becomes U+FFFD. Never throws.
// "summary" tallies the conformance cases (what the exit status is computed from),
// "profile_summary" the broker-profile cases (GRADING.md §7), each with the verdict counts,
// passed / failed, findings per grade and cases_with_findings; each case has its "profile"
// flag, its "level" at its version, and the "cited" requirement and its "sentence";
// "coverage" is the run's own requirement coverage (model/coverage.hpp run_coverage), as below.
std::string to_json(const RunResult& run);

// Requirement coverage as JSON: "from_verdicts", "full" (every REQ and REC row covered),
// "totals" ({"covered", "rows"} for "REQ", "REC" and "INFO/OPT", and the "unobservable"
// count) and "rows", each {"requirement", "version", "level" (REQ, REC, OPT, INFO),
// "observable", "covered", "cases": [{"id"[, "verdict"]}]} and, for an unobservable row, its
// "unobservable" reason. Pretty-printed like the run report.
std::string to_json(const Coverage& coverage);

}  // namespace stompcheck::reports
