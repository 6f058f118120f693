// Across versions: one message sent at one version and received at another (1.2#Value_Encoding,
// 1.0#augmented-bnf: FR-05, FR-07, FR-22, MS-06). 1.0 knows no escapes, so a value crosses
// as its octets: escaped for 1.1/1.2 frames, raw in 1.0 frames.
#include <string>

#include <stomp/notation.hpp>

#include "scenarios/cases/cases.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Version;

// SUBSCRIBE on `to`, SEND with header x-v:`value` on `from`, and the MESSAGE on `to`.
asio::awaitable<Outcome> across(Session& s, Conn& from, Conn& to, std::string value,
                                stomp::Frame& m) {
  const std::string q = s.queue();
  if (auto o = co_await subscribe(to, q, "sub-0"); !o) co_return o;
  const std::vector<stomp::Header> headers{{"x-v", std::move(value)}};
  if (auto o = co_await send_to(from, q, "across", headers); !o) co_return o;
  co_return co_await expect_message(to, m);
}

}  // namespace

std::span<const Scenario> versions() {
  static const std::vector<Scenario> all{
      {
          .id = "versions/12-to-10-escaping",
          .requirements = {"MS-06", "FR-22", "FR-05"},
          .spec = "1.2#Value_Encoding",
          .title = "A 1.2 sender's value a:b\\c (sent escaped) reaches a 1.0 subscriber as those "
                   "raw octets, never \\c or \\\\",
          .versions = kOnly12,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto sender = co_await s.connect();
            if (!sender) co_return sender.outcome;
            auto old = co_await s.connect_at(Version::V1_0);
            if (!old) co_return old.outcome;
            const std::string value = "a:b\\c";
            stomp::Frame m;
            if (auto o = co_await across(s, *sender, *old, value, m); !o) co_return o;
            // A 1.0 frame carries the value itself (1.0#augmented-bnf): escapes left in it
            // change the user header (MS-06).
            co_return expect_header(Version::V1_0, "MS-06", m, "x-v", value);
          },
      },
      {
          .id = "versions/10-to-12-literal-backslash",
          .requirements = {"FR-22", "FR-07", "MS-06"},
          .spec = "1.0#augmented-bnf",
          .title = "A 1.0 sender's literal a\\cb reaches a 1.2 subscriber as a\\\\cb (unescaped to "
                   "a:b on the way: INFO, GRADING.md §10.5)",
          .versions = {Version::V1_0},
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto sender = co_await s.connect();
            if (!sender) co_return sender.outcome;
            auto now = co_await s.connect_at(Version::V1_2);
            if (!now) co_return now.outcome;
            const std::string value = "a\\cb";
            stomp::Frame m;
            if (auto o = co_await across(s, *sender, *now, value, m); !o) co_return o;
            auto got = m.header("x-v");
            if (got == "a:b") {
              co_return judge("FR-22", Version::V1_0, Seen::Broken, "x-v:" + stomp::show(value),
                              "x-v:a:b: the 1.0 value was unescaped (GRADING.md §10.5)");
            }
            co_return expect_header(Version::V1_2, "MS-06", m, "x-v", value);
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
