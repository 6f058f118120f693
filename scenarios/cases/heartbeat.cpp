// Heart-beating (1.2#Heart-beating, HB-...). Timing cases declare their tolerance in Expected
// (tolerance() in scenarios/heartbeat_watch.hpp: interval × 1.5 + 250 ms) and watch for a
// bounded window of a few agreed intervals; no case retries.
#include <algorithm>
#include <array>
#include <regex>
#include <string>
#include <vector>

#include <stomp/notation.hpp>

#include "scenarios/cases/cases.hpp"
#include "scenarios/heartbeat_watch.hpp"
#include "scenarios/reaction.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;

constexpr Millis kMaxWindow{6000};  // a case watches no longer (HB-05 row: bounded)

// HB-01: not two integers; spaces; past 64 bits.
constexpr std::array<std::string_view, 5> kBadOffers{"1", "a,b", "-1,0", "1000 , 1000",
                                                     "18446744073709551616,0"};

// CONNECT offering `offer` ("cx,cy"), CONNECTED, and the intervals agreed into `beat`: a
// CONNECTED value that is not "digits,digits" breaks HB-01 (none means 0,0: HB-02).
asio::awaitable<Link> offering(Session& s, std::string offer, Beat& beat) {
  std::vector<stomp::Header> hb;
  hb.push_back({"heart-beat", offer});
  Link c = co_await s.connect(std::move(hb));
  if (!c) co_return c;
  const std::string got(c->connected().header("heart-beat").value_or("0,0"));
  const std::string shown = "CONNECTED heart-beat:" + stomp::show(got);
  auto b = agreed(offer, got);
  if (!b) {
    c.outcome = judge("HB-01", s.version(), Seen::Broken, "heart-beat digits,digits", shown);
    c.conn = nullptr;
    co_return c;
  }
  beat = *b;
  const std::string each = "offer " + offer + ", " + shown + ": client to server every " +
                           std::to_string(b->to_server.count()) + " ms, server to client every " +
                           std::to_string(b->to_client.count()) + " ms (0: none; HB-03)";
  c.outcome = {.verdict = Verdict::Pass, .expected = "heart-beat digits,digits", .actual = each};
  co_return c;
}

// CONNECTED's heart-beat, when present, is "digits,digits" (HB-01, GRADING.md §10.9).
Outcome shape(Session& s, const stomp::Frame& connected) {
  const std::string hb(connected.header("heart-beat").value_or("0,0"));
  const bool ok = std::regex_match(hb, std::regex("[0-9]+,[0-9]+"));
  return judge("HB-01", s.version(), ok ? Seen::Met : Seen::Broken,
               "CONNECTED heart-beat digits,digits", "CONNECTED heart-beat:" + stomp::show(hb));
}

// SEND with a receipt: the connection still works after the watch.
asio::awaitable<Outcome> usable(Session& s, Conn& c) {
  co_return co_await send_to(c, s.queue("hb"), "alive");
}

// A window of a few agreed intervals, or nullopt beyond the case's bound.
std::optional<Millis> window_for(const Beat& b, int intervals) {
  const Millis longest = std::max(b.to_client, b.to_server);
  const Millis w = std::max(Millis{1000}, longest * intervals);
  if (w > kMaxWindow) return std::nullopt;
  return w;
}

Outcome too_long(Session& s, const Link& c) {
  return judge(
      "HB-03", s.version(), Seen::Noted,
      "agreed intervals that fit a window of " + std::to_string(kMaxWindow.count()) + " ms",
      c.outcome.actual + ": not measured");
}

// The offer's consequences both ways for a window of two agreed intervals: the server's data
// within tolerance (or no heart-beat when none is due), the client's EOLs every half interval
// (when one is due) keep the connection open, and it still works after.
asio::awaitable<Outcome> negotiation(Session& s, std::string offer) {
  Beat b;
  Link c = co_await offering(s, std::move(offer), b);
  if (!c) co_return c.outcome;
  auto w = window_for(b, 2);
  if (!w) co_return too_long(s, c);
  const Outcome watched = co_await watch_heartbeats(
      *c, {.window = *w, .to_client = b.to_client, .send_every = b.to_server / 2});
  const Outcome after = co_await usable(s, *c);
  co_return all_of(s, {c.outcome, watched, after});
}

// The client writes `beat` every num/den of the agreed client-to-server interval (at most
// `cap`) for three intervals; the server must keep the connection open (HB-05, GRADING.md
// §10.8), and it still works after.
asio::awaitable<Outcome> kept_alive(Session& s, std::string_view beat, int num, int den,
                                    Millis cap) {
  Beat b;
  Link c = co_await offering(s, "200,0", b);
  if (!c) co_return c.outcome;
  auto w = window_for(b, 3);
  if (!w) co_return too_long(s, c);
  const Millis every = std::min(b.to_server * num / den, cap);
  const Outcome watched =
      co_await watch_heartbeats(*c, {.window = *w, .send_every = every, .beat = beat});
  const Outcome after = co_await usable(s, *c);
  co_return all_of(s, {c.outcome, watched, after});
}

}  // namespace

std::span<const Scenario> heartbeat() {
  static const std::vector<Scenario> all{
      {
          .id = "heartbeat/negotiation-0-0",
          .requirements = {"HB-03", "HB-01", "HB-05"},
          .spec = "1.2#Heart-beating",
          .title = "Offer 0,0: no heart-beat either way, an idle connection stays open",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await negotiation(s, "0,0");
          },
      },
      {
          .id = "heartbeat/negotiation-0-n",
          .requirements = {"HB-03", "HB-01", "HB-04"},
          .spec = "1.2#Heart-beating",
          .title = "Offer 0,300: the server's data every MAX(sx,300) ms (× 1.5 + 250 ms), or none",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await negotiation(s, "0,300");
          },
      },
      {
          .id = "heartbeat/negotiation-n-0",
          .requirements = {"HB-03", "HB-01", "HB-05"},
          .spec = "1.2#Heart-beating",
          .title =
              "Offer 300,0: no server heart-beat; client EOLs every MAX(300,sy)/2 keep it open",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await negotiation(s, "300,0");
          },
      },
      {
          .id = "heartbeat/negotiation-n-m",
          .requirements = {"HB-03", "HB-01", "HB-04", "HB-05"},
          .spec = "1.2#Heart-beating",
          .title = "Offer 300,400: both directions by the MAX rule (× 1.5 + 250 ms tolerance)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await negotiation(s, "300,400");
          },
      },
      {
          .id = "heartbeat/malformed-offer",
          .requirements = {"HB-01", "ER-01"},
          .spec = "1.2#Heart-beating",
          .title = "heart-beat 1, a,b, -1,0, '1000 , 1000', 2^64,0: recorded (ERROR then close)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            if (auto p = co_await s.connect(); !p) co_return p.outcome;
            std::vector<Outcome> each;
            for (std::string_view offer : kBadOffers) {
              auto c = co_await s.open();
              if (!c) co_return c.outcome;
              const stomp::Frame connect = s.connect_frame({{"heart-beat", std::string(offer)}});
              co_await c->send(connect);
              stomp::Frame connected;
              Outcome o = co_await expect_reaction(
                  *c, Command::Connected, {.requirement = "HB-01", .accepted = Seen::Noted},
                  &connected);
              o.actual = "heart-beat:" + std::string(offer) + ": " + o.actual;
              each.push_back(std::move(o));
              if (connected.command == Command::Connected) {  // its own value: digits,digits
                each.push_back(shape(s, connected));
              }
            }
            co_return all_of(s, std::move(each));
          },
      },
      {
          .id = "heartbeat/none-when-zero",
          .requirements = {"HB-02"},
          .spec = "1.2#Heart-beating",
          .title =
              "CONNECT without heart-beat: no heart-beat EOL over 3 s (a frame's EOL is not one)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            if (auto p = co_await s.connect(); !p) co_return p.outcome;
            auto c = co_await s.open();
            if (!c) co_return c.outcome;
            stomp::Frame connect = s.connect_frame();
            std::erase_if(connect.headers,
                          [](const stomp::Header& h) { return h.name == "heart-beat"; });
            co_await c->send(connect);
            if (auto o = co_await expect_connected(*c); !o) co_return o;
            const Outcome watched = co_await watch_heartbeats(
                *c, {.window = Millis{3000}, .to_client = Millis{0}, .unwanted = "HB-02"});
            const Outcome after = co_await usable(s, *c);
            co_return all_of(s, {watched, after});
          },
      },
      {
          .id = "heartbeat/none-in-10",
          .requirements = {"HB-07"},
          .spec = "1.1#Changes_in_the_Protocol",
          .title = "A 1.0 CONNECT carrying heart-beat:0,200: no heart-beat EOL over 1 s",
          .versions = {stomp::Version::V1_0},
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            // 1.0 has no heart-beating: the header is an unknown one there.
            std::vector<stomp::Header> hb;
            hb.push_back({"heart-beat", "0,200"});
            auto c = co_await s.connect(std::move(hb));
            if (!c) co_return c.outcome;
            co_return co_await watch_heartbeats(
                *c, {.window = Millis{1000}, .to_client = Millis{0}, .unwanted = "HB-07"});
          },
      },
      {
          .id = "heartbeat/server-pings-on-time",
          .requirements = {"HB-04", "HB-03"},
          .spec = "1.2#Heart-beating",
          .title = "Offer 0,200: over 3 intervals every gap ≤ interval × 1.5 + 250 ms, EOLs only",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            Beat b;
            Link c = co_await offering(s, "0,200", b);
            if (!c) co_return c.outcome;
            auto w = window_for(b, 3);
            if (!w) co_return too_long(s, c);
            const Outcome watched =
                co_await watch_heartbeats(*c, {.window = *w, .to_client = b.to_client});
            co_return all_of(s, {c.outcome, watched});
          },
      },
      {
          .id = "heartbeat/client-kept-alive",
          .requirements = {"HB-05", "HB-03"},
          .spec = "1.2#Heart-beating",
          .title = "Offer 200,0, a SEND every 3/4 of MAX(200,sy) for 3 intervals: not dropped",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            std::string send = "SEND\ndestination:" + s.queue("kept") + "\n\nalive";
            send.push_back('\0');
            co_return co_await kept_alive(s, send, 3, 4, kMaxWindow);
          },
      },
      {
          .id = "heartbeat/eol-counts-as-liveness",
          .requirements = {"HB-06", "HB-05"},
          .spec = "1.2#Heart-beating",
          .title = "Offer 200,0, only EOLs every 100 ms for 3 intervals: not dropped, still usable",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await kept_alive(s, "\n", 1, 2, Millis{100});  // cx / 2
          },
      },
      {
          .id = "heartbeat/silent-client-dropped",
          .requirements = {"HB-05"},
          .spec = "1.2#Heart-beating",
          .title =
              "Offer 200,0 and silence: closed after ≥ MAX(200,sy) ms, within 3 intervals (MAY)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            Beat b;
            Link c = co_await offering(s, "200,0", b);
            if (!c) co_return c.outcome;
            const std::string n = std::to_string(b.to_server.count());
            // HB-05: the receiver "MAY consider the connection as dead" (an absent MAY is
            // UNSUPPORTED), never before n ms of silence (GRADING.md §10.8).
            if (b.to_server.count() == 0) {
              co_return Outcome{.verdict = grade(Level::May, Seen::Broken),
                                .expected = "the close after the agreed interval",
                                .actual = c.outcome.actual + ": the broker wants none",
                                .requirement = "HB-05"};
            }
            auto w = window_for(b, 3);
            if (!w) co_return too_long(s, c);
            *w += tolerance(b.to_server) - b.to_server;  // room for a grace of 3 intervals
            const Drop d = co_await await_drop(*c, *w);
            const std::string expected = "the close after at least " + n +
                                         " ms of silence, within " + std::to_string(w->count()) +
                                         " ms";
            if (!d.closed) {
              co_return Outcome{.verdict = grade(Level::May, Seen::Broken),
                                .expected = expected,
                                .actual = "still open after " + std::to_string(w->count()) + " ms",
                                .requirement = "HB-05"};
            }
            const bool early = d.after < b.to_server;
            const double factor =
                static_cast<double>(d.after.count()) / static_cast<double>(b.to_server.count());
            co_return judge("HB-05", s.version(), early ? Seen::Broken : Seen::Met, expected,
                            d.detail + " after " + std::to_string(d.after.count()) + " ms (" +
                                std::to_string(factor).substr(0, 4) + " × the interval)");
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
