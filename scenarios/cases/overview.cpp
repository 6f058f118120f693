// The classic tutorial flow end to end (1.2#Protocol_Overview): what every client does first.
#include "scenarios/cases/cases.hpp"

namespace stompcheck::cases {

std::span<const Scenario> overview() {
  static const std::vector<Scenario> all{
      {
          .id = "flow/classic-tutorial",
          .requirements = {"CN-06", "SD-01", "RC-01", "SB-01", "MS-01", "MS-03", "MS-08", "DC-01"},
          .spec = "1.2#Protocol_Overview",
          .title = "CONNECT; SEND+receipt -> RECEIPT; SUBSCRIBE+receipt -> RECEIPT, MESSAGE; "
                   "DISCONNECT+receipt -> RECEIPT, close",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            if (auto o = co_await send_to(*c, q, "hello, STOMP"); !o) co_return o;
            if (auto o = co_await subscribe(*c, q, "sub-0"); !o) co_return o;
            stomp::Frame m;
            if (auto o = co_await expect_message(*c, m); !o) co_return o;
            if (m.body != "hello, STOMP") {
              co_return Outcome{.verdict = Verdict::Fail,
                                .expected = "body 'hello, STOMP'",
                                .actual = "body '" + m.body + "'"};
            }
            const std::string r = s.receipt();
            const stomp::Frame bye{
                .command = stomp::Command::Disconnect, .headers = {{"receipt", r}}, .body = {}};
            co_await c->send(bye);
            co_return co_await expect_receipt_then_close(*c, r);
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
