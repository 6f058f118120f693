// SUBSCRIBE, UNSUBSCRIBE and the MESSAGE frames they lead to (1.2#SUBSCRIBE, 1.2#UNSUBSCRIBE,
// 1.2#MESSAGE: SB-, US-, MS- rows).
#include <string>

#include "scenarios/cases/cases.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

}  // namespace

std::span<const Scenario> subscribe() {
  static const std::vector<Scenario> all{
      {
          .id = "subscribe/receipt-then-message",
          .requirements = {"SB-01", "RC-01", "MS-01", "MS-02", "MS-03", "MS-04"},
          .spec = "1.2#MESSAGE",
          .title = "SUBSCRIBE+receipt gets RECEIPT; a SEND then arrives as MESSAGE with "
                   "destination, message-id and subscription",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            stomp::Frame m;
            const RoundTrip r{.destination = q, .id = "sub-7"};
            if (auto o = co_await round_trip(*c, r, m); !o) co_return o;
            const Version v = s.version();
            co_return all_of(s, {expect_header(v, "MS-04", m, "subscription", "sub-7"),
                                 expect_header(v, "MS-02", m, "destination", q)});
          },
      },
      {
          .id = "subscribe/missing-destination",
          .requirements = {"SB-02", "ER-01"},
          .spec = "1.2#SUBSCRIBE",
          .title = "SUBSCRIBE without destination gets ERROR and the close",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const stomp::Frame f{
                .command = Command::Subscribe, .headers = {{"id", "sub-0"}}, .body = {}};
            co_await c->send(f);
            co_return co_await expect_refusal(*c, {.requirement = "SB-02", .close = "SB-02"});
          },
      },
      {
          .id = "subscribe/default-ack-is-auto",
          .requirements = {"SB-04", "SB-05"},
          .spec = "1.2#SUBSCRIBE_ack_Header",
          .title = "Without an ack header a message is consumed on delivery: not redelivered "
                   "after the connection drops",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            stomp::Frame m;
            const RoundTrip r{.destination = q};
            if (auto o = co_await round_trip(*c, r, m); !o) co_return o;
            c->drop();
            auto again = co_await s.connect();
            if (!again) co_return again.outcome;
            if (auto o = co_await subscribe(*again, q, "sub-1"); !o) co_return o;
            co_return co_await expect_quiet(*again, "an auto-acked message is consumed");
          },
      },
      {
          .id = "subscribe/unsubscribe-stops-delivery",
          .requirements = {"US-01", "US-02"},
          .spec = "1.2#UNSUBSCRIBE",
          .title = "After UNSUBSCRIBE (fenced by its RECEIPT) no MESSAGE arrives",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*c, q, "sub-0"); !o) co_return o;
            stomp::Frame un{
                .command = Command::Unsubscribe, .headers = {{"id", "sub-0"}}, .body = {}};
            if (auto o = co_await with_receipt(*c, un); !o) co_return o;
            if (auto o = co_await send_to(*c, q, "after"); !o) co_return o;
            co_return co_await expect_quiet(*c, "the subscription is gone");
          },
      },
      {
          .id = "subscribe/unsubscribe-by-destination",
          .requirements = {"US-02"},
          .spec = "1.0#frame-UNSUBSCRIBE",
          .title = "1.0: UNSUBSCRIBE by destination ends a SUBSCRIBE that had no id",
          .versions = {Version::V1_0},
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            stomp::Frame sub{
                .command = Command::Subscribe, .headers = {{"destination", q}}, .body = {}};
            if (auto o = co_await with_receipt(*c, sub); !o) co_return o;
            stomp::Frame un{
                .command = Command::Unsubscribe, .headers = {{"destination", q}}, .body = {}};
            if (auto o = co_await with_receipt(*c, un); !o) co_return o;
            if (auto o = co_await send_to(*c, q, "after"); !o) co_return o;
            co_return co_await expect_quiet(*c, "the subscription is gone");
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
