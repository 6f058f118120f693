// RECEIPT (1.2#RECEIPT, 1.2#Header_receipt: RC-...): RC-01 on every client command that
// can carry a receipt, RC-04 (no body), escaped receipt values.
#include <array>
#include <string>
#include <vector>

#include "scenarios/cases/cases.hpp"
#include "scenarios/server_frames.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

constexpr std::array<std::string_view, 2> kBodies{"m0", "m1"};

// The transaction frames of receipt/every-command, in order.
struct Step {
  Command command;
  std::string_view id;
};
constexpr std::array<Step, 4> kTransactions{{{Command::Begin, "tx-1"},
                                             {Command::Commit, "tx-1"},
                                             {Command::Begin, "tx-2"},
                                             {Command::Abort, "tx-2"}}};

}  // namespace

std::span<const Scenario> receipt() {
  static const std::vector<Scenario> all{
      {
          .id = "receipt/pipelined",
          .requirements = {"RC-01", "RC-03"},
          .spec = "1.2#RECEIPT",
          .title = "SEND, SUBSCRIBE, SEND, UNSUBSCRIBE pipelined with receipts: each RECEIPT "
                   "arrives once (their order is INFO)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            std::vector<stomp::Frame> frames{
                {Command::Send, {{"destination", q}}, "one"},
                {Command::Subscribe, {{"destination", s.topic()}, {"id", "sub-0"}}, {}},
                {Command::Send, {{"destination", q}}, "two"},
                {Command::Unsubscribe, {{"id", "sub-0"}}, {}}};
            std::vector<std::string> ids;
            for (stomp::Frame& f : frames) {
              ids.push_back(s.receipt());
              f.headers.push_back({"receipt", ids.back()});
              co_await c->send(f);
            }
            for (const std::string& id : ids) {
              if (auto o = co_await expect_receipt(*c, id); !o) co_return o;
            }
            co_return Outcome{
                .verdict = Verdict::Pass, .expected = "4 RECEIPTs", .actual = "4 RECEIPTs"};
          },
      },
      {
          .id = "receipt/every-command",
          .requirements = {"RC-01", "RC-04"},
          .spec = "1.2#RECEIPT",
          .title = "SUBSCRIBE, SEND, ACK, NACK (1.1+; 1.0: ACK), BEGIN, COMMIT, ABORT, UNSUBSCRIBE "
                   "and DISCONNECT with receipts: each RECEIPT names its receipt, has no body",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const bool v10 = s.version() == Version::V1_0;
            const std::string q = s.queue();
            std::vector<Asked> asked;
            const std::string mode = v10 ? "client" : "client-individual";
            const stomp::Frame sub{.command = Command::Subscribe,
                                   .headers = {{"destination", q}, {"id", "sub-0"}, {"ack", mode}},
                                   .body = {}};
            asked.push_back(co_await ask_receipt(*c, sub));
            // UNSUBSCRIBE ends another subscription: one with a NACKed message in flight may
            // race its redelivery (RabbitMQ answers that with an ERROR).
            const stomp::Frame other{
                .command = Command::Subscribe,
                .headers = {{"destination", s.queue("other")}, {"id", "sub-1"}},
                .body = {}};
            asked.push_back(co_await ask_receipt(*c, other));
            for (const std::string_view body : kBodies) {
              const stomp::Frame send{.command = Command::Send,
                                      .headers = {{"destination", q}},
                                      .body = std::string(body)};
              asked.push_back(co_await ask_receipt(*c, send));
            }
            // One MESSAGE at a time: a broker may hold the next until the ACK (client modes).
            stomp::Frame m;
            if (auto o = co_await expect_message(*c, m); !o) co_return o;
            asked.push_back(co_await ask_receipt(*c, ack_of(*c, m)));
            if (auto o = co_await expect_message(*c, m); !o) co_return o;
            asked.push_back(
                co_await ask_receipt(*c, ack_of(*c, m, v10 ? Command::Ack : Command::Nack)));
            for (const Step& step : kTransactions) {
              const stomp::Frame tx{.command = step.command,
                                    .headers = {{"transaction", std::string(step.id)}},
                                    .body = {}};
              asked.push_back(co_await ask_receipt(*c, tx));
            }
            const stomp::Frame unsub{
                .command = Command::Unsubscribe, .headers = {{"id", "sub-1"}}, .body = {}};
            asked.push_back(co_await ask_receipt(*c, unsub));
            std::vector<Outcome> checks = co_await expect_receipts(*c, asked);
            const std::string r = s.receipt();
            const stomp::Frame bye{
                .command = Command::Disconnect, .headers = {{"receipt", r}}, .body = {}};
            co_await c->send(bye);
            checks.push_back(co_await expect_receipt_then_close(*c, r));
            co_return all_of(s, std::move(checks));
          },
      },
      {
          .id = "receipt/escaped-receipt-id",
          .requirements = {"RC-01", "FR-07"},
          .spec = "1.2#Header_receipt",
          .title = "A receipt value holding ':' and '\\' comes back as the same receipt-id, "
                   "escaped",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string r = "rc:" + s.receipt() + "\\x";
            const stomp::Frame f{.command = Command::Send,
                                 .headers = {{"destination", s.queue()}, {"receipt", r}},
                                 .body = "e"};
            co_await c->send(f);
            co_return co_await expect_receipt(*c, r);
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
