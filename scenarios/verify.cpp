#include "scenarios/verify.hpp"

#include <utility>

#include <stomp/notation.hpp>

#include "scenarios/timeout.hpp"

namespace stompcheck {
namespace {

using stomp::Command;
using stomp::Version;
using Clock = std::chrono::steady_clock;

bool matches(const stomp::Frame& f, const Wanted& w) {
  if (w.command && f.command != *w.command) return false;
  return w.name.empty() || f.header(w.name) == w.value;
}

bool last(const Event& e) { return e.kind == Event::Kind::Closed || e.kind == Event::Kind::Broken; }

std::string ms(std::int64_t us) { return std::to_string(us / 1000) + " ms"; }

Outcome with(Verdict v, std::string expected, std::string actual, std::string requirement = {}) {
  return {.verdict = v,
          .expected = std::move(expected),
          .actual = std::move(actual),
          .requirement = std::move(requirement)};
}

// What answered the refused frame: the last one written before `error` arrived. A RECEIPT
// for it means "successfully processed" (RC-01), however the ERROR is labelled; an ERROR that
// does not name the frame's receipt breaks ER-03 (a SHOULD from 1.1).
void judge_answers(Conn& c, const Event& error) {
  const Sent* refused = nullptr;
  for (const Sent& s : c.sent()) {
    if (s.before <= error.seq) refused = &s;
  }
  if (refused == nullptr || !refused->receipt) return;
  const std::string& r = *refused->receipt;
  const bool named = error.frame.header("receipt-id") == r;
  const std::string what(stomp::to_string(refused->command));
  if (refused->receipt_seq && !named) {  // named: the session's cross-cutting check has it
    c.session().add("receipt-for-failed-frame", "RC-01", c.version(), Seen::Broken,
                    "RECEIPT " + stomp::show(r) + " answered the " + what +
                        ", and then an ERROR refused it: a RECEIPT means \"successfully "
                        "processed\"");
  }
  if (!named && refused->grammatical &&
      grade("ER-03", c.version(), Seen::Broken) != Verdict::Info) {
    c.session().add("error-receipt-id", "ER-03", c.version(), Seen::Broken,
                    "the ERROR for the " + what + " with receipt:" + stomp::show(r) +
                        " has no receipt-id:" + stomp::show(r));
  }
}

}  // namespace

Outcome judge(std::string_view requirement, Version v, Seen seen, std::string expected,
              std::string actual) {
  return with(grade(requirement, v, seen), std::move(expected), std::move(actual),
              std::string(requirement));
}

Outcome all_of(Session& s, std::vector<Outcome> checks) {
  Outcome first;
  bool failed = false;
  for (Outcome& o : checks) {
    if (o) {
      if (failed) continue;
      first.expected += (first.expected.empty() ? "" : "; ") + o.expected;
      first.actual += (first.actual.empty() ? "" : "; ") + o.actual;
      continue;
    }
    if (!failed) {
      first = std::move(o);
      failed = true;
      continue;
    }
    s.add({"check", o.requirement, o.verdict, "expected " + o.expected + "; got " + o.actual});
  }
  return first;
}

asio::awaitable<Event> await_frame(Conn& c, Wanted w, Millis wait) {
  const auto deadline = Clock::now() + wait;
  for (std::size_t i = c.first_unconsumed();; ++i) {
    const auto got = co_await c.reach(i, deadline);
    if (!got) co_return c.timed_out();
    i = *got;
    const Event& e = c.at(i);
    if (last(e)) co_return e;
    if (e.kind == Event::Kind::Heartbeat) c.consume(i);  // no frame verifier judges them
    if (c.consumed(i)) continue;
    if (matches(e.frame, w)) {
      c.consume(i);
      co_return e;
    }
    if (e.frame.command == Command::Error) co_return e;
  }
}

asio::awaitable<Event> await_after(Conn& c, std::size_t seq, Millis wait) {
  const auto deadline = Clock::now() + wait;
  for (std::size_t i = seq + 1;; ++i) {
    const auto got = co_await c.reach(i, deadline);
    if (!got) co_return c.timed_out();
    i = *got;
    const Event& e = c.at(i);
    if (last(e)) co_return e;
    if (e.kind != Event::Kind::Frame) continue;
    c.consume(i);
    co_return e;
  }
}

asio::awaitable<Outcome> expect_connected(Conn& c, stomp::Frame* out) {
  const Millis wait = c.session().settings().timeout;
  Event e = co_await await_frame(c, {.command = Command::Connected}, wait);
  const bool ok = e.kind == Event::Kind::Frame && e.frame.command == Command::Connected;
  if (ok && out != nullptr) *out = e.frame;
  co_return with(ok ? Verdict::Pass : Verdict::Fail, "CONNECTED", describe(e, wait), "CN-06");
}

asio::awaitable<Outcome> expect_receipt(Conn& c, std::string_view id) {
  const Millis wait = c.session().settings().timeout;
  Event e = co_await await_frame(
      c, {.command = Command::Receipt, .name = "receipt-id", .value = id}, wait);
  const bool ok = e.kind == Event::Kind::Frame && e.frame.command == Command::Receipt;
  co_return judge("RC-01", c.version(), ok ? Seen::Met : Seen::Broken,
                  "RECEIPT receipt-id:" + stomp::show(id), describe(e, wait));
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
                       std::to_string(total) + " MESSAGEs, then on " + conns[i]->name() + " " +
                           describe(e, kSlice));
      }
      out[i].push_back(std::move(e.frame));
      ++total;
      if (total >= n) {
        enough = true;
        until = Clock::now() + settings.quiet;
      }
    }
  }
  co_return with(enough ? Verdict::Pass : Verdict::Fail, expected,
                 std::to_string(total) + " within " + ms(settings.timeout.count() * 1000));
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
  co_return judge("DC-03", c.version(), ok ? Seen::Met : Seen::Broken, "the close",
                  describe(e, wait));
}

asio::awaitable<Outcome> expect_refusal(Conn& c, Refusal r, stomp::Frame* error) {
  const Settings& st = c.session().settings();
  const Version v = c.version();
  const std::string expected =
      "ERROR, then the close within " + std::to_string(st.close_window.count()) + " ms";
  Event e = co_await await_frame(c, {.command = Command::Error}, st.timeout);
  if (e.kind == Event::Kind::Frame) {
    if (error != nullptr) *error = e.frame;
    c.close_judged();
    judge_answers(c, e);
    const std::string got = describe(e.frame);
    const Millis since{(c.session().now_us() - e.at_us) / 1000};
    const Event after = co_await await_after(c, e.seq, st.close_window - since);
    if (after.kind == Event::Kind::Closed) {
      co_return judge(r.requirement, v, Seen::Met, expected,
                      got + ", then the close after " + ms(after.at_us - e.at_us));
    }
    const std::string then =
        after.kind == Event::Kind::Timeout
            ? "the connection still open " + ms(c.session().now_us() - e.at_us) + " after it"
            : describe(after, st.close_window);
    co_return judge(r.close, v, Seen::Broken, expected, got + ", then " + then);
  }
  if (e.kind == Event::Kind::Closed) {
    co_return judge(r.requirement, v, Seen::Lingering, expected,
                    "the close without an ERROR (" + e.detail + ")");
  }
  if (e.kind == Event::Kind::Timeout) {
    co_return judge(r.requirement, v, Seen::Broken, expected,
                    "accepted: " + describe(e, st.timeout));
  }
  co_return with(Verdict::Fail, expected, describe(e, st.timeout), "FR-01");
}

asio::awaitable<Outcome> expect_receipt_then_close(Conn& c, std::string_view id) {
  const Millis wait = c.session().settings().timeout;
  const Version v = c.version();
  const std::string expected = "RECEIPT receipt-id:" + stomp::show(id) + ", then the close";
  Event e = co_await await_frame(
      c, {.command = Command::Receipt, .name = "receipt-id", .value = id}, wait);
  if (e.kind == Event::Kind::Closed) {
    co_return judge("RC-01", v, Seen::Lingering, expected,
                    "the close without the RECEIPT (" + e.detail +
                        "); the spec warns it may be lost (1.2#Connection_Lingering)");
  }
  if (e.kind != Event::Kind::Frame || e.frame.command != Command::Receipt) {
    co_return judge("RC-01", v, Seen::Broken, expected, describe(e, wait));
  }
  const Event after = co_await await_after(c, e.seq, wait);
  const bool closed = after.kind == Event::Kind::Closed;
  co_return judge("DC-03", v, closed ? Seen::Met : Seen::Broken, expected,
                  "RECEIPT, then " + describe(after, wait));
}

Outcome expect_header(Version v, std::string_view requirement, const stomp::Frame& f,
                      std::string_view name, std::string_view value) {
  auto got = f.header(name);
  const std::string want = std::string(name) + ":" + stomp::show(value);
  if (got == value) return with(Verdict::Pass, want, want);
  return judge(
      requirement, v, Seen::Broken, std::string(stomp::to_string(f.command)) + " with " + want,
      got ? std::string(name) + ":" + stomp::show(*got) : "no " + std::string(name) + " header");
}

Outcome expect_has_header(Version v, std::string_view requirement, const stomp::Frame& f,
                          std::string_view name) {
  const std::string want =
      std::string(stomp::to_string(f.command)) + " with a " + std::string(name) + " header";
  if (f.header(name)) return with(Verdict::Pass, want, want);
  return judge(requirement, v, Seen::Broken, want, describe(f));
}

}  // namespace stompcheck
