#include "scenarios/server_frames.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include <stomp/notation.hpp>

#include "scenarios/steps.hpp"
#include "scenarios/timeout.hpp"
#include "scenarios/verify.hpp"

namespace stompcheck {
namespace {

using stomp::Command;
using stomp::Version;
using Clock = std::chrono::steady_clock;

// Beyond this a MESSAGE is not read back in the size-limit cases (time, not a limit).
constexpr std::size_t kEchoOctets = std::size_t{8} * 1024 * 1024;
// Headers a broker adds to a MESSAGE (destination, message-id, subscription, ...): room kept
// for them under the harness's max_headers.
constexpr std::size_t kAddedHeaders = 16;
// A step that got nothing within the timeout waits this many timeouts more before it is a hang.
constexpr int kLateFactor = 4;
// How a step's cost may grow when its size doubles (a cost quadratic in the size: 4x) before a
// step without an answer is slow rather than hung.
constexpr int kSlowGrowth = 4;
// A step answered after more than timeout / kSlowStop, and more than kSuperlinear times later
// than the step before (a cost growing faster than the size), ends the growth (INFO): slow.
constexpr int kSlowStop = 4;
constexpr int kSuperlinear = 3;

std::string ms(std::int64_t us) { return std::to_string(us / 1000) + " ms"; }

// A value short enough for Expected / Actual: long ones by size and their first octets.
std::string brief(std::string_view value) {
  constexpr std::size_t kShown = 32;
  if (value.size() <= kShown) return stomp::show(value);
  return stomp::show(value.substr(0, kShown)) + "... (" + std::to_string(value.size()) + " octets)";
}

// Would the MESSAGE that `f` leads to stay within the harness's own limits (and kEchoOctets)?
bool fits(const stomp::Frame& f, const stomp::Limits& limits) {
  std::size_t line = 0, octets = f.body.size();
  for (const stomp::Header& h : f.headers) {
    const std::size_t one = h.name.size() + 1 + h.value.size();
    line = std::max(line, one);
    octets += one + 1;
  }
  return f.headers.size() + kAddedHeaders <= limits.max_headers && line <= limits.max_line &&
         f.body.size() <= limits.max_body && octets <= kEchoOctets &&
         octets + std::size_t{64} * 1024 <= limits.max_frame;
}

// What ended a growing step that got no RECEIPT: `e` (an ERROR not yet consumed, the close,
// a violation, or the timeout), graded as GRADING.md §1 says for FR-19.
asio::awaitable<Outcome> judge_refusal(Conn& c, const Event& e, const std::string& expected,
                                       const std::string& sofar) {
  const Settings& st = c.session().settings();
  const Version v = c.version();
  if (e.kind == Event::Kind::Frame && e.frame.command == Command::Error) {
    const Event error = co_await await_frame(c, {.command = Command::Error}, st.timeout);
    c.close_judged();
    const Millis since{(c.session().now_us() - error.at_us) / 1000};
    const Event after = co_await await_after(c, error.seq, std::max(st.close_window - since, {}));
    const std::string got = describe(error.frame);
    if (after.kind == Event::Kind::Closed) {
      co_return judge("FR-19", v, Seen::Met, expected,
                      got + ", then the close after " + ms(after.at_us - error.at_us) + sofar);
    }
    // 1.2#ERROR: the close is a MUST; 1.1#Size_Limits: "disconnect the client" (FR-19).
    co_return judge(v == Version::V1_2 ? "ER-01" : "FR-19", v, Seen::Broken, expected,
                    got + ", then " + describe(after, st.close_window) + sofar);
  }
  if (e.kind == Event::Kind::Closed) {
    co_return judge("FR-19", v, Seen::Lingering, expected,
                    "the close without an ERROR (" + e.detail + ")" + sofar);
  }
  if (e.kind == Event::Kind::Timeout) {
    // GRADING.md §1 FR-19: a hang is a FAIL, whatever the SHOULD says of the refusal.
    co_return Outcome{.verdict = Verdict::Fail,
                      .expected = expected,
                      .actual = "neither a RECEIPT nor an ERROR nor the close: " +
                                describe(e, st.timeout) + " (a hang)" + sofar,
                      .requirement = "FR-19"};
  }
  co_return Outcome{.verdict = Verdict::Fail,
                    .expected = expected,
                    .actual = describe(e, st.timeout),
                    .requirement = "FR-01"};
}

}  // namespace

asio::awaitable<Asked> ask_receipt(Conn& c, stomp::Frame f) {
  Asked a{.receipt = c.session().receipt(), .what = std::string(stomp::to_string(f.command))};
  f.headers.push_back({"receipt", a.receipt});
  co_await c.send(f);
  co_return a;
}

asio::awaitable<std::vector<Outcome>> expect_receipts(Conn& c, const std::vector<Asked>& asked) {
  const Millis wait = c.session().settings().timeout;
  const auto deadline = Clock::now() + wait;
  const Version v = c.version();
  std::vector<Outcome> out;
  for (const Asked& a : asked) {
    const Event e = co_await await_frame(
        c, {.command = Command::Receipt, .name = "receipt-id", .value = a.receipt},
        remaining(deadline));
    const bool ok = e.kind == Event::Kind::Frame && e.frame.command == Command::Receipt;
    const std::string want = a.what + ": RECEIPT receipt-id:" + stomp::show(a.receipt);
    out.push_back(
        judge("RC-01", v, ok ? Seen::Met : Seen::Broken, want, ok ? want : describe(e, wait)));
    if (!ok) continue;
    const std::size_t body = e.frame.body.size();
    out.push_back(judge("RC-04", v, body == 0 ? Seen::Met : Seen::Broken,
                        a.what + ": an empty RECEIPT body",
                        body == 0 ? "empty" : "a body of " + std::to_string(body) + " octets"));
  }
  co_return out;
}

std::vector<Outcome> carried(Version v, std::string_view requirement, const stomp::Frame& sent,
                             const stomp::Frame& m) {
  std::vector<Outcome> out;
  std::size_t kept = 0;
  for (const stomp::Header& h : sent.headers) {
    if (h.name == "receipt") continue;
    auto got = m.header(h.name);
    if (got == h.value) {
      ++kept;
      continue;
    }
    out.push_back(judge(requirement, v, Seen::Broken, h.name + ":" + brief(h.value),
                        got ? h.name + ":" + brief(*got) : "no " + h.name + " header"));
  }
  const bool same = m.body == sent.body;
  out.push_back(
      judge("MS-08", v, same ? Seen::Met : Seen::Broken,
            std::to_string(kept + out.size()) + " headers and a body of " +
                std::to_string(sent.body.size()) + " octets as sent",
            (same ? "the same body"
                  : "a body of " + std::to_string(m.body.size()) + " octets, not the one sent") +
                (out.empty() ? ", every header" : "")));
  std::rotate(out.begin(), out.end() - 1, out.end());  // the body first: it sums up
  return out;
}

asio::awaitable<Outcome> grow(Session& s, const Dimension& d) {
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  const Version v = s.version();
  const std::string unit = " " + std::string(d.unit);
  const std::string topic = s.topic();
  const std::string unread = s.topic("unread");
  const std::string expected = "refused past a limit (" + std::string(d.name) + " " +
                               std::to_string(d.start) + " doubled up to " + std::to_string(d.cap) +
                               unit + "): ERROR, then the close";
  if (auto o = co_await subscribe(*c, topic, "sub-0"); !o) co_return o;
  bool echo = true;
  std::size_t accepted = 0;
  auto sofar = [&] {
    return "; largest accepted: " + (accepted == 0 ? "none" : std::to_string(accepted) + unit);
  };
  const auto begin = Clock::now();
  Clock::duration last{};  // what the last step took
  std::size_t n = d.start;
  for (; n <= d.cap && Clock::now() - begin < kGrowthBound; n *= 2) {
    const auto step = Clock::now();
    stomp::Frame f = d.frame(topic, n);
    // Past what the harness reads back, to a topic nobody subscribes to (no UNSUBSCRIBE: a
    // 1.0 broker may unsubscribe by destination only, US-02).
    echo = echo && fits(f, s.settings().limits);
    if (!echo) f.headers.front().value = unread;  // destination, the frame's first header
    const std::string r = s.receipt();
    f.headers.push_back({"receipt", r});
    s.note(std::string(d.name) + ": " + std::to_string(n) + unit);
    co_await c->send(f);  // a write cut short by the close is judged by what was read
    const Wanted receipt{.command = Command::Receipt, .name = "receipt-id", .value = r};
    Event e = co_await await_frame(*c, receipt, s.settings().timeout);
    if (e.kind == Event::Kind::Timeout) {
      // Slow is not a hang: a cost that grows faster than the frame answers late.
      e = co_await await_frame(*c, receipt, kLateFactor * s.settings().timeout);
      if (e.kind == Event::Kind::Frame && e.frame.command == Command::Receipt) {
        accepted = n;
        co_return judge(
            "FR-19", v, Seen::Noted, expected,
            "no refusal: the RECEIPT for " + std::to_string(n) + unit + " came " +
                ms(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - step)
                       .count()) +
                " after it, past the timeout" + sofar());
      }
    }
    const auto waited = (1 + kLateFactor) * s.settings().timeout;
    if (e.kind == Event::Kind::Timeout && kSlowGrowth * last >= waited) {
      // The previous step's cost, grown as a quadratic cost grows when the size doubles,
      // already reaches the wait: too slow to tell from a hang, so not called one.
      co_return judge("FR-19", v, Seen::Noted, expected,
                      "no answer within " + ms(waited.count() * 1000) + " at " + std::to_string(n) +
                          unit + ", the previous step took " +
                          ms(std::chrono::duration_cast<std::chrono::microseconds>(last).count()) +
                          ": too slow to tell from a hang" + sofar());
    }
    if (e.kind != Event::Kind::Frame || e.frame.command != Command::Receipt) {
      co_return co_await judge_refusal(*c, e, expected,
                                       "; at " + std::to_string(n) + unit + sofar());
    }
    if (echo) {
      stomp::Frame m;
      if (auto o = co_await expect_message(*c, m); !o) co_return o;
      if (Outcome o = all_of(s, carried(v, "MS-06", f, m)); !o) {
        o.actual += "; at " + std::to_string(n) + unit;
        co_return o;
      }
    }
    accepted = n;
    const Clock::duration before = last;
    last = Clock::now() - step;
    if (last * kSlowStop > s.settings().timeout && last > kSuperlinear * before) {
      // Answers slow down faster than the size grows: the next step could keep the broker
      // busy long past the case (and the cases after it), so growth stops here.
      co_return judge(
          "FR-19", v, Seen::Noted, expected,
          "no refusal; growth stopped: the step of " + std::to_string(n) + unit + " took " +
              ms(std::chrono::duration_cast<std::chrono::microseconds>(last).count()) + sofar());
    }
  }
  const std::string took = ms(std::chrono::duration_cast<std::chrono::microseconds>(last).count());
  const std::string why = n > d.cap ? "up to the cap"
                                    : "within the " + ms(kGrowthBound.count() * 1000) +
                                          " bound (the last step took " + took + ")";
  co_return judge("FR-19", v, Seen::Noted, expected, "no refusal " + why + sofar());
}

}  // namespace stompcheck
