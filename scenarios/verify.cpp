#include "scenarios/verify.hpp"

#include <utility>

#include <stomp/notation.hpp>

#include "scenarios/timeout.hpp"

namespace stompcheck {
namespace {

using stomp::Command;
using Clock = std::chrono::steady_clock;

bool matches(const stomp::Frame& f, const Wanted& w) {
  if (w.command && f.command != *w.command) return false;
  return w.name.empty() || f.header(w.name) == w.value;
}

Outcome with(Verdict v, std::string expected, std::string actual) {
  return {.verdict = v, .expected = std::move(expected), .actual = std::move(actual)};
}

}  // namespace

asio::awaitable<Event> await_frame(Conn& c, Wanted w, Millis wait) {
  const auto deadline = Clock::now() + wait;
  std::vector<stomp::Frame> passed;
  Event e;
  while (true) {
    e = co_await c.next_frame(remaining(deadline));
    if (e.kind != Event::Kind::Frame || matches(e.frame, w)) break;
    if (e.frame.command == Command::Error) break;
    passed.push_back(std::move(e.frame));
  }
  for (stomp::Frame& f : passed) c.keep(std::move(f));
  co_return e;
}

asio::awaitable<Outcome> expect_connected(Conn& c, stomp::Frame* out) {
  const Millis wait = c.session().settings().timeout;
  Event e = co_await await_frame(c, {.command = Command::Connected}, wait);
  const bool ok = e.kind == Event::Kind::Frame && e.frame.command == Command::Connected;
  if (ok && out != nullptr) *out = e.frame;
  co_return with(ok ? Verdict::Pass : Verdict::Fail, "CONNECTED", describe(e, wait));
}

asio::awaitable<Outcome> expect_receipt(Conn& c, std::string_view id) {
  const Millis wait = c.session().settings().timeout;
  Event e = co_await await_frame(
      c, {.command = Command::Receipt, .name = "receipt-id", .value = id}, wait);
  const bool ok = e.kind == Event::Kind::Frame && e.frame.command == Command::Receipt;
  co_return with(ok ? Verdict::Pass : Verdict::Fail, "RECEIPT receipt-id:" + stomp::show(id),
                 describe(e, wait));
}

asio::awaitable<Outcome> expect_message(Conn& c, stomp::Frame& out) {
  std::vector<stomp::Frame> one;
  Outcome o = co_await expect_messages(c, 1, one);
  if (!one.empty()) out = std::move(one.front());
  co_return o;
}

asio::awaitable<Outcome> expect_messages(Conn& c, std::size_t n, std::vector<stomp::Frame>& out) {
  const Millis wait = c.session().settings().timeout;
  const auto deadline = Clock::now() + wait;
  const std::string expected = std::to_string(n) + (n == 1 ? " MESSAGE" : " MESSAGEs");
  for (std::size_t got = 0; got < n; ++got) {
    Event e = co_await await_frame(c, {.command = Command::Message}, remaining(deadline));
    if (e.kind != Event::Kind::Frame || e.frame.command != Command::Message) {
      co_return with(Verdict::Fail, expected, std::to_string(got) + ", then " + describe(e, wait));
    }
    out.push_back(std::move(e.frame));
  }
  co_return with(Verdict::Pass, expected, expected);
}

asio::awaitable<Outcome> collect_messages(std::vector<Conn*> conns, std::size_t n,
                                          std::vector<std::vector<stomp::Frame>>& out) {
  constexpr Millis kSlice{5};  // per connection and turn, while reading several at once
  const Settings& settings = conns.front()->session().settings();
  const std::string expected = "at least " + std::to_string(n) + " MESSAGEs";
  out.assign(conns.size(), {});
  std::size_t total = 0;
  auto until = Clock::now() + settings.timeout;  // then: the end of the quiet window
  bool enough = n == 0;
  if (enough) until = Clock::now() + settings.quiet;
  while (Clock::now() < until) {
    for (std::size_t i = 0; i < conns.size(); ++i) {
      Event e = co_await await_frame(*conns[i], {.command = Command::Message}, kSlice);
      if (e.kind == Event::Kind::Timeout) continue;
      if (e.kind != Event::Kind::Frame || e.frame.command != Command::Message) {
        co_return with(Verdict::Fail, expected,
                       std::to_string(total) + " MESSAGEs, then on #" +
                           std::to_string(conns[i]->index()) + " " + describe(e, kSlice));
      }
      out[i].push_back(std::move(e.frame));
      ++total;
      if (total >= n) {
        enough = true;
        until = Clock::now() + settings.quiet;
      }
    }
  }
  co_return with(
      enough ? Verdict::Pass : Verdict::Fail, expected,
      std::to_string(total) + " within " + std::to_string(settings.timeout.count()) + " ms");
}

asio::awaitable<Outcome> expect_quiet(Conn& c, std::string_view why) {
  const Millis wait = c.session().settings().quiet;
  Event e = co_await await_frame(c, {.command = Command::Message}, wait);
  const bool ok = e.kind == Event::Kind::Timeout;
  co_return with(
      ok ? Verdict::Pass : Verdict::Fail,
      "no MESSAGE for " + std::to_string(wait.count()) + " ms (" + std::string(why) + ")",
      describe(e, wait));
}

asio::awaitable<Outcome> expect_close(Conn& c) {
  const Millis wait = c.session().settings().timeout;
  Event e = co_await await_frame(c, {}, wait);
  const bool ok = e.kind == Event::Kind::Closed;
  co_return with(ok ? Verdict::Pass : Verdict::Fail, "the close", describe(e, wait));
}

asio::awaitable<Outcome> expect_refusal(Conn& c, Refusal r, stomp::Frame* error) {
  const Millis wait = c.session().settings().timeout;
  const std::string expected = "ERROR, then the close";
  Event e = co_await await_frame(c, {.command = Command::Error}, wait);
  if (e.kind == Event::Kind::Frame) {
    if (error != nullptr) *error = e.frame;
    const std::string got = describe(e.frame);
    const auto at = Clock::now();
    Event after = co_await await_frame(c, {}, wait);
    c.close_judged();
    if (after.kind == Event::Kind::Closed) {
      const auto ms = std::chrono::duration_cast<Millis>(Clock::now() - at).count();
      co_return with(r.error_then_close, expected,
                     got + ", then the close after " + std::to_string(ms) + " ms");
    }
    co_return with(r.error_left_open, expected, got + ", then " + describe(after, wait));
  }
  if (e.kind == Event::Kind::Closed) {
    co_return with(r.close_only, expected, "the close without an ERROR (" + e.detail + ")");
  }
  if (e.kind == Event::Kind::Timeout) {
    co_return with(r.accepted, expected, "accepted: " + describe(e, wait));
  }
  co_return with(Verdict::Fail, expected, describe(e, wait));
}

asio::awaitable<Outcome> expect_receipt_then_close(Conn& c, std::string_view id) {
  const Millis wait = c.session().settings().timeout;
  const std::string expected = "RECEIPT receipt-id:" + stomp::show(id) + ", then the close";
  Event e = co_await await_frame(
      c, {.command = Command::Receipt, .name = "receipt-id", .value = id}, wait);
  if (e.kind == Event::Kind::Closed) {
    co_return with(Verdict::NonStrict, expected,
                   "the close without the RECEIPT (" + e.detail +
                       "); the spec warns it may be lost (1.2#Connection_Lingering)");
  }
  if (e.kind != Event::Kind::Frame || e.frame.command != Command::Receipt) {
    co_return with(Verdict::Fail, expected, describe(e, wait));
  }
  Event after = co_await await_frame(c, {}, wait);
  const bool closed = after.kind == Event::Kind::Closed;
  co_return with(closed ? Verdict::Pass : Verdict::Fail, expected,
                 "RECEIPT, then " + describe(after, wait));
}

Outcome expect_header(const stomp::Frame& f, std::string_view name, std::string_view value) {
  auto got = f.header(name);
  const std::string want = std::string(name) + ":" + stomp::show(value);
  if (got == value) return with(Verdict::Pass, want, want);
  return with(
      Verdict::Fail, std::string(stomp::to_string(f.command)) + " with " + want,
      got ? std::string(name) + ":" + stomp::show(*got) : "no " + std::string(name) + " header");
}

Outcome expect_has_header(const stomp::Frame& f, std::string_view name) {
  const std::string want =
      std::string(stomp::to_string(f.command)) + " with a " + std::string(name) + " header";
  if (f.header(name)) return with(Verdict::Pass, want, want);
  return with(Verdict::Fail, want, describe(f));
}

}  // namespace stompcheck
