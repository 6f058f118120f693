#pragma once
// Live progress on a terminal: a line per case as it finishes, details for the ones that did
// not pass, and the closing summary. Every line ends with '\n'; broker bytes are displayable().
#include <string>

#include "model/result.hpp"

namespace stompcheck::reports {

// "PASS        connect/stomp-frame@1.2  CN-01  3 ms": the verdict padded to the widest verdict
// name, the id, the requirement ids comma-separated ("-" if none), the duration rounded to ms.
std::string case_line(const CaseResult& c);

// For a case that is not PASS or SKIPPED: "    requirement: MS-03 (1.2#MESSAGE): ..." when it
// cites a requirement (reports/text.hpp citation()), then "    expected: ...", "    actual:
// ..." (each only when not empty); for every case "    GRADE check (REQ): detail" per finding
// (so an INFO note on a PASS is seen, GRADING.md §10.12). Empty for a PASS / SKIPPED without
// findings.
std::string case_detail(const CaseResult& c);

// The closing summary, per tally(): conformance and broker-profile cases apart (GRADING.md §7)
//   PASS 40, FAIL 1, NON-STRICT 0, INFO 3, UNSUPPORTED 0, SKIPPED 2, ERROR 0
//   findings: 1 FAIL, 4 INFO (on 4 cases)          ("findings: none" when none)
//   profile: PASS 2, FAIL 0, ... (broker profile, not conformance: never fails the run)
//   profile findings: none
//   coverage: REQ 40/132 (30.3%), REC ... (model/coverage.hpp: from the run's verdicts)
//   41 passed, 1 failed                            (", N errors" appended when any)
// The two profile lines only when the run has profile cases; the last line counts conformance
// cases only and stays last (CI reads it).
std::string summary_lines(const RunResult& run);

}  // namespace stompcheck::reports
