#pragma once
// The scenario sections, one file each (scenarios/cases/*.cpp), and what their entries share.
#include <span>

#include "scenarios/outcome.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/session.hpp"
#include "scenarios/steps.hpp"
#include "scenarios/verify.hpp"

namespace stompcheck::cases {

std::span<const Scenario> overview();    // the classic flow (1.2#Protocol_Overview)
std::span<const Scenario> connecting();  // CN-01..CN-10 (1.2#Connecting)
std::span<const Scenario> send();        // SD, FR round trips (1.2#SEND)
std::span<const Scenario> subscribe();   // SB, MS, US (1.2#SUBSCRIBE, 1.2#UNSUBSCRIBE)
std::span<const Scenario> ack();         // AK, SB-06, SB-09 (1.2#ACK, 1.2#NACK)
std::span<const Scenario> receipt();     // RC (1.2#RECEIPT)
std::span<const Scenario> disconnect();  // DC (1.2#DISCONNECT)
std::span<const Scenario> profile();     // queue and topic behaviour (requirements §7)

// The grade of a rule whose level differs by version, e.g. ER-01: FAIL, NON-STRICT, INFO.
constexpr Verdict per_version(stomp::Version v, Verdict v10, Verdict v11, Verdict v12) {
  if (v == stomp::Version::V1_0) return v10;
  return v == stomp::Version::V1_1 ? v11 : v12;
}

// How a SEND or SUBSCRIBE the server cannot process must be refused: from 1.1 ERROR and the
// close are a MUST (SD-02, SB-02; 1.1 says "disconnect the client"); 1.0 asks nothing of the
// server ("may send ERROR frames"), so there every reaction is INFO.
constexpr Refusal must_refuse(stomp::Version v) {
  if (v != stomp::Version::V1_0) return {};
  return {.error_then_close = Verdict::Pass,
          .error_left_open = Verdict::Info,
          .close_only = Verdict::Info,
          .accepted = Verdict::Info};
}

}  // namespace stompcheck::cases
