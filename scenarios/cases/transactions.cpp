// Transactions: BEGIN, COMMIT, ABORT and the transaction header on SEND and ACK (1.2#BEGIN,
// 1.2#COMMIT, 1.2#ABORT: TX- rows, SD-04, AK-04).
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/cases/cases.hpp"
#include "scenarios/messaging.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

const std::string kTx = "tx-1";

// `f`, naming a transaction never begun, with a receipt on a fresh connection (after a
// subscription to `q`): the reaction is unspecified (TX-05, INFO), but a RECEIPT and then an
// ERROR for it is not (RC-01). A SEND accepted there: whether it was delivered is in Actual.
asio::awaitable<Outcome> unknown_tx(Session& s, stomp::Frame f) {
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  const std::string q = s.queue();
  if (auto o = co_await subscribe(*c, q, "sub-0"); !o) co_return o;
  if (f.command == Command::Send) f.headers.push_back({"destination", q});
  const std::string r = s.receipt();
  f.headers.push_back({"receipt", r});
  co_await c->send(f);
  // A refused SEND is closed on (SD-02, 1.1 included); other frames by ER-01.
  const std::string_view close = f.command == Command::Send ? "SD-02" : "ER-01";
  const Reaction re = recorded("TX-05", close);
  Outcome o = co_await expect_reaction(*c, r, re);
  if (f.command == Command::Send && o.verdict == Verdict::Info) {
    std::vector<std::vector<stomp::Frame>> got;
    const std::vector<Conn*> conns{c.conn};
    co_await collect_messages(conns, 0, got);
    o.actual += "; delivered: " + bodies(got.front());
  }
  co_return o;
}

// A MESSAGE received on a client(-individual) subscription, ACKed inside a transaction that
// `end` (COMMIT or ABORT) ends; then the connection drops and `back` gets what comes back.
asio::awaitable<Outcome> tx_ack_and_reconnect(Session& s, Command end,
                                              std::vector<stomp::Frame>& back) {
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  const std::string q = s.queue();
  stomp::Frame m;
  const RoundTrip r{.destination = q,
                    .ack = s.version() == Version::V1_0 ? "client" : "client-individual"};
  if (auto o = co_await round_trip(*c, r, m); !o) co_return o;
  if (auto o = co_await with_receipt(*c, tx_frame(Command::Begin, kTx)); !o) co_return o;
  co_await c->send(in_tx(ack_of(*c, m), kTx));  // its receipt may wait for the COMMIT
  if (auto o = co_await with_receipt(*c, tx_frame(end, kTx)); !o) co_return o;
  std::vector<std::string> queues{q};
  co_return co_await drop_and_collect(s, *c, std::move(queues), end == Command::Abort ? 1 : 0,
                                      back);
}

// A consumer on `q` and a producer connection that BEGINs and SENDs "m" in the transaction;
// `end` ends the producer's connection (DISCONNECT or a TCP drop) before any COMMIT: the
// transaction is aborted, so nothing may arrive (TX-04).
asio::awaitable<Outcome> uncommitted_then(Session& s, bool disconnect) {
  auto consumer = co_await s.connect();
  if (!consumer) co_return consumer.outcome;
  const std::string q = s.queue();
  if (auto o = co_await subscribe(*consumer, q, "sub-0"); !o) co_return o;
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  if (auto o = co_await with_receipt(*c, tx_frame(Command::Begin, kTx)); !o) co_return o;
  co_await send_in_tx(*c, q, "m", kTx);
  if (auto o = co_await fence(s, *c); !o) co_return o;
  if (disconnect) {
    const stomp::Frame bye{.command = Command::Disconnect, .headers = {}, .body = {}};
    co_await c->send(bye);
    if (auto o = co_await expect_close(*c); !o) co_return o;
  } else {
    c->drop();
  }
  Outcome o = co_await expect_quiet(*consumer, "an uncommitted transaction is aborted");
  co_return judge("TX-04", s.version(), o ? Seen::Met : Seen::Broken, o.expected, o.actual);
}

}  // namespace

std::span<const Scenario> transactions() {
  static const std::vector<Scenario> all{
      {
          .id = "tx/commit-delivers",
          .requirements = {"TX-02", "SD-04"},
          .spec = "1.2#COMMIT",
          .title = "BEGIN, SEND in the transaction, COMMIT: the MESSAGE arrives",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*c, q, "sub-0"); !o) co_return o;
            if (auto o = co_await with_receipt(*c, tx_frame(Command::Begin, kTx)); !o) co_return o;
            // The SEND's RECEIPT may come at the COMMIT (GRADING.md §9.8), but it must come.
            const std::string r = s.receipt();
            const stomp::Frame send{
                .command = Command::Send,
                .headers = {{"destination", q}, {"transaction", kTx}, {"receipt", r}},
                .body = "m"};
            co_await c->send(send);
            if (auto o = co_await with_receipt(*c, tx_frame(Command::Commit, kTx)); !o) {
              co_return o;
            }
            stomp::Frame m;
            if (auto o = co_await expect_message(*c, m); !o) co_return o;
            if (auto o = co_await expect_receipt(*c, r); !o) co_return o;
            co_return judge("TX-02", s.version(), m.body == "m" ? Seen::Met : Seen::Broken,
                            "MESSAGE m after the COMMIT", "MESSAGE " + m.body);
          },
      },
      {
          .id = "tx/abort-discards",
          .requirements = {"TX-02", "SD-04"},
          .spec = "1.2#ABORT",
          .title = "BEGIN, SEND in the transaction, ABORT: no MESSAGE arrives",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*c, q, "sub-0"); !o) co_return o;
            if (auto o = co_await with_receipt(*c, tx_frame(Command::Begin, kTx)); !o) co_return o;
            co_await send_in_tx(*c, q, "m", kTx);
            if (auto o = co_await with_receipt(*c, tx_frame(Command::Abort, kTx)); !o) co_return o;
            Outcome o = co_await expect_quiet(*c, "an aborted SEND is discarded");
            co_return judge("TX-02", s.version(), o ? Seen::Met : Seen::Broken, o.expected,
                            o.actual);
          },
      },
      {
          .id = "tx/atomic",
          .requirements = {"TX-02", "SD-04"},
          .spec = "1.2#BEGIN",
          .title = "Two SENDs in a transaction: another connection's subscriber sees neither "
                   "before the COMMIT, both after it",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto consumer = co_await s.connect();
            if (!consumer) co_return consumer.outcome;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*consumer, q, "sub-0"); !o) co_return o;
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            if (auto o = co_await with_receipt(*c, tx_frame(Command::Begin, kTx)); !o) co_return o;
            co_await send_in_tx(*c, q, "m0", kTx);
            co_await send_in_tx(*c, q, "m1", kTx);
            if (auto o = co_await fence(s, *c); !o) co_return o;
            Outcome before = co_await expect_quiet(*consumer, "nothing is visible before COMMIT");
            if (!before) {
              co_return judge("TX-02", s.version(), Seen::Broken, before.expected, before.actual);
            }
            if (auto o = co_await with_receipt(*c, tx_frame(Command::Commit, kTx)); !o) {
              co_return o;
            }
            std::vector<stomp::Frame> got;
            if (auto o = co_await expect_messages(*consumer, 2, got); !o) co_return o;
            const std::string b = bodies(got);
            co_return judge("TX-02", s.version(),
                            b == "m0,m1" || b == "m1,m0" ? Seen::Met : Seen::Broken,
                            "m0 and m1 after the COMMIT", "MESSAGEs " + b);
          },
      },
      {
          .id = "tx/ack-undone-by-abort",
          .requirements = {"AK-04", "TX-02"},
          .spec = "1.2#ACK",
          .title = "An ACK inside a transaction that is ABORTed: the message comes back after a "
                   "reconnect",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            std::vector<stomp::Frame> back;
            if (auto o = co_await tx_ack_and_reconnect(s, Command::Abort, back); !o) co_return o;
            co_return judge_redelivery(s, back, {.unacked = {"m"}, .requirement = "AK-04"});
          },
      },
      {
          .id = "tx/ack-committed",
          .requirements = {"TX-02", "AK-04"},
          .spec = "1.2#ACK",
          .title = "An ACK inside a transaction that is COMMITted: the message never comes back",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            std::vector<stomp::Frame> back;
            if (auto o = co_await tx_ack_and_reconnect(s, Command::Commit, back); !o) co_return o;
            co_return judge_redelivery(s, back, {.acked = {"m"}, .requirement = "TX-02"});
          },
      },
      {
          .id = "tx/commit-unknown",
          .requirements = {"TX-05", "RC-01"},
          .spec = "1.2#COMMIT",
          .title = "COMMIT of a transaction never begun (the reaction is INFO; a RECEIPT and "
                   "then an ERROR is not)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await unknown_tx(s, tx_frame(Command::Commit, "tx-unknown"));
          },
      },
      {
          .id = "tx/abort-unknown",
          .requirements = {"TX-05", "RC-01"},
          .spec = "1.2#ABORT",
          .title = "ABORT of a transaction never begun (the reaction is INFO; a RECEIPT and "
                   "then an ERROR is not)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await unknown_tx(s, tx_frame(Command::Abort, "tx-unknown"));
          },
      },
      {
          .id = "tx/send-in-unknown",
          .requirements = {"TX-05", "RC-01"},
          .spec = "1.2#SEND",
          .title = "SEND naming a transaction never begun (the reaction is INFO; a RECEIPT and "
                   "then an ERROR is not)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            stomp::Frame f{
                .command = Command::Send, .headers = {{"transaction", "tx-unknown"}}, .body = "m"};
            co_return co_await unknown_tx(s, std::move(f));
          },
      },
      {
          .id = "tx/begin-twice",
          .requirements = {"TX-03"},
          .spec = "1.2#BEGIN",
          .title = "BEGIN twice with the same transaction id on one connection (INFO)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            if (auto o = co_await with_receipt(*c, tx_frame(Command::Begin, kTx)); !o) co_return o;
            stomp::Frame again = tx_frame(Command::Begin, kTx);
            const std::string r = s.receipt();
            again.headers.push_back({"receipt", r});
            co_await c->send(again);
            const Reaction re = recorded("TX-03");
            co_return co_await expect_reaction(*c, r, re);
          },
      },
      {
          .id = "tx/implicit-abort-on-disconnect",
          .requirements = {"TX-04"},
          .spec = "1.2#BEGIN",
          .title = "A SEND in a transaction never committed, then DISCONNECT: never delivered",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await uncommitted_then(s, true);
          },
      },
      {
          .id = "tx/implicit-abort-on-drop",
          .requirements = {"TX-04"},
          .spec = "1.2#BEGIN",
          .title = "A SEND in a transaction never committed, then the TCP connection drops: "
                   "never delivered",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await uncommitted_then(s, false);
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
