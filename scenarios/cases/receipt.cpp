// RECEIPT (1.2#RECEIPT, 1.2#Header_receipt: RC-...).
#include <string>
#include <vector>

#include "scenarios/cases/cases.hpp"

namespace stompcheck::cases {

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
                {stomp::Command::Send, {{"destination", q}}, "one"},
                {stomp::Command::Subscribe, {{"destination", s.topic()}, {"id", "sub-0"}}, {}},
                {stomp::Command::Send, {{"destination", q}}, "two"},
                {stomp::Command::Unsubscribe, {{"id", "sub-0"}}, {}}};
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
  };
  return all;
}

}  // namespace stompcheck::cases
