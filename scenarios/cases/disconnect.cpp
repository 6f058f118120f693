// DISCONNECT (1.2#DISCONNECT, DC-...).
#include <set>
#include <string>
#include <vector>

#include "scenarios/cases/cases.hpp"
#include "scenarios/messaging.hpp"

namespace stompcheck::cases {

std::span<const Scenario> disconnect() {
  static const std::vector<Scenario> all{
      {
          .id = "disconnect/receipt-then-close",
          .requirements = {"DC-01", "DC-03", "RC-01", "ER-05"},
          .spec = "1.2#DISCONNECT",
          .title = "DISCONNECT with a receipt gets the RECEIPT, then the close (3 tries)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            Outcome o;
            for (int attempt = 1; attempt <= 3; ++attempt) {  // GRADING.md §10.3
              auto c = co_await s.connect();
              if (!c) co_return c.outcome;
              const std::string r = s.receipt();
              const stomp::Frame bye{
                  .command = stomp::Command::Disconnect, .headers = {{"receipt", r}}, .body = {}};
              co_await c->send(bye);
              o = co_await expect_receipt_then_close(*c, r);
              if (o.verdict != Verdict::NonStrict) co_return o;  // a lost RECEIPT is retried
            }
            o.actual = "in 3 attempts: " + o.actual;
            co_return o;
          },
      },
      {
          .id = "disconnect/closes",
          .requirements = {"DC-03"},
          .spec = "1.2#DISCONNECT",
          .title = "DISCONNECT without a receipt: the server closes the connection",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const stomp::Frame bye{
                .command = stomp::Command::Disconnect, .headers = {}, .body = {}};
            co_await c->send(bye);
            co_return co_await expect_close(*c);
          },
      },
      {
          .id = "disconnect/pipelined-sends-delivered",
          .requirements = {"DC-04", "DC-03"},
          .spec = "1.2#RECEIPT",
          .title = "10 SENDs without receipts written with a DISCONNECT right after them, in "
                   "one write: all 10 are delivered",
          .versions = kOnly12,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            constexpr std::size_t kN = 10;
            auto consumer = co_await s.connect();
            if (!consumer) co_return consumer.outcome;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*consumer, q, "sub-0"); !o) co_return o;
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            std::vector<stomp::Frame> frames;
            for (std::size_t i = 0; i < kN; ++i) {
              std::string body = "m";
              body += std::to_string(i);
              frames.push_back(
                  {.command = stomp::Command::Send, .headers = {{"destination", q}}, .body = body});
            }
            frames.push_back({.command = stomp::Command::Disconnect, .headers = {}, .body = {}});
            co_await c->send_raw(pipelined(*c, frames));
            std::vector<std::vector<stomp::Frame>> got;
            const std::vector<Conn*> conns{consumer.conn};
            co_await collect_messages(conns, kN, got);
            std::set<std::string> seen;
            for (const stomp::Frame& m : got.front()) seen.insert(m.body);
            Outcome delivered =
                judge("DC-04", s.version(), seen.size() == kN ? Seen::Met : Seen::Broken,
                      "m0..m9 delivered", "delivered: " + bodies(got.front()));
            Outcome closed = co_await expect_close(*c);
            std::vector<Outcome> checks{delivered, closed};
            co_return all_of(s, std::move(checks));
          },
      },
      {
          .id = "disconnect/frames-after-disconnect",
          .requirements = {"DC-02", "DC-03"},
          .spec = "1.2#DISCONNECT",
          .title = "A SEND (with a receipt) written right after DISCONNECT: ignored and the close "
                   "(INFO when processed or refused)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto consumer = co_await s.connect();
            if (!consumer) co_return consumer.outcome;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*consumer, q, "sub-0"); !o) co_return o;
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string r = s.receipt();
            const std::vector<stomp::Frame> frames{
                {.command = stomp::Command::Disconnect, .headers = {}, .body = {}},
                {.command = stomp::Command::Send,
                 .headers = {{"destination", q}, {"receipt", r}},
                 .body = "after"}};
            co_await c->send_raw(pipelined(*c, frames));
            Outcome o = co_await expect_close_after_disconnect(*c, r);
            std::vector<std::vector<stomp::Frame>> got;
            const std::vector<Conn*> conns{consumer.conn};
            co_await collect_messages(conns, 0, got);
            o.actual += "; delivered: " + bodies(got.front());
            if (o && !got.front().empty()) {
              co_return judge("DC-02", s.version(), Seen::Noted, o.expected, o.actual);
            }
            co_return o;
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
