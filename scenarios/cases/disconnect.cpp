// DISCONNECT (1.2#DISCONNECT, DC-...).
#include "scenarios/cases/cases.hpp"

namespace stompcheck::cases {

std::span<const Scenario> disconnect() {
  static const std::vector<Scenario> all{
      {
          .id = "disconnect/receipt-then-close",
          .requirements = {"DC-01", "DC-03", "RC-01"},
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
  };
  return all;
}

}  // namespace stompcheck::cases
