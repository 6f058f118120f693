// SUBSCRIBE, UNSUBSCRIBE and the MESSAGE frames they lead to (1.2#SUBSCRIBE, 1.2#UNSUBSCRIBE,
// 1.2#MESSAGE: SB-, US-, MS- rows).
#include <set>
#include <string>

#include "scenarios/cases/cases.hpp"
#include "scenarios/messaging.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

// `f` with a receipt on `c`, and the reaction graded by `re` (expect_reaction()).
asio::awaitable<Outcome> react(Session& s, Conn& c, stomp::Frame f, Reaction re) {
  const std::string r = s.receipt();
  f.headers.push_back({"receipt", r});
  co_await c.send(f);
  co_return co_await expect_reaction(c, r, re);
}

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
      {
          .id = "subscribe/invalid-ack-mode",
          .requirements = {"SB-02", "SB-04"},
          .spec = "1.2#SUBSCRIBE_ack_Header",
          .title = "SUBSCRIBE with ack:bogus gets ERROR and the close",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const stomp::Frame f{
                .command = Command::Subscribe,
                .headers = {{"destination", s.queue()}, {"id", "sub-0"}, {"ack", "bogus"}},
                .body = {}};
            const Reaction re = must_refuse("SB-02", "SB-02");
            co_return co_await react(s, *c, f, re);
          },
      },
      {
          .id = "subscribe/no-id",
          .requirements = {"SB-03"},
          .spec = "1.2#SUBSCRIBE_id_Header",
          .title = "SUBSCRIBE without an id header (INFO: refused or accepted)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const stomp::Frame f{
                .command = Command::Subscribe, .headers = {{"destination", s.queue()}}, .body = {}};
            // A refused SUBSCRIBE is closed on (SB-02, 1.1 included).
            const Reaction re = recorded("SB-03", "SB-02");
            co_return co_await react(s, *c, f, re);
          },
      },
      {
          .id = "subscribe/duplicate-id",
          .requirements = {"SB-03", "ER-01"},
          .spec = "1.2#SUBSCRIBE_id_Header",
          .title = "A second SUBSCRIBE with an id already in use on the connection (INFO: "
                   "refused or accepted; an ERROR must close)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            if (auto o = co_await subscribe(*c, s.queue("a"), "sub-0"); !o) co_return o;
            const stomp::Frame f{.command = Command::Subscribe,
                                 .headers = {{"destination", s.queue("b")}, {"id", "sub-0"}},
                                 .body = {}};
            // A refused SUBSCRIBE is closed on (SB-02, 1.1 included).
            const Reaction re = recorded("SB-03", "SB-02");
            co_return co_await react(s, *c, f, re);
          },
      },
      {
          .id = "subscribe/unsubscribe-unknown-id",
          .requirements = {"US-01"},
          .spec = "1.2#UNSUBSCRIBE",
          .title = "UNSUBSCRIBE of an id that names no subscription (INFO: ERROR and the "
                   "close, or ignored)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const stomp::Frame f{
                .command = Command::Unsubscribe, .headers = {{"id", "no-such-sub"}}, .body = {}};
            const Reaction re = recorded("US-01");
            co_return co_await react(s, *c, f, re);
          },
      },
      {
          .id = "subscribe/extra-header",
          .requirements = {"SB-10"},
          .spec = "1.2#SUBSCRIBE",
          .title = "A SUBSCRIBE with a header the spec does not define is accepted, and the "
                   "subscription delivers (MAY: UNSUPPORTED when refused)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            const stomp::Frame f{
                .command = Command::Subscribe,
                .headers = {{"destination", q}, {"id", "sub-0"}, {"x-stompcheck-option", "1"}},
                .body = {}};
            const Reaction re{.requirement = "SB-10", .refused = Seen::Broken};
            if (auto o = co_await react(s, *c, f, re); !o) co_return o;
            if (auto o = co_await send_to(*c, q, "m"); !o) co_return o;
            stomp::Frame m;
            co_return co_await expect_message(*c, m);
          },
      },
      {
          .id = "subscribe/message-ids-unique",
          .requirements = {"MS-03"},
          .spec = "1.2#MESSAGE",
          .title = "10 messages to one subscription carry 10 distinct message-ids",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            constexpr std::size_t kN = 10;
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*c, q, "sub-0"); !o) co_return o;
            for (std::size_t i = 0; i < kN; ++i) {
              std::string body = "m";
              body += std::to_string(i);
              if (auto o = co_await send_to(*c, q, body); !o) co_return o;
            }
            std::vector<stomp::Frame> got;
            if (auto o = co_await expect_messages(*c, kN, got); !o) co_return o;
            std::set<std::string> ids;
            for (const stomp::Frame& m : got) {
              if (auto id = m.header("message-id")) ids.insert(std::string(*id));
            }
            co_return judge("MS-03", s.version(), ids.size() == kN ? Seen::Met : Seen::Broken,
                            std::to_string(kN) + " distinct message-ids",
                            std::to_string(ids.size()) + " distinct message-ids");
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
