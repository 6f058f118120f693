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

asio::awaitable<Outcome> expect_refused(Conn& c, Refusal r, std::string_view receipt) {
  const Settings& st = c.session().settings();
  const std::string expected =
      "ERROR, then the close within " + std::to_string(st.close_window.count()) + " ms";
  const Event e = co_await await_answer(c, receipt);
  if (e.kind == Event::Kind::Frame && e.frame.command == Command::Receipt) {
    co_return judge(r.requirement, c.version(), Seen::Broken, expected,
                    "accepted: " + describe(e.frame));
  }
  if (e.kind == Event::Kind::Timeout) {
    co_return judge(r.requirement, c.version(), Seen::Broken, expected,
                    "neither refused nor confirmed (a hang): " + describe(e, st.timeout));
  }
  co_return co_await expect_refusal(c, r);
}

asio::awaitable<Outcome> note_reaction(Conn& c, Refusal r, std::string_view receipt,
                                       bool& accepted) {
  const std::string expected = "ERROR then the close, or else the reaction recorded";
  const Event e = co_await await_answer(c, receipt);
  accepted = e.kind == Event::Kind::Frame && e.frame.command == Command::Receipt;
  const Millis wait = c.session().settings().timeout;
  if (accepted || e.kind == Event::Kind::Timeout) {
    co_return judge(r.requirement, c.version(), Seen::Noted, expected,
                    (accepted ? "accepted: " : "ignored: ") + describe(e, wait));
  }
  if (e.kind == Event::Kind::Broken) {  // the lint has graded the broker's octets
    co_return judge(r.requirement, c.version(), Seen::Noted, expected, describe(e, wait));
  }
  Outcome o = co_await expect_refusal(c, r);
  if (o) co_return judge(r.requirement, c.version(), Seen::Met, expected, "refused: " + o.actual);
  if (o.requirement == r.close) co_return o;  // an ERROR without the close
  co_return judge(r.requirement, c.version(), Seen::Noted, expected, "refused: " + o.actual);
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
  if (r.info) {
    d.outcome = co_await note_reaction(c, r.refusal, r.receipt, d.accepted);
  } else {
    const Event e = co_await await_answer(c, r.receipt);
    d.accepted = e.kind == Event::Kind::Frame && e.frame.command == Command::Receipt;
    if (e.kind == Event::Kind::Timeout) {
      d.outcome = judge(
          r.refusal.requirement, c.version(), Seen::Broken, "a reaction",
          "neither refused nor confirmed (a hang): " + describe(e, c.session().settings().timeout));
      co_return d;
    }
    if (!d.accepted) {
      d.outcome = co_await expect_refusal(c, r.refusal);
      co_return d;
    }
  }
  if (!d.accepted) co_return d;
  d.outcome = co_await expect_message(c, d.message);
  co_return d;
}

}  // namespace stompcheck
