// Frame boundaries and command lines (1.2#STOMP_Frames, 1.2#Client_Frames,
// 1.2#Augmented_BNF: FR-02, FR-03, FR-04, FR-23, FR-24), sent raw on purpose.
#include <string>
#include <utility>
#include <vector>

#include <stomp/encoder.hpp>
#include <stomp/notation.hpp>

#include "scenarios/cases/cases.hpp"
#include "scenarios/malformed.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

// `command` written where a correct `as` frame has its command, on a connected connection
// (subscribed to the SEND's destination first). The broker must not act on it as `as` (FR-04):
// ERROR then close passes; a RECEIPT for it, or the MESSAGE it caused, breaks FR-04; ignored
// is allowed (FR-23: the server "MAY respond with an ERROR frame"), recorded.
asio::awaitable<Outcome> not_taken_for(Session& s, std::string_view command, Command as) {
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  const std::string q = s.queue();
  const std::string r = s.receipt();
  const bool send = as == Command::Send;
  if (send) {
    if (auto o = co_await subscribe(*c, q, "sub-0"); !o) co_return o;
  }
  stomp::Frame f{.command = as, .headers = {{"destination", q}}, .body = send ? "m" : ""};
  if (!send) f.headers.push_back({"id", "sub-0"});
  f.headers.push_back({"receipt", r});
  std::string raw = encoded(f, c->version());
  raw.replace(0, stomp::to_string(as).size(), command);
  co_await c->send_raw(raw);
  const Version v = s.version();
  const std::string what(stomp::to_string(as));
  const std::string expected = "not taken for " + what + ": ERROR then the close, or ignored";
  const Event e = co_await await_answer(*c, r);
  if (e.kind == Event::Kind::Frame && e.frame.command == Command::Receipt) {
    co_return judge("FR-04", v, Seen::Broken, expected,
                    "taken for " + what + ": " + describe(e.frame));
  }
  if (e.kind != Event::Kind::Timeout)
    co_return co_await expect_refusal(*c, {.requirement = "FR-04"});
  if (!send) {
    if (auto o = co_await send_to(*c, q, "m"); !o) co_return o;
  }
  if (auto o = co_await expect_quiet(*c, "nothing subscribed or sent"); !o) {
    co_return judge("FR-04", v, Seen::Broken, expected, "taken for " + what + ": " + o.actual);
  }
  co_return judge("FR-23", v, Seen::Noted, expected, "ignored: no ERROR, RECEIPT or MESSAGE");
}

// A client frame carrying a server command (or none of the grammar's): FR-23's reaction,
// recorded, and the close an ERROR owes (ER-01).
asio::awaitable<Outcome> foreign(Session& s, stomp::Frame f) {
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  const std::string r = s.receipt();
  f.headers.push_back({"receipt", r});
  co_await c->send_raw(encoded(f, c->version()));
  Outcome o = co_await expect_reaction(*c, r, recorded("FR-23"));
  o.actual = std::string(stomp::to_string(f.command)) + ": " + o.actual;
  co_return o;
}

}  // namespace

std::span<const Scenario> frames_commands() {
  static const std::vector<Scenario> all{
      {
          .id = "frames/crlf-framing",
          .requirements = {"FR-02"},
          .spec = "1.2#STOMP_Frames",
          .title = "CONNECT and SEND framed entirely with CR LF are accepted; the MESSAGE arrives",
          .versions = kOnly12,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            // A plain connection first: SKIPPED when the broker does not speak 1.2.
            if (auto plain = co_await s.connect(); !plain) co_return plain.outcome;
            auto c = co_await s.open();
            if (!c) co_return c.outcome;
            const stomp::EncodeOptions crlf{.version = Version::V1_2, .crlf = true};
            co_await c->send_raw(stomp::encode(s.connect_frame(), crlf).bytes);
            if (auto o = co_await expect_connected(*c); !o) co_return o;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*c, q, "sub-0"); !o) co_return o;
            const std::string r = s.receipt();
            const stomp::Frame f{.command = Command::Send,
                                 .headers = {{"destination", q}, {"receipt", r}},
                                 .body = "m"};
            co_await c->send_raw(stomp::encode(f, crlf).bytes);
            if (auto o = co_await expect_receipt(*c, r); !o) co_return o;
            stomp::Frame m;
            co_return co_await expect_message(*c, m);
          },
      },
      {
          .id = "frames/cr-before-lf-in-10-11",
          .requirements = {"FR-02"},
          .spec = "1.1#Augmented_BNF",
          .title = "1.0/1.1 EOLs are LF only: in `x-crlf:v<CR><LF>` the CR belongs to the value; "
                   "what the MESSAGE carries is recorded",
          .versions = {Version::V1_0, Version::V1_1},
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            const std::string r = s.receipt();
            const stomp::Frame f{.command = Command::Send,
                                 .headers = {{"destination", q}, {"receipt", r}},
                                 .body = "m"};
            std::string raw = encoded(f, c->version());
            raw.insert(raw.find("\n\n") + 1, "x-crlf:v\r\n");
            RawSend send{
                .destination = q, .raw = raw, .receipt = r, .refusal = {"FR-02"}, .info = true};
            auto d = co_await send_through(*c, std::move(send));
            if (!d.accepted || !d.outcome) co_return d.outcome;
            // The LF-only grammar keeps the CR (Met); any other reading is recorded.
            const auto got = d.message.header("x-crlf");
            co_return judge("FR-02", s.version(), got == "v\r" ? Seen::Met : Seen::Noted,
                            "x-crlf:v^M (the CR kept), or else recorded",
                            got ? "x-crlf:" + stomp::show(*got) : "no x-crlf header");
          },
      },
      {
          .id = "frames/eols-between-frames",
          .requirements = {"FR-03", "FR-01"},
          .spec = "1.2#STOMP_Frames",
          .title = "EOLs before and between frames (LF, three LFs, CR LF in 1.2) are tolerated",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const Version v = c->version();
            std::vector<std::string> ids;
            std::string raw = "\n";
            for (const char* gap : {"\n\n\n", v == Version::V1_2 ? "\r\n" : "\n", ""}) {
              ids.push_back(s.receipt());
              const stomp::Frame f{.command = Command::Send,
                                   .headers = {{"destination", s.queue()}, {"receipt", ids.back()}},
                                   .body = {}};
              raw += encoded(f, v) + gap;
            }
            co_await c->send_raw(raw);
            for (const std::string& id : ids) {
              if (auto o = co_await expect_receipt(*c, id); !o) co_return o;
            }
            co_return Outcome{.expected = "3 RECEIPTs", .actual = "3 RECEIPTs"};
          },
      },
      {
          .id = "frames/command-case",
          .requirements = {"FR-04", "FR-23"},
          .spec = "1.2#STOMP_Frames",
          .title = "`send` (lower case) is not SEND: refused or ignored, never delivered",
          .versions = kAllVersions,
          .run = [](Session& s) { return not_taken_for(s, "send", Command::Send); },
      },
      {
          .id = "frames/command-trailing-space",
          .requirements = {"FR-04", "FR-23"},
          .spec = "1.2#STOMP_Frames",
          .title = "`SEND ` (a trailing space) is not SEND: refused or ignored, never delivered",
          .versions = kAllVersions,
          .run = [](Session& s) { return not_taken_for(s, "SEND ", Command::Send); },
      },
      {
          .id = "frames/command-prefix-send",
          .requirements = {"FR-04", "FR-23"},
          .spec = "1.2#STOMP_Frames",
          .title = "`SENDX` is not SEND (no dispatch by prefix): refused or ignored",
          .versions = kAllVersions,
          .run = [](Session& s) { return not_taken_for(s, "SENDX", Command::Send); },
      },
      {
          .id = "frames/command-prefix-subscribe",
          .requirements = {"FR-04", "FR-23"},
          .spec = "1.2#STOMP_Frames",
          .title = "`SUBSCRIBEME` is not SUBSCRIBE: refused or ignored, no subscription made",
          .versions = kAllVersions,
          .run = [](Session& s) { return not_taken_for(s, "SUBSCRIBEME", Command::Subscribe); },
      },
      {
          .id = "frames/server-command-from-client",
          .requirements = {"FR-23", "FR-24", "ER-01"},
          .spec = "1.2#Client_Frames",
          .title = "MESSAGE, CONNECTED, RECEIPT and ERROR sent by the client, each on its own "
                   "connection: the reaction is recorded; an ERROR must be followed by the close",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            const std::string q = s.queue();
            std::vector<stomp::Frame> frames{
                {.command = Command::Message,
                 .headers = {{"destination", q}, {"message-id", "m-1"}, {"subscription", "s"}},
                 .body = "m"},
                {.command = Command::Connected, .headers = {{"version", "1.2"}}, .body = {}},
                {.command = Command::Receipt, .headers = {{"receipt-id", "x"}}, .body = {}},
                {.command = Command::Error, .headers = {{"message", "x"}}, .body = {}}};
            std::vector<Outcome> seen;
            seen.reserve(frames.size());
            for (stomp::Frame& f : frames) seen.push_back(co_await foreign(s, std::move(f)));
            co_return all_of(s, std::move(seen));
          },
      },
      {
          .id = "frames/unknown-command",
          .requirements = {"FR-23", "ER-01"},
          .spec = "1.2#Client_Frames",
          .title = "An unknown command FOO: the reaction is recorded; an ERROR must be followed "
                   "by the close",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string r = s.receipt();
            co_await c->send_raw("FOO\nreceipt:" + r + "\n\n" + std::string(1, '\0'));
            co_return co_await expect_reaction(*c, r, recorded("FR-23"));
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
