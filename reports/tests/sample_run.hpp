#pragma once
// A hand-built run that every reports golden file is generated from: every verdict, four
// sections (one of them interleaved), findings (an INFO one on a PASS), a cited requirement
// and its sentence on the FAIL, two broker-profile cases (a PASS and a FAIL, which must not fail
// the run), transcripts with control octets, markup characters <&">', a raw 0x01 octet and
// invalid UTF-8.
#include "model/result.hpp"

namespace stompcheck::reports::testing {

// The sample run; `strict` only changes info.strict (what NON-STRICT counts as).
RunResult sample_run(bool strict = false);

// One conformance and one profile case of each verdict whose every string (ids, section, texts,
// findings, transcript, run info) holds all 256 octets: what no writer may choke on.
RunResult all_octets_run();

}  // namespace stompcheck::reports::testing
