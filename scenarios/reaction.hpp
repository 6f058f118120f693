#pragma once
// How the broker reacted to frames it may accept or refuse (CONNECT variants, a frame before
// CONNECT, a second CONNECT, a malformed heart-beat offer, an unknown transaction or id): the frame
// that accepts them, or a refusal graded as GRADING.md §10.13 grades deliberate input (ERROR then
// the close; a close alone is Lingering, ER-05; an ERROR without the close breaks `close`).
#include <string_view>

#include <asio/awaitable.hpp>

#include <stomp/frame.hpp>

#include "model/grading.hpp"
#include "scenarios/outcome.hpp"
#include "scenarios/session.hpp"

namespace stompcheck {

// What each reaction means for `requirement` (every outcome is graded through the table).
struct Reaction {
  std::string_view requirement;
  Seen accepted = Seen::Met;  // the accepting frame came
  // ERROR then the close. Broken: any refusal breaks `requirement` (a close alone too).
  Seen refused = Seen::Met;
  Seen ignored = Seen::Broken;  // nothing within the timeout (a hang)
  std::string_view close = "ER-01";
  Seen lingering = Seen::Lingering;  // the close without an ERROR (ER-05)
};

// A frame the row says must be refused (GRADING.md §10.13): accepted or a hang is Broken.
constexpr Reaction must_refuse(std::string_view requirement, std::string_view close = "ER-01") {
  return {.requirement = requirement,
          .accepted = Seen::Broken,
          .ignored = Seen::Broken,
          .close = close};
}

// A cell whose row grades the reaction INFO (GRADING.md §10.15): ERROR then the close is a
// PASS, any other reaction is recorded; an ERROR the close does not follow breaks `close`.
constexpr Reaction recorded(std::string_view requirement, std::string_view close = "ER-01") {
  return {.requirement = requirement,
          .accepted = Seen::Noted,
          .ignored = Seen::Noted,
          .close = close,
          .lingering = Seen::Noted};
}

// The first `answer` frame not yet consumed (into `out`), or an ERROR, the close, a grammar
// violation or the timeout, graded by `r`; Actual says which it was.
asio::awaitable<Outcome> expect_reaction(Conn& c, stomp::Command answer, Reaction r,
                                         stomp::Frame* out = nullptr);

// The same for a frame written with receipt header `receipt`: its RECEIPT accepts it (into
// `out`). Unless acceptance is Broken anyway, an ERROR after that RECEIPT breaks RC-01 (a
// RECEIPT means "successfully processed").
asio::awaitable<Outcome> expect_reaction(Conn& c, std::string_view receipt, Reaction r,
                                         stomp::Frame* out = nullptr);

}  // namespace stompcheck
