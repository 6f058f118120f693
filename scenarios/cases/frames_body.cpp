// The body and its content-length (1.2#Header_content-length, 1.2#Body,
// 1.2#Repeated_Header_Entries: FR-10, FR-11, FR-14, FR-15, FR-18, SD-05), malformed on purpose.
#include <array>
#include <string>
#include <utility>
#include <vector>

#include <stomp/notation.hpp>

#include "scenarios/cases/cases.hpp"
#include "scenarios/malformed.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

// "SEND" to `destination` with `receipt` and the header lines `lines` (raw), then `body` and
// the NUL.
std::string raw_send(Version v, const std::string& destination, const std::string& receipt,
                     const std::string& lines, const std::string& body) {
  const stomp::Frame f{.command = Command::Send,
                       .headers = {{"destination", destination}, {"receipt", receipt}},
                       .body = {}};
  std::string raw = encoded(f, v);
  raw.insert(raw.find("\n\n") + 1, lines);
  raw.insert(raw.size() - 1, body);
  return raw;
}

}  // namespace

std::span<const Scenario> frames_body() {
  static const std::vector<Scenario> all{
      {
          .id = "frames/content-length-short",
          .requirements = {"FR-14", "ER-01"},
          .spec = "1.2#Header_content-length",
          .title = "content-length:2 on a 4-octet body (the octet after it is not NUL) is fatal",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string r = s.receipt();
            co_await c->send_raw(
                raw_send(c->version(), s.queue(), r, "content-length:2\n", "abcd"));
            co_return co_await expect_reaction(*c, r, must_refuse("FR-14"));
          },
      },
      {
          .id = "frames/content-length-long",
          .requirements = {"FR-14", "ER-01"},
          .spec = "1.2#Header_content-length",
          .title = "content-length:5 on a 2-octet body, a SEND after it: the 6th octet is not "
                   "NUL, which is fatal",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string r = s.receipt();
            const stomp::Frame next{
                .command = Command::Send,
                .headers = {{"destination", s.queue()}, {"receipt", s.receipt()}},
                .body = {}};
            co_await c->send_raw(raw_send(c->version(), s.queue(), r, "content-length:5\n", "ab") +
                                 encoded(next, c->version()));
            co_return co_await expect_reaction(*c, r, must_refuse("FR-14"));
          },
      },
      {
          .id = "frames/content-length-values",
          .requirements = {"FR-14", "ER-01"},
          .spec = "1.2#Header_content-length",
          .title = "content-length `abc`, `-1`, `+5`, ` 5`, `0x5`, `99999999999999999999` on a "
                   "5-octet body, each on its own connection: the reaction is recorded",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            std::vector<Outcome> seen;
            for (std::string value : {"abc", "-1", "+5", " 5", "0x5", "99999999999999999999"}) {
              auto c = co_await s.connect();
              if (!c) co_return c.outcome;
              const std::string q = s.queue(value);
              const std::string r = s.receipt();
              const std::string raw =
                  raw_send(c->version(), q, r, "content-length:" + value + "\n", "hello");
              RawSend send{
                  .destination = q, .raw = raw, .receipt = r, .refusal = {"FR-14"}, .info = true};
              auto d = co_await send_through(*c, std::move(send));
              d.outcome.actual = "content-length:" + stomp::show(value) + ": " + d.outcome.actual;
              if (d.accepted && !d.message.body.empty()) {
                d.outcome.actual += "; the MESSAGE body " + stomp::show(d.message.body);
              }
              seen.push_back(std::move(d.outcome));
            }
            co_return all_of(s, std::move(seen));
          },
      },
      {
          .id = "frames/duplicate-content-length",
          .requirements = {"FR-18", "FR-11"},
          .spec = "1.2#Repeated_Header_Entries",
          .title = "content-length:N then content-length:1: framed by the first (refusing is "
                   "fine); framing by the second smuggles the SEND inside the body (FAIL)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const Version v = c->version();
            const std::string q = s.queue();
            const std::string inner = s.queue("smuggled");
            if (auto o = co_await subscribe(*c, inner, "sub-1"); !o) co_return o;
            const stomp::Frame smuggled{
                .command = Command::Send, .headers = {{"destination", inner}}, .body = "smuggled"};
            const std::string body = "x" + std::string(1, '\0') + encoded(smuggled, v);
            const std::string r = s.receipt();
            const std::string lines =
                "content-length:" + std::to_string(body.size()) + "\ncontent-length:1\n";
            RawSend send{.destination = q,
                         .raw = raw_send(v, q, r, lines, body),
                         .receipt = r,
                         .refusal = {"FR-18"}};
            auto d = co_await send_through(*c, std::move(send));
            if (!d.accepted || !d.outcome) co_return d.outcome;
            const bool whole = d.message.body == body && d.message.header("destination") == q;
            co_return judge("FR-11", v, whole ? Seen::Met : Seen::Broken,
                            "one MESSAGE on " + q + " with the whole " +
                                std::to_string(body.size()) + "-octet body",
                            describe(d.message) + " body " + stomp::show(d.message.body));
          },
      },
      {
          .id = "frames/content-length-on-bodiless-frame",
          .requirements = {"FR-15"},
          .spec = "1.2#Header_content-length",
          .title = "content-length:0 on SUBSCRIBE, UNSUBSCRIBE and DISCONNECT is accepted",
          .versions = kOnly12,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const stomp::Header zero{"content-length", "0"};
            const stomp::Frame sub{.command = Command::Subscribe,
                                   .headers = {{"destination", s.queue()}, {"id", "sub-0"}, zero},
                                   .body = {}};
            if (auto o = co_await with_receipt(*c, sub); !o) co_return o;
            const stomp::Frame un{
                .command = Command::Unsubscribe, .headers = {{"id", "sub-0"}, zero}, .body = {}};
            if (auto o = co_await with_receipt(*c, un); !o) co_return o;
            const std::string r = s.receipt();
            const stomp::Frame bye{
                .command = Command::Disconnect, .headers = {{"receipt", r}, zero}, .body = {}};
            co_await c->send(bye);
            co_return co_await expect_receipt_then_close(*c, r);
          },
      },
      {
          .id = "frames/body-on-bodiless-frame",
          .requirements = {"FR-10", "ER-01"},
          .spec = "1.2#Body",
          .title = "A SUBSCRIBE with a body: the reaction is recorded (an ERROR must be "
                   "followed by the close)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string r = s.receipt();
            const stomp::Frame f{
                .command = Command::Subscribe,
                .headers = {{"destination", s.queue()}, {"id", "sub-0"}, {"receipt", r}},
                .body = {}};
            std::string raw = encoded(f, c->version());
            raw.insert(raw.size() - 1, "body");
            co_await c->send_raw(raw);
            co_return co_await expect_reaction(*c, r, recorded("FR-10"));
          },
      },
      {
          .id = "frames/nul-ends-body-without-content-length",
          .requirements = {"SD-05", "MS-08", "FR-13"},
          .spec = "1.2#SEND",
          .title = "A SEND without content-length is accepted, its body ending at the first NUL "
                   "(the MESSAGE should carry a content-length: the lint, FR-13)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            const std::string r = s.receipt();
            RawSend send{.destination = q,
                         .raw = raw_send(c->version(), q, r, "", "ab"),
                         .receipt = r,
                         .refusal = {"SD-05"},
                         .info = true};
            auto d = co_await send_through(*c, std::move(send));
            if (!d.accepted || !d.outcome) co_return d.outcome;
            co_return judge("MS-08", s.version(), d.message.body == "ab" ? Seen::Met : Seen::Broken,
                            "body \"ab\"", "body " + stomp::show(d.message.body));
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
