// SEND (1.2#SEND, SD-...) and what a SEND carries through to the MESSAGE (FR, MS rows).
#include <string>
#include <vector>

#include <stomp/notation.hpp>

#include "scenarios/cases/cases.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

// Connects, then one message with `body` and `headers` through a fresh queue into `m`.
asio::awaitable<Outcome> round_trip(Session& s, std::string body,
                                    std::vector<stomp::Header> headers, stomp::Frame& m) {
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  const RoundTrip r{
      .destination = s.queue(), .body = std::move(body), .headers = std::move(headers)};
  co_return co_await stompcheck::round_trip(*c, r, m);
}

// Every header of `sent` is in the MESSAGE with the same value (first occurrence, FR-18),
// each one checked (`requirement`: what a header lost or changed breaks).
Outcome carries(Session& s, std::string_view requirement, const stomp::Frame& m,
                const std::vector<stomp::Header>& sent) {
  std::vector<Outcome> checks;
  checks.reserve(sent.size());
  for (const stomp::Header& h : sent) {
    checks.push_back(expect_header(s.version(), requirement, m, h.name, h.value));
  }
  Outcome o = all_of(s, std::move(checks));
  if (o) o = {.verdict = Verdict::Pass, .expected = "every header", .actual = describe(m)};
  return o;
}

}  // namespace

std::span<const Scenario> send() {
  static const std::vector<Scenario> all{
      {
          .id = "send/receipt",
          .requirements = {"RC-01", "SD-01"},
          .spec = "1.2#RECEIPT",
          .title = "SEND with a receipt header gets a RECEIPT with that receipt-id",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            co_return co_await send_to(*c, s.queue(), "hi");
          },
      },
      {
          .id = "send/missing-destination",
          .requirements = {"SD-02", "ER-01", "ER-03"},
          .spec = "1.2#SEND",
          .title = "SEND without destination gets ERROR (receipt-id set), no RECEIPT, the close",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string r = s.receipt();
            const stomp::Frame f{
                .command = Command::Send, .headers = {{"receipt", r}}, .body = "x"};
            co_await c->send(f);
            co_return co_await expect_refusal(*c, {.requirement = "SD-02", .close = "SD-02"});
          },
      },
      {
          .id = "send/user-headers",
          .requirements = {"SD-03", "MS-06", "FR-17"},
          .spec = "1.2#SEND",
          .title = "User headers (empty and UTF-8 ones from 1.1) reach the MESSAGE unchanged",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            std::vector<stomp::Header> sent{{"x-stompcheck", "user header"}};
            if (s.version() != Version::V1_0) {  // 1.0 values are non-empty US-ASCII (FR-22)
              sent.push_back({"x-empty", ""});
              sent.push_back(
                  {"x-\xC3\xBC"
                   "tf8",
                   "v\xC3\xA4lue \xE2\x9C\x93"});
            }
            stomp::Frame m;
            if (auto o = co_await round_trip(s, "body", sent, m); !o) co_return o;
            co_return carries(s, "MS-06", m, sent);
          },
      },
      {
          .id = "send/escaped-header-round-trip",
          .requirements = {"FR-05", "FR-07"},
          .spec = "1.2#Value_Encoding",
          .title = "A header value holding ':', '\\', LF (and CR in 1.2) round-trips escaped",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            std::string value = "a:b\\c\nd";
            if (s.version() == Version::V1_2) value += "\re";
            const std::vector<stomp::Header> sent{{"x-escaped", value}};
            stomp::Frame m;
            if (auto o = co_await round_trip(s, "body", sent, m); !o) co_return o;
            co_return carries(s, "FR-07", m, sent);
          },
      },
      {
          .id = "send/body-with-nul",
          .requirements = {"FR-11", "FR-12", "MS-08"},
          .spec = "1.2#Header_content-length",
          .title = "A body holding NULs, framed by content-length, arrives byte for byte",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            const std::string body = stomp::wire("a^@b^@^@c");
            stomp::Frame m;
            if (auto o = co_await round_trip(s, body, {}, m); !o) co_return o;
            co_return Outcome{.verdict = m.body == body ? Verdict::Pass : Verdict::Fail,
                              .expected = "body " + stomp::show(body),
                              .actual = "body " + stomp::show(m.body)};
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
