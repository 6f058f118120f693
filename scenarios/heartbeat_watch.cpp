#include "scenarios/heartbeat_watch.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "scenarios/timeout.hpp"
#include "scenarios/verify.hpp"

namespace stompcheck {
namespace {

using Clock = std::chrono::steady_clock;

std::optional<std::pair<std::uint32_t, std::uint32_t>> pair_of(std::string_view text) {
  const std::size_t comma = text.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view s) -> std::optional<std::uint32_t> {
    std::uint32_t n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return n;
  };
  auto a = number(text.substr(0, comma));
  auto b = number(text.substr(comma + 1));
  if (!a || !b) return std::nullopt;
  return std::pair{*a, *b};
}

Millis interval(std::uint32_t sender, std::uint32_t receiver) {
  return Millis{sender == 0 || receiver == 0 ? 0 : std::max(sender, receiver)};
}

std::string ms(std::int64_t us) { return std::to_string(us / 1000) + " ms"; }

}  // namespace

std::optional<Beat> agreed(std::string_view offer, std::string_view connected) {
  auto c = pair_of(offer);
  auto s = pair_of(connected);
  if (!c || !s) return std::nullopt;
  return Beat{.to_server = interval(c->first, s->second),
              .to_client = interval(s->first, c->second)};
}

Millis tolerance(Millis interval) { return interval * 3 / 2 + Millis{250}; }

asio::awaitable<Outcome> watch_heartbeats(Conn& c, Watch w) {
  Session& s = c.session();
  const stomp::Version v = c.version();
  const auto start = Clock::now();
  const auto end = start + w.window;
  const std::int64_t start_us = s.now_us();
  auto next_send = w.send_every.count() > 0 ? start + w.send_every : Clock::time_point::max();
  const Millis allowed = tolerance(w.to_client);
  std::string expected = w.to_client.count() > 0
                             ? "data at least every " + std::to_string(allowed.count()) + " ms (" +
                                   std::to_string(w.to_client.count()) +
                                   " ms agreed × 1.5 + 250 ms)"
                             : "no heart-beat EOL (a frame's own EOL, in its read or within " +
                                   std::to_string(kTrailingEol.count()) + " ms, is none)";
  expected += " over " + std::to_string(w.window.count()) + " ms, and the connection open";
  if (w.send_every.count() > 0) {
    expected += " while the client writes every " + std::to_string(w.send_every.count()) + " ms";
  }
  std::size_t i = c.logged();
  std::int64_t last_us = start_us;  // the server's last data
  std::optional<std::int64_t> frame_us;
  if (i > 0 && c.at(i - 1).kind == Event::Kind::Frame) {
    last_us = c.at(i - 1).at_us;
    frame_us = last_us;
  }
  std::int64_t worst = 0;
  int beats = 0, sent = 0;
  std::optional<std::int64_t> unwanted;
  auto summary = [&] {
    return std::to_string(beats) + " heart-beat EOLs" +
           (w.to_client.count() > 0 ? ", largest gap " + ms(worst) : std::string{}) +
           (sent > 0 ? ", " + std::to_string(sent) + " client writes" : std::string{});
  };
  for (;;) {
    const auto got = co_await c.reach(i, std::min(end, next_send));
    if (!got) {
      if (Clock::now() >= end) break;
      if (co_await c.send_raw(w.beat)) ++sent;
      next_send += w.send_every;
      continue;
    }
    i = *got;
    const Event& e = c.at(i);
    if (e.kind == Event::Kind::Broken) {
      co_return judge("FR-01", v, Seen::Broken, expected, describe(e, w.window));
    }
    if (e.kind == Event::Kind::Closed) {
      co_return judge("HB-05", v, Seen::Broken, expected,
                      "the connection closed " + ms(e.at_us - start_us) + " into the window (" +
                          e.detail + "), after " + summary());
    }
    worst = std::max(worst, e.at_us - last_us);
    last_us = e.at_us;
    if (e.kind == Event::Kind::Frame) {
      frame_us = e.at_us;
    } else {
      const bool trailing =
          e.trailing || (frame_us && e.at_us - *frame_us <= kTrailingEol.count() * 1000);
      frame_us.reset();
      if (!trailing) {
        ++beats;
        if (!unwanted) unwanted = e.at_us - start_us;
      }
    }
    ++i;
  }
  worst = std::max(worst, s.now_us() - last_us);
  if (w.to_client.count() == 0) {
    co_return judge(w.unwanted, v, unwanted ? Seen::Broken : Seen::Met, expected,
                    unwanted
                        ? "a heart-beat EOL " + ms(*unwanted) + " into the window; " + summary()
                        : summary());
  }
  const bool late = worst > allowed.count() * 1000;
  co_return judge("HB-04", v, late ? Seen::Broken : Seen::Met, expected, summary());
}

asio::awaitable<Drop> await_drop(Conn& c, Millis window) {
  Session& s = c.session();
  const auto end = Clock::now() + window;
  const std::int64_t start_us = s.now_us();
  for (std::size_t i = c.logged();; ++i) {
    const auto got = co_await c.reach(i, end);
    if (!got) co_return Drop{.closed = false, .after = window, .detail = {}};
    i = *got;
    const Event& e = c.at(i);
    if (e.kind == Event::Kind::Closed || e.kind == Event::Kind::Broken) {
      co_return Drop{.closed = e.kind == Event::Kind::Closed,
                     .after = Millis{(e.at_us - start_us) / 1000},
                     .detail = describe(e, window)};
    }
  }
}

}  // namespace stompcheck
