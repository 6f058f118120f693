// ERROR (1.2#ERROR: ER- rows): what an ERROR carries and the close after it. The frames that
// provoke it are refused by a MUST (SD-01, SB-01), one per fresh connection. The output lint
// already checks, on every ERROR from 1.1, content-length and content-type on a body (ER-04);
// expect_refusal() checks the close (ER-01) and the receipt-id (ER-03).
#include <string>
#include <vector>

#include "scenarios/cases/cases.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

// The close after the refusal of a SEND: 1.2#ERROR (ER-01) in 1.2, 1.1#SEND ("disconnect the
// client", SD-02) in 1.1.
Refusal send_refused(Version v) {
  return {.requirement = "SD-02", .close = v == Version::V1_2 ? "ER-01" : "SD-02"};
}

// SEND without destination (SD-01) and its ERROR, into `error`.
asio::awaitable<Outcome> refused_send(Session& s, stomp::Frame& error) {
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  const stomp::Frame f{.command = Command::Send, .headers = {}, .body = "no destination"};
  co_await c->send(f);
  co_return co_await expect_refusal(*c, send_refused(s.version()), &error);
}

}  // namespace

std::span<const Scenario> errors() {
  static const std::vector<Scenario> all{
      {
          .id = "error/message-header",
          .requirements = {"ER-02", "ER-01"},
          .spec = "1.2#ERROR",
          .title = "The ERROR for a SEND without destination has a message header, and the "
                   "close follows it",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            stomp::Frame error{.command = Command::Connected, .headers = {}, .body = {}};
            Outcome o = co_await refused_send(s, error);
            if (error.command != Command::Error) co_return o;
            co_return all_of(
                s, {std::move(o), expect_has_header(s.version(), "ER-02", error, "message")});
          },
      },
      {
          .id = "error/receipt-id",
          .requirements = {"ER-03", "SB-02"},
          .spec = "1.2#ERROR",
          .title = "The ERROR for a SUBSCRIBE without destination that asked for a receipt has "
                   "that receipt-id (and no RECEIPT comes)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const stomp::Frame f{.command = Command::Subscribe,
                                 .headers = {{"id", "sub-0"}, {"receipt", s.receipt()}},
                                 .body = {}};
            co_await c->send(f);
            // expect_refusal() grades the receipt-id (ER-03) and a RECEIPT (RC-01).
            co_return co_await expect_refusal(*c, {.requirement = "SB-02", .close = "SB-02"});
          },
      },
      {
          .id = "error/content-length",
          .requirements = {"ER-04", "FR-13"},
          .spec = "1.2#ERROR",
          .title = "An ERROR with a body has content-length counting it (checked here in 1.0; "
                   "from 1.1 the lint checks content-length and content-type)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            stomp::Frame error{.command = Command::Connected, .headers = {}, .body = {}};
            Outcome o = co_await refused_send(s, error);
            if (error.command != Command::Error || error.body.empty()) co_return o;
            const Version v = s.version();
            if (v != Version::V1_0 && !error.header("content-length")) co_return o;
            const std::string n = std::to_string(error.body.size());
            co_return all_of(s,
                             {std::move(o), expect_header(v, "ER-04", error, "content-length", n)});
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
