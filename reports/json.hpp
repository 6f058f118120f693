#pragma once
// The machine-readable report: one JSON document per run.
#include <string>

#include "model/result.hpp"

namespace stompcheck::reports {

// The run as pretty-printed JSON (2-space indent, keys in a fixed order, trailing newline);
// times in milliseconds with microsecond precision; invalid UTF-8 becomes U+FFFD. Never throws.
// "summary" tallies the conformance cases (what the exit status is computed from),
// "profile_summary" the broker-profile cases (GRADING.md §7), each with the verdict counts,
// passed / failed, findings per grade and cases_with_findings; each case has its "profile"
// flag, its "level" at its version, and the "cited" requirement and its "sentence".
std::string to_json(const RunResult& run);

}  // namespace stompcheck::reports
