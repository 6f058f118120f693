#pragma once
// Malformed input on purpose (GRADING.md §10.13): one violation per frame, written raw on a
// fresh connection, and the verifiers that grade the broker's reaction by the row. Raw frames
// are spelled in stomp::wire() notation; everything but the violation is correct for the
// negotiated version (GRADING.md §10.11).
#include <string>
#include <string_view>

#include <asio/awaitable.hpp>

#include <stomp/frame.hpp>

#include "scenarios/outcome.hpp"
#include "scenarios/reaction.hpp"
#include "scenarios/session.hpp"
#include "scenarios/verify.hpp"

namespace stompcheck {

// A frame's octets as the encoder writes them for `v` (escaped values, no content-length
// unless given), so that a case can splice its one violation into an otherwise correct frame.
std::string encoded(const stomp::Frame& f, stomp::Version v);

// What answered a frame written with receipt `receipt`: its RECEIPT (consumed), an ERROR
// (left for expect_refusal), the close, a grammar violation, or nothing within the timeout.
asio::awaitable<Event> await_answer(Conn& c, std::string_view receipt);

// A raw SEND to `destination` through a subscription of `c`: SUBSCRIBE `destination` (with a
// receipt), then `raw` (which carries receipt `receipt`), then what answered it
// (expect_reaction(): refused or a hang graded by `refusal`; `info`: recorded(), GRADING.md
// §10.15). Accepted: its MESSAGE in `message` (outcome PASS), or the outcome of the wait for it.
struct RawSend {
  std::string destination;
  std::string raw;      // the SEND's octets
  std::string receipt;  // the receipt header inside `raw`
  Refusal refusal{};
  bool info = false;
};
struct Delivered {
  bool accepted = false;
  Outcome outcome{};
  stomp::Frame message{};
};
asio::awaitable<Delivered> send_through(Conn& c, RawSend r);

}  // namespace stompcheck
