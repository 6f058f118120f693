#pragma once
// The CI report: JUnit XML as the Jenkins xUnit plugin's junit-10.xsd defines it.
#include <string>

#include "model/result.hpp"

namespace stompcheck::reports {

// The run as a JUnit XML document: one <testsuite> per section (first-appearance order), one
// <testcase> per case. FAIL (and NON-STRICT under --strict) is a <failure>, ERROR an <error>,
// SKIPPED / UNSUPPORTED <skipped>; every case has a <system-out> with its details and wire
// transcript. Well-formed for any bytes in the model.
std::string to_junit(const RunResult& run);

}  // namespace stompcheck::reports
