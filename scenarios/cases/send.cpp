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

// Every header of `sent` is in the MESSAGE with the same value (first occurrence, FR-18).
Outcome carries(const stomp::Frame& m, const std::vector<stomp::Header>& sent) {
  for (const stomp::Header& h : sent) {
    if (Outcome o = expect_header(m, h.name, h.value); !o) return o;
  }
  return {.verdict = Verdict::Pass, .expected = "every header", .actual = describe(m)};
}

}  // namespace

std::span<const Scenario> send() {
  static const std::vector<Scenario> all{
      {
          .id = "send/receipt",
          .requirements = {"RC-01", "SD-01"},
          .spec = "1.2#RECEIPT",
          .level = Level::Must,
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
          .requirements = {"SD-01", "SD-02", "ER-01", "ER-03", "RC-01"},
          .spec = "1.2#SEND",
          .level = Level::Must,
          .title = "SEND without destination gets ERROR (receipt-id set), no RECEIPT, the close",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string r = s.receipt();
            const stomp::Frame f{
                .command = Command::Send, .headers = {{"receipt", r}}, .body = "x"};
            co_await c->send(f);
            stomp::Frame error{.command = Command::Receipt, .headers = {}, .body = {}};
            Outcome o = co_await expect_refusal(*c, must_refuse(s.version()), &error);
            const bool named = error.header("receipt-id") == r;
            if (error.command == Command::Error && !named && s.version() != Version::V1_0) {
              s.add({"error-receipt-id", "ER-03", Verdict::NonStrict,  // a SHOULD
                     "the ERROR for a frame with receipt:" + r + " has no receipt-id:" + r});
            }
            co_return o;
          },
      },
      {
          .id = "send/user-headers",
          .requirements = {"SD-03", "MS-06", "FR-17"},
          .spec = "1.2#SEND",
          .level = Level::Must,
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
            co_return carries(m, sent);
          },
      },
      {
          .id = "send/escaped-header-round-trip",
          .requirements = {"FR-05", "FR-07"},
          .spec = "1.2#Value_Encoding",
          .level = Level::Must,
          .title = "A header value holding ':', '\\', LF (and CR in 1.2) round-trips escaped",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            std::string value = "a:b\\c\nd";
            if (s.version() == Version::V1_2) value += "\re";
            const std::vector<stomp::Header> sent{{"x-escaped", value}};
            stomp::Frame m;
            if (auto o = co_await round_trip(s, "body", sent, m); !o) co_return o;
            co_return carries(m, sent);
          },
      },
      {
          .id = "send/body-with-nul",
          .requirements = {"FR-11", "FR-12", "MS-08"},
          .spec = "1.2#Header_content-length",
          .level = Level::Must,
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
