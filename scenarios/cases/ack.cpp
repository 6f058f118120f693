// ACK and NACK, and the client / client-individual ack modes (1.2#ACK, 1.2#NACK,
// 1.2#SUBSCRIBE_ack_Header: AK-, SB-06, SB-09 rows).
#include <algorithm>
#include <string>
#include <vector>

#include "scenarios/cases/cases.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

// Three messages m0 m1 m2 on a `mode` subscription, received, m1 acknowledged; then the
// connection drops and a new one subscribes. `back` gets the bodies that come back while
// waiting for `expected` of them.
asio::awaitable<Outcome> ack_m1_and_reconnect(Session& s, std::string mode, std::size_t expected,
                                              std::vector<stomp::Frame>& back) {
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  const std::string q = s.queue();
  if (auto o = co_await subscribe(*c, q, "sub-0", mode); !o) co_return o;
  for (int i = 0; i < 3; ++i) {
    // Appended, not "m" + std::to_string(i): g++ 12 -O3 gives a false -Werror=restrict there.
    std::string body = "m";
    body += std::to_string(i);
    if (auto o = co_await send_to(*c, q, body); !o) co_return o;
  }
  std::vector<stomp::Frame> got;
  if (auto o = co_await expect_messages(*c, 3, got); !o) co_return o;
  if (auto o = co_await with_receipt(*c, ack_of(*c, got[1])); !o) co_return o;
  c->drop();
  auto again = co_await s.connect();
  if (!again) co_return again.outcome;
  if (auto o = co_await subscribe(*again, q, "sub-1"); !o) co_return o;
  std::vector<std::vector<stomp::Frame>> per;
  const std::vector<Conn*> conns{again.conn};
  co_await collect_messages(conns, expected, per);
  back = std::move(per.front());
  co_return Outcome{};
}

// What came back after the reconnect: an acknowledged message never may (FAIL); the
// unacknowledged ones should, but that is INFO unless the profile declares redelivery
// (GRADING.md §10.4).
Outcome judge(const Session& s, const std::vector<stomp::Frame>& back,
              const std::vector<std::string>& acked, const std::vector<std::string>& unacked) {
  auto has = [&](const std::string& body) {
    return std::any_of(back.begin(), back.end(),
                       [&](const stomp::Frame& f) { return f.body == body; });
  };
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& x : v) out += (out.empty() ? "" : ",") + x;
    return out;
  };
  Outcome o{.verdict = Verdict::Pass,
            .expected = "redelivered: " + join(unacked) + ", never " + join(acked),
            .actual = "redelivered: " + bodies(back)};
  if (std::any_of(acked.begin(), acked.end(), has)) {
    o.verdict = Verdict::Fail;
  } else if (!std::all_of(unacked.begin(), unacked.end(), has)) {
    o.verdict = s.profile().redelivers ? Verdict::Fail : Verdict::Info;
    if (!s.profile().redelivers) o.actual += " (the profile does not declare redelivery)";
  }
  return o;
}

}  // namespace

std::span<const Scenario> ack() {
  static const std::vector<Scenario> all{
      {
          .id = "ack/client-ack-receipt",
          .requirements = {"AK-01", "AK-02", "AK-03", "AK-06"},
          .spec = "1.2#ACK",
          .title = "A client-mode MESSAGE (with an ack header in 1.2) is ACKed; the ACK gets "
                   "its RECEIPT",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            stomp::Frame m;
            const RoundTrip r{.destination = s.queue(), .ack = "client"};
            if (auto o = co_await round_trip(*c, r, m); !o) co_return o;
            if (s.version() == Version::V1_2) {
              if (auto o = expect_has_header(s.version(), "AK-06", m, "ack"); !o) co_return o;
            }
            co_return co_await with_receipt(*c, ack_of(*c, m));
          },
      },
      {
          .id = "ack/client-is-cumulative",
          .requirements = {"SB-06", "AK-07"},
          .spec = "1.2#SUBSCRIBE_ack_Header",
          .title = "client mode: ACK of m1 also acknowledges m0; after a reconnect only m2 "
                   "comes back",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            std::vector<stomp::Frame> back;
            if (auto o = co_await ack_m1_and_reconnect(s, "client", 1, back); !o) co_return o;
            co_return judge(s, back, {"m0", "m1"}, {"m2"});
          },
      },
      {
          .id = "ack/client-individual",
          .requirements = {"SB-09", "AK-07"},
          .spec = "1.2#SUBSCRIBE_ack_Header",
          .title = "client-individual mode: ACK of m1 acknowledges m1 only; m0 and m2 come back",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            std::vector<stomp::Frame> back;
            if (auto o = co_await ack_m1_and_reconnect(s, "client-individual", 2, back); !o) {
              co_return o;
            }
            co_return judge(s, back, {"m1"}, {"m0", "m2"});
          },
      },
      {
          .id = "ack/nack-receipt",
          .requirements = {"AK-05", "RC-01"},
          .spec = "1.2#NACK",
          .title = "NACK of a client-individual MESSAGE gets its RECEIPT (what follows is INFO)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            stomp::Frame m;
            const RoundTrip r{.destination = s.queue(), .ack = "client-individual"};
            if (auto o = co_await round_trip(*c, r, m); !o) co_return o;
            Outcome o = co_await with_receipt(*c, ack_of(*c, m, Command::Nack));
            if (!o) co_return o;
            std::vector<std::vector<stomp::Frame>> again;
            const std::vector<Conn*> conns{c.conn};
            co_await collect_messages(conns, 0, again);
            o.actual += "; then redelivered (INFO, GRADING.md §10.10): " + bodies(again.front());
            co_return o;
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
