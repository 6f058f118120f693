#include "scenarios/malformed.hpp"

#include <stdexcept>
#include <utility>

#include <stomp/encoder.hpp>
#include <stomp/notation.hpp>

#include "scenarios/steps.hpp"

namespace stompcheck {

using stomp::Command;

std::string encoded(const stomp::Frame& f, stomp::Version v) {
  stomp::Encoded e = stomp::encode(f, {.version = v, .content_length = false, .crlf = false});
  if (!e.ok()) {
    throw std::logic_error("scenario bug: " + describe(f) +
                           " cannot be encoded: " + std::string(stomp::to_string(e.error)));
  }
  return std::move(e.bytes);
}

asio::awaitable<Event> await_answer(Conn& c, std::string_view receipt) {
  const Wanted w{.command = Command::Receipt, .name = "receipt-id", .value = receipt};
  co_return co_await await_frame(c, w, c.session().settings().timeout);
}

asio::awaitable<Delivered> send_through(Conn& c, RawSend r) {
  Delivered d;
  if (auto o = co_await subscribe(c, r.destination, "sub-0"); !o) {
    d.outcome = std::move(o);
    co_return d;
  }
  if (!co_await c.send_raw(r.raw)) {
    d.outcome = co_await expect_refusal(c, r.refusal);  // closed while writing
    co_return d;
  }
  const Reaction re = r.info ? recorded(r.refusal.requirement, r.refusal.close)
                             : Reaction{.requirement = r.refusal.requirement,
                                        .ignored = Seen::Broken,
                                        .close = r.refusal.close};
  stomp::Frame answer{.command = Command::Error, .headers = {}, .body = {}};
  d.outcome = co_await expect_reaction(c, r.receipt, re, &answer);
  d.accepted = answer.command == Command::Receipt;
  if (!d.accepted || d.outcome.verdict == Verdict::Fail) co_return d;  // RC-01: then an ERROR
  d.outcome = co_await expect_message(c, d.message);
  co_return d;
}

}  // namespace stompcheck
