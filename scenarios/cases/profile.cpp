// Broker-profile behaviours (GRADING.md §7): queue = competing consumers, topic = fan-out.
// Destinations are opaque to the spec (SD-06), so these grade the profile's claims.
#include <map>
#include <string>
#include <vector>

#include "scenarios/cases/cases.hpp"

namespace stompcheck::cases {
namespace {

constexpr int kMessages = 10;

// Two connections subscribed to `destination`, a third that sends kMessages to it; `per`
// gets what each subscriber received (waiting for `each` in all).
asio::awaitable<Outcome> two_subscribers(Session& s, std::string destination, std::size_t each,
                                         std::vector<std::vector<stomp::Frame>>& per) {
  std::vector<Conn*> subs;
  for (int i = 0; i < 2; ++i) {
    auto c = co_await s.connect();
    if (!c) co_return c.outcome;
    // Appended, not "sub-" + std::to_string(i): g++ 12 -O3 gives a false -Werror=restrict there.
    std::string id = "sub-";
    id += std::to_string(i);
    if (auto o = co_await subscribe(*c, destination, id); !o) co_return o;
    subs.push_back(c.conn);
  }
  auto sender = co_await s.connect();
  if (!sender) co_return sender.outcome;
  for (int i = 0; i < kMessages; ++i) {
    std::string body = "m";
    body += std::to_string(i);
    if (auto o = co_await send_to(*sender, destination, body); !o) co_return o;
  }
  co_return co_await collect_messages(subs, each, per);
}

}  // namespace

std::span<const Scenario> profile() {
  static const std::vector<Scenario> all{
      {
          .id = "profile/queue-competing-consumers",
          .requirements = {"SD-06"},
          .spec = "1.2#Protocol_Overview",
          .title = "queue: 10 messages, 2 subscribers: every message delivered exactly once",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            std::vector<std::vector<stomp::Frame>> per;
            Outcome o = co_await two_subscribers(s, s.queue(), kMessages, per);
            if (per.size() != 2) co_return o;  // a connection or subscription failed
            std::map<std::string, int> seen;
            for (const auto& got : per) {
              for (const stomp::Frame& f : got) ++seen[f.body];
            }
            bool once = seen.size() == kMessages;
            for (const auto& [body, n] : seen) once = once && n == 1;
            co_return Outcome{.verdict = once ? Verdict::Pass : Verdict::Fail,
                              .expected = "m0..m9 once each, split between the 2 subscribers",
                              .actual = std::to_string(per[0].size()) + " + " +
                                        std::to_string(per[1].size()) + " messages (" +
                                        std::to_string(seen.size()) + " distinct); " + o.actual};
          },
      },
      {
          .id = "profile/topic-fan-out",
          .requirements = {"SD-06"},
          .spec = "1.2#Protocol_Overview",
          .title = "topic: 2 subscribers both get all 10 messages; a later subscriber gets none",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            const std::string t = s.topic();
            std::vector<std::vector<stomp::Frame>> per;
            Outcome o =
                co_await two_subscribers(s, t, 2 * static_cast<std::size_t>(kMessages), per);
            if (per.size() != 2) co_return o;  // a connection or subscription failed
            if (per[0].size() != kMessages || per[1].size() != kMessages) {
              co_return Outcome{.verdict = Verdict::Fail,
                                .expected = "10 + 10 messages",
                                .actual = std::to_string(per[0].size()) + " + " +
                                          std::to_string(per[1].size()) + " messages; " + o.actual};
            }
            auto late = co_await s.connect();
            if (!late) co_return late.outcome;
            if (auto l = co_await subscribe(*late, t, "sub-late"); !l) co_return l;
            co_return co_await expect_quiet(*late, "a topic keeps nothing for later subscribers");
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
