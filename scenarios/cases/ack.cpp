// ACK and NACK, and the client / client-individual ack modes (1.2#ACK, 1.2#NACK,
// 1.2#SUBSCRIBE_ack_Header: AK-, SB-06, SB-09 rows).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/cases/cases.hpp"
#include "scenarios/messaging.hpp"

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
  std::vector<std::string> queues{q};
  co_return co_await drop_and_collect(s, *c, std::move(queues), expected, back);
}

// The requirement an ACK's headers answer to at the version: AK-01 (1.2 id), AK-02 (1.1
// message-id and subscription), AK-03 (1.0 message-id).
std::string_view ack_rule(Version v) {
  if (v == Version::V1_2) return "AK-01";
  return v == Version::V1_1 ? "AK-02" : "AK-03";
}

// An ACK or NACK whose id names no message delivered (1.2 id, 1.0/1.1 message-id), with a
// receipt: refused or ignored is INFO (AK-01..AK-03), but when it is accepted the MESSAGE it
// did not name must stay unacknowledged: it comes back after a reconnect (GRADING.md §10.4).
asio::awaitable<Outcome> wrong_id(Session& s, Command command) {
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  const std::string q = s.queue();
  stomp::Frame m;
  const RoundTrip r{.destination = q,
                    .ack = s.version() == Version::V1_0 ? "client" : "client-individual"};
  if (auto o = co_await round_trip(*c, r, m); !o) co_return o;
  stomp::Frame f = ack_of(*c, m, command);
  for (stomp::Header& h : f.headers) {
    if (h.name == "id" || h.name == "message-id") h.value = "no-such-message";
  }
  const std::string receipt = s.receipt();
  f.headers.push_back({"receipt", receipt});
  co_await c->send(f);
  const Reaction re = recorded(ack_rule(s.version()));
  Outcome o = co_await expect_reaction(*c, receipt, re);
  if (o.verdict != Verdict::Info) co_return o;
  std::vector<stomp::Frame> back;
  std::vector<std::string> queues{q};
  if (auto d = co_await drop_and_collect(s, *c, std::move(queues), 1, back); !d) co_return d;
  Outcome kept =
      judge_redelivery(s, back, {.unacked = {"m"}, .requirement = ack_rule(s.version())});
  if (kept.verdict != Verdict::Pass) {
    kept.actual = o.actual + "; then " + kept.actual;
    co_return kept;
  }
  o.actual += "; the MESSAGE it did not name stayed unacknowledged (" + kept.actual + ")";
  co_return o;
}

// Where a NACKed message was seen again: on the subscription, or after a reconnect; graded by
// the profile's nack claim (GRADING.md §10.10): "redeliver" and never seen again is a NACK
// that acted like an ACK (AK-05); any other observation only records what the broker did.
Outcome judge_nack(const Session& s, const std::string& seen) {
  const std::optional<NackOutcome> claim = s.profile().nack;
  const bool back = seen != "none";
  const std::string said =
      claim ? "the profile says " + std::string(to_string(*claim)) : "the profile says nothing";
  const std::string expected =
      claim ? std::string(*claim == NackOutcome::Redeliver ? "the NACKed message redelivered"
                                                           : "the NACKed message not redelivered") +
                  " (" + said + ")"
            : "the NACK's outcome recorded (" + said + ")";
  const std::string actual = back ? "redelivered " + seen : "never redelivered";
  if (!claim) return judge("AK-05", s.version(), Seen::Noted, expected, actual);
  if ((*claim == NackOutcome::Redeliver) == back) {
    return {.verdict = Verdict::Pass, .expected = expected, .actual = actual};
  }
  return judge("AK-05", s.version(), back ? Seen::Noted : Seen::Broken, expected, actual);
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
          .id = "ack/unacked-not-consumed",
          .requirements = {"AK-07", "SB-07"},
          .spec = "1.2#ACK",
          .title = "client mode: m0 ACKed, m1 received, m2 not yet: after a reconnect m1 and m2 "
                   "come back, m0 does not (a missing one is INFO unless the profile redelivers)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            // One MESSAGE at a time: a broker may hold the next one until the ACK.
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*c, q, "sub-0", "client"); !o) co_return o;
            for (const char* body : {"m0", "m1", "m2"}) {
              if (auto o = co_await send_to(*c, q, body); !o) co_return o;
            }
            stomp::Frame m0;
            stomp::Frame m1;
            if (auto o = co_await expect_message(*c, m0); !o) co_return o;
            if (auto o = co_await with_receipt(*c, ack_of(*c, m0)); !o) co_return o;
            if (auto o = co_await expect_message(*c, m1); !o) co_return o;
            std::vector<stomp::Frame> back;
            std::vector<std::string> queues{q};
            if (auto o = co_await drop_and_collect(s, *c, std::move(queues), 2, back); !o) {
              co_return o;
            }
            co_return judge_redelivery(
                s, back, {.acked = {"m0"}, .unacked = {"m1", "m2"}, .requirement = "AK-07"});
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
            co_return judge_redelivery(
                s, back, {.acked = {"m0", "m1"}, .unacked = {"m2"}, .requirement = "SB-06"});
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
            co_return judge_redelivery(
                s, back, {.acked = {"m1"}, .unacked = {"m0", "m2"}, .requirement = "SB-09"});
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
      {
          .id = "ack/cumulative-scope",
          .requirements = {"SB-09", "SB-06"},
          .spec = "1.2#SUBSCRIBE_ack_Header",
          .title = "Two subscriptions on one connection: a cumulative ACK of a0 (client) leaves "
                   "b0 (client-individual, received before) unacknowledged",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string qa = s.queue("a");
            const std::string qb = s.queue("b");
            if (auto o = co_await subscribe(*c, qa, "sub-a", "client"); !o) co_return o;
            if (auto o = co_await subscribe(*c, qb, "sub-b", "client-individual"); !o) {
              co_return o;
            }
            stomp::Frame b0, a0;
            if (auto o = co_await send_to(*c, qb, "b0"); !o) co_return o;
            if (auto o = co_await expect_message(*c, b0); !o) co_return o;
            if (auto o = co_await send_to(*c, qa, "a0"); !o) co_return o;
            if (auto o = co_await expect_message(*c, a0); !o) co_return o;
            if (auto o = co_await with_receipt(*c, ack_of(*c, a0)); !o) co_return o;
            std::vector<stomp::Frame> back;
            std::vector<std::string> queues{qa, qb};
            if (auto o = co_await drop_and_collect(s, *c, std::move(queues), 1, back); !o) {
              co_return o;
            }
            // b0 is on a client-individual subscription: an ACK for a later message must not
            // acknowledge it (SB-09), whatever the scope of A's cumulative ACK (GRADING.md §9.7).
            co_return judge_redelivery(
                s, back, {.acked = {"a0"}, .unacked = {"b0"}, .requirement = "SB-09"});
          },
      },
      {
          .id = "ack/wrong-id",
          .requirements = {"AK-01", "AK-02", "AK-03"},
          .spec = "1.2#ACK",
          .title = "ACK naming no delivered message (INFO: refused or ignored; it must not "
                   "acknowledge the MESSAGE it did not name)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await wrong_id(s, Command::Ack);
          },
      },
      {
          .id = "ack/nack-wrong-id",
          .requirements = {"AK-01", "AK-02", "AK-05"},
          .spec = "1.2#NACK",
          .title = "NACK naming no delivered message (INFO: refused or ignored; it must not "
                   "settle the MESSAGE it did not name)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await wrong_id(s, Command::Nack);
          },
      },
      {
          .id = "ack/nack-outcome",
          .requirements = {"AK-05"},
          .spec = "1.2#NACK",
          .title = "NACK of a client-individual MESSAGE: redelivered, discarded or "
                   "dead-lettered, graded by the profile's nack claim",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            stomp::Frame m;
            const RoundTrip r{.destination = q, .ack = "client-individual"};
            if (auto o = co_await round_trip(*c, r, m); !o) co_return o;
            if (auto o = co_await with_receipt(*c, ack_of(*c, m, Command::Nack)); !o) co_return o;
            const bool claimed = s.profile().nack == NackOutcome::Redeliver;
            std::vector<std::vector<stomp::Frame>> again;
            const std::vector<Conn*> conns{c.conn};
            co_await collect_messages(conns, claimed ? 1 : 0, again);
            if (!again.front().empty()) {
              co_return judge_nack(s, bodies(again.front()) + " on the subscription");
            }
            std::vector<stomp::Frame> back;
            std::vector<std::string> queues{q};
            if (auto o = co_await drop_and_collect(s, *c, std::move(queues), claimed ? 1 : 0, back);
                !o) {
              co_return o;
            }
            co_return judge_nack(s, back.empty() ? "none" : bodies(back) + " after a reconnect");
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
