// Connecting: CONNECT variants, refusals and frames out of place (1.2#Connecting,
// 1.2#CONNECT_or_STOMP_Frame; CN-02, CN-08, CN-09, CN-11, CN-12, FR-08, RC-02). Part of the
// "Connecting" section (connecting.cpp lists these after its own).
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include <stomp/notation.hpp>

#include "scenarios/cases/cases.hpp"
#include "scenarios/reaction.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

const std::vector<Version> kOnly10{Version::V1_0};

// Escape-like octets a CONNECT header carries literally (FR-08): undefined, a colon, a dangling
// one.
constexpr std::array<std::string_view, 3> kBackslashValues{"a\\tb", "a\\cb", "ab\\"};

// `connect` written on a fresh connection, and the answer graded by `r` (CONNECTED accepts).
asio::awaitable<Outcome> answer_to(Session& s, stomp::Frame connect, Reaction r) {
  auto c = co_await s.open();
  if (!c) co_return c.outcome;
  co_await c->send(connect);
  co_return co_await expect_reaction(*c, Command::Connected, r);
}

// Malformed accept-version values for version `v` (the list SHOULD be comma separated and
// incrementing, CN-04): spaces, an empty item, another separator, nothing.
std::array<std::string, 4> bad_accept_versions(Version v) {
  const std::string n(stomp::to_string(v));
  return {"1.0, " + n, n + ",", n + ";1.0", ""};
}

}  // namespace

std::span<const Scenario> connect_variants() {
  static const std::vector<Scenario> all{
      {
          .id = "connect/bad-credentials",
          .requirements = {"CN-08", "ER-01"},
          .spec = "1.2#Connecting",
          .title = "A wrong passcode gets ERROR then the close (a broker without users: recorded)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            if (auto p = co_await s.connect(); !p) co_return p.outcome;
            // The target's login when stompcheck has one (--login), with a wrong passcode.
            const bool has_login = s.connect_frame().header("login").has_value();
            std::vector<stomp::Header> bad;
            if (!has_login) bad.push_back({"login", "stompcheck-no-such-user"});
            bad.push_back({"passcode", "stompcheck-wrong-passcode"});
            Outcome o = co_await answer_to(
                s, s.connect_frame(std::move(bad)),
                {.requirement = "CN-08", .accepted = has_login ? Seen::Noted : Seen::Met});
            if (o.actual.starts_with("accepted")) {
              o.actual += has_login ? " (the broker does not check the passcode of this login)"
                                    : " (stompcheck has no credentials for this broker, --login: "
                                      "whether it authenticates is unknown)";
            }
            co_return o;
          },
      },
      {
          .id = "connect/unknown-vhost",
          .requirements = {"CN-09", "CN-08", "ER-01"},
          .spec = "1.2#CONNECT_or_STOMP_Frame",
          .title = "An unknown host: accepted, defaulted or refused (ERROR then close) (§10.2)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            if (auto p = co_await s.connect(); !p) co_return p.outcome;
            // GRADING.md §10.2: accepting is INFO; only a refusal without ERROR, or an ERROR
            // without the close, is graded (CN-08, ER-01).
            const stomp::Frame connect =
                s.connect_frame({{"host", "stompcheck-no-such-vhost.invalid"}});
            co_return co_await answer_to(s, connect, {.requirement = "CN-08"});
          },
      },
      {
          .id = "connect/backslash-in-header",
          .requirements = {"FR-08"},
          .spec = "1.2#Value_Encoding",
          .title = "CONNECT x-test:a\\tb, x-test:a\\cb (each alone) are literal: CONNECTED",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            if (auto p = co_await s.connect(); !p) co_return p.outcome;
            // "The CONNECT and CONNECTED frames do not escape": `\t` there is two octets, so
            // an undefined escape is no fatal error (FR-06 does not apply); one per CONNECT.
            std::vector<Outcome> each;
            for (std::string_view value : kBackslashValues) {
              const stomp::Frame connect = s.connect_frame({{"x-test", std::string(value)}});
              Outcome o =
                  co_await answer_to(s, connect, {.requirement = "FR-08", .refused = Seen::Broken});
              o.actual = "x-test:" + std::string(value) + ": " + o.actual;
              each.push_back(std::move(o));
            }
            co_return all_of(s, std::move(each));
          },
      },
      {
          .id = "connect/extra-headers",
          .requirements = {"FR-01", "CN-08"},
          .spec = "1.2#CONNECT_or_STOMP_Frame",
          .title = "CONNECT with client-id and an unknown x- header gets CONNECTED",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            if (auto p = co_await s.connect(); !p) co_return p.outcome;
            // The server "can reject any connection attempt" (CN-08): a refusal is recorded.
            const stomp::Frame connect = s.connect_frame(
                {{"client-id", s.queue("client-id")}, {"x-stompcheck", "extra header"}});
            co_return co_await answer_to(s, connect,
                                         {.requirement = "CN-08", .refused = Seen::Noted});
          },
      },
      {
          .id = "connect/frame-before-connect",
          .requirements = {"CN-11", "CN-08"},
          .spec = "1.2#Connecting",
          .title = "SEND before CONNECT: recorded (ERROR then close, or a close; CN-08 checked)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            if (auto p = co_await s.connect(); !p) co_return p.outcome;
            auto c = co_await s.open();
            if (!c) co_return c.outcome;
            const stomp::Frame send{.command = Command::Send,
                                    .headers = {{"destination", s.queue()}, {"receipt", "r-early"}},
                                    .body = "early"};
            co_await c->send(send);
            // A RECEIPT: the broker connected implicitly (recorded). No version is agreed yet, so
            // an ERROR's close is the rejected connection's SHOULD (CN-08), not 1.2's ER-01.
            co_return co_await expect_reaction(*c, Command::Receipt,
                                               {.requirement = "CN-11",
                                                .accepted = Seen::Noted,
                                                .ignored = Seen::Noted,
                                                .close = "CN-08"});
          },
      },
      {
          .id = "connect/connect-twice",
          .requirements = {"CN-11", "ER-01"},
          .spec = "1.2#Connecting",
          .title = "A second CONNECT on a connection: recorded (ERROR then close; ER-01 checked)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            co_await c->send(s.connect_frame());
            co_return co_await expect_reaction(
                *c, Command::Connected,
                {.requirement = "CN-11", .accepted = Seen::Noted, .ignored = Seen::Noted});
          },
      },
      {
          .id = "connect/malformed-accept-version",
          .requirements = {"CN-04", "ER-01"},
          .spec = "1.2#Protocol_Negotiation",
          .title = "accept-version '1.0, V', 'V,', 'V;1.0', '': recorded (ERROR then close)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            if (auto p = co_await s.connect(); !p) co_return p.outcome;
            std::vector<Outcome> each;
            for (const std::string& accept : bad_accept_versions(s.version())) {
              const stomp::Frame connect = s.connect_frame({{"accept-version", accept}});
              Outcome o = co_await answer_to(s, connect, {.requirement = "CN-04"});
              o.actual = "accept-version:" + stomp::show(accept) + ": " + o.actual;
              each.push_back(std::move(o));
            }
            co_return all_of(s, std::move(each));
          },
      },
      {
          .id = "connect/receipt-on-connect",
          .requirements = {"RC-02"},
          .spec = "1.2#Header_receipt",
          .title = "CONNECT with a receipt header: CONNECTED, and whether a RECEIPT comes too",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            if (auto p = co_await s.connect(); !p) co_return p.outcome;
            auto c = co_await s.open();
            if (!c) co_return c.outcome;
            const stomp::Frame connect = s.connect_frame({{"receipt", "r-connect"}});
            co_await c->send(connect);
            Outcome o = co_await expect_reaction(*c, Command::Connected,
                                                 {.requirement = "RC-02", .refused = Seen::Noted});
            if (!o) co_return o;
            const Millis quiet = s.settings().quiet;
            const Event r = co_await await_frame(*c, {.command = Command::Receipt}, quiet);
            o.actual += "; then " + describe(r, quiet);
            co_return o;
          },
      },
      {
          .id = "connect/session-10",
          .requirements = {"CN-12"},
          .spec = "1.0#Stomp_Protocol_Specification__Version_1_0",
          .title = "A 1.0 CONNECTED carries a session header",
          .versions = kOnly10,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            co_return expect_has_header(s.version(), "CN-12", c->connected(), "session");
          },
      },
      {
          .id = "connect/missing-host",
          .requirements = {"CN-02", "ER-01"},
          .spec = "1.2#CONNECT_or_STOMP_Frame",
          .title = "CONNECT without host: recorded (CONNECTED, or ERROR then close)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            if (auto p = co_await s.connect(); !p) co_return p.outcome;
            stomp::Frame connect = s.connect_frame();
            std::erase_if(connect.headers, [](const stomp::Header& h) { return h.name == "host"; });
            co_return co_await answer_to(s, connect, {.requirement = "CN-02"});
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
