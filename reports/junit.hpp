#pragma once
// The CI report: JUnit XML as the Jenkins xUnit plugin's junit-10.xsd defines it.
#include <string>

#include "model/result.hpp"

namespace stompcheck::reports {

// The run as a JUnit XML document: one <testsuite> per section of the conformance cases
// (first-appearance order), then one "Broker profile (not conformance)" for every profile case
// (GRADING.md §7); one <testcase> per case. FAIL (and NON-STRICT under --strict) is a
// <failure>, ERROR an <error>, SKIPPED / UNSUPPORTED <skipped>; a profile case that would be a
// failure or an error is a <skipped type="profile FAIL"> (never counted as a failure: the run's
// exit status does not count it either). A cited requirement and its sentence head the
// <failure> text; every case has a <system-out> with its details and wire transcript.
// Well-formed for any bytes in the model.
std::string to_junit(const RunResult& run);

}  // namespace stompcheck::reports
