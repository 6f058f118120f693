#pragma once
// The scenario sections, one file each (scenarios/cases/*.cpp), and what their entries share.
#include <span>

#include "scenarios/outcome.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/session.hpp"
#include "scenarios/steps.hpp"
#include "scenarios/verify.hpp"

namespace stompcheck::cases {

std::span<const Scenario> overview();         // the classic flow (1.2#Protocol_Overview)
std::span<const Scenario> frames();           // FR: malformed input (frames*.cpp)
std::span<const Scenario> frames_commands();  // FR-02..FR-04, FR-23, FR-24 (1.2#STOMP_Frames)
std::span<const Scenario> frames_headers();   // FR-04..FR-09, FR-18, FR-20, FR-21
std::span<const Scenario> frames_body();      // FR-10, FR-11, FR-14, FR-15 (content-length)
std::span<const Scenario> headers();          // 1.2#Frames_and_Headers: required headers
std::span<const Scenario> connecting();       // CN-01..CN-12 (1.2#Connecting)
// Part of connecting(): CONNECT variants, refusals and frames out of place (CN-08, CN-11, ...)
std::span<const Scenario> connect_variants();
std::span<const Scenario> heartbeat();     // HB (1.2#Heart-beating)
std::span<const Scenario> send();          // SD, FR round trips (1.2#SEND)
std::span<const Scenario> subscribe();     // SB, MS, US (1.2#SUBSCRIBE, 1.2#UNSUBSCRIBE)
std::span<const Scenario> ack();           // AK, SB-06, SB-09 (1.2#ACK, 1.2#NACK)
std::span<const Scenario> transactions();  // TX, SD-04, AK-04 (1.2#BEGIN, 1.2#COMMIT, 1.2#ABORT)
std::span<const Scenario> disconnect();    // DC (1.2#DISCONNECT)
std::span<const Scenario> message();       // MS, FR-13, FR-16 (1.2#MESSAGE)
std::span<const Scenario> receipt();       // RC (1.2#RECEIPT)
std::span<const Scenario> errors();        // ER (1.2#ERROR)
std::span<const Scenario> versions();      // FR-22 across versions (1.2#Value_Encoding)
std::span<const Scenario> limits();        // FR-19 (1.2#Size_Limits)
std::span<const Scenario> profile();       // queue and topic behaviour (GRADING.md §7)

}  // namespace stompcheck::cases
