#pragma once
// The machine-readable report: one JSON document per run.
#include <string>

#include "model/result.hpp"

namespace stompcheck::reports {

// The run as pretty-printed JSON (2-space indent, keys in a fixed order, trailing newline);
// times in milliseconds with microsecond precision; invalid UTF-8 becomes U+FFFD. Never throws.
std::string to_json(const RunResult& run);

}  // namespace stompcheck::reports
