// Connecting and protocol negotiation (1.2#Connecting, 1.2#Protocol_Negotiation, CN-...).
#include <regex>
#include <string>

#include <stomp/notation.hpp>

#include "scenarios/cases/cases.hpp"
#include "scenarios/reaction.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

// "1.0,1.1,...,v" followed by `tail`: every version up to the one under test, incrementing.
std::string versions_up_to(Version v, std::string_view tail) {
  std::string out = "1.0";
  if (v >= Version::V1_1) out += ",1.1";
  if (v >= Version::V1_2) out += ",1.2";
  return out + std::string(tail);
}

// Precondition and CONNECT with `accept`: CONNECTED must name the version under test.
asio::awaitable<Outcome> negotiates(Session& s, std::string accept) {
  if (auto p = co_await s.connect({}, true); !p) co_return p.outcome;
  auto c = co_await s.open();
  if (!c) co_return c.outcome;
  const stomp::Frame connect = s.connect_frame({{"accept-version", accept}});
  co_await c->send(connect);
  stomp::Frame f;
  if (auto o = co_await expect_connected(*c, &f); !o) co_return o;
  co_return expect_header(s.version(), "CN-04", f, "version", stomp::to_string(s.version()));
}

// What connect_frame() holds at 1.0, under the 1.1+ command STOMP (1.0 escapes nothing).
std::string stomp_frame_10(const Session& s) {
  std::string out = "STOMP\n";
  for (const stomp::Header& h : s.connect_frame().headers) out += h.name + ":" + h.value + "\n";
  out += "\n";
  out.push_back('\0');
  return out;
}

}  // namespace

std::span<const Scenario> connecting() {
  static const std::vector<Scenario> own{
      {
          .id = "connect/negotiated-version",
          .requirements = {"CN-03", "CN-04", "CN-06", "CN-05"},
          .spec = "1.2#Protocol_Negotiation",
          .title = "CONNECT offering one version gets CONNECTED with that version (1.0: none)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return (co_await s.connect({}, true)).outcome;
          },
      },
      {
          .id = "connect/stomp-frame",
          .requirements = {"CN-01"},
          .spec = "1.2#CONNECT_or_STOMP_Frame",
          .title = "A STOMP frame is handled like CONNECT (1.1: SHOULD; 1.0 has none: recorded)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            if (auto p = co_await s.connect(); !p) co_return p.outcome;
            auto c = co_await s.open();
            if (!c) co_return c.outcome;
            if (s.version() == Version::V1_0) {  // no STOMP command in 1.0 (FR-24): raw octets
              co_await c->send_raw(stomp_frame_10(s));
              co_return co_await expect_reaction(*c, Command::Connected,
                                                 {.requirement = "CN-01", .refused = Seen::Noted});
            }
            co_await c->send(s.connect_frame({}, Command::Stomp));
            stomp::Frame f;
            if (auto o = co_await expect_connected(*c, &f); !o) {
              co_return judge("CN-01", s.version(), Seen::Broken, o.expected, o.actual);
            }
            co_return expect_header(s.version(), "CN-01", f, "version",
                                    stomp::to_string(s.version()));
          },
      },
      {
          .id = "connect/highest-common-version",
          .requirements = {"CN-04"},
          .spec = "1.2#Protocol_Negotiation",
          .title = "accept-version 1.0,...,V,2.0 gets the highest common version V",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await negotiates(s, versions_up_to(s.version(), ",2.0"));
          },
      },
      {
          .id = "connect/unordered-accept-version",
          .requirements = {"CN-04"},
          .spec = "1.2#Protocol_Negotiation",
          .title = "accept-version V,1.0 (not incrementing) still gets V",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            co_return co_await negotiates(s, std::string(stomp::to_string(s.version())) + ",1.0");
          },
      },
      {
          .id = "connect/no-common-version",
          .requirements = {"CN-05", "ER-01"},
          .spec = "1.2#Protocol_Negotiation",
          .title =
              "accept-version 9.9 gets ERROR (with a version header) and the close (1.1: SHOULD)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            if (auto p = co_await s.connect(); !p) co_return p.outcome;
            auto c = co_await s.open();
            if (!c) co_return c.outcome;
            const stomp::Frame connect = s.connect_frame({{"accept-version", "9.9"}});
            co_await c->send(connect);
            stomp::Frame error;
            Outcome o =
                co_await expect_refusal(*c, {.requirement = "CN-05", .close = "CN-05"}, &error);
            if (o && !error.header("version")) {  // REC: the spec's example lists the versions
              o = judge("CN-05", s.version(), Seen::Broken, "ERROR with a version header",
                        describe(error));
              if (o.verdict == Verdict::Fail) o.verdict = Verdict::NonStrict;
            }
            co_return o;
          },
      },
      {
          .id = "connect/connected-headers",
          .requirements = {"CN-07", "HB-01"},
          .spec = "1.2#CONNECTED_Frame",
          .title = "CONNECTED heart-beat is 'digits,digits' and server is 'name[/version] ...'",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const stomp::Frame& f = c->connected();
            const std::string hb(f.header("heart-beat").value_or("0,0"));
            const std::string server(f.header("server").value_or("name"));
            const bool hb_ok = std::regex_match(hb, std::regex("[0-9]+,[0-9]+"));
            const bool server_ok = std::regex_match(server, std::regex("[^ /]+(/[^ ]*)?( .*)?"));
            const Version v = s.version();
            co_return all_of(
                s, {judge("HB-01", v, hb_ok ? Seen::Met : Seen::Broken, "heart-beat digits,digits",
                          "heart-beat:" + stomp::show(hb)),
                    judge("CN-07", v, server_ok ? Seen::Met : Seen::Broken,
                          "server name[/version] comments", "server:" + stomp::show(server))});
          },
      },
      {
          .id = "connect/rapid-reconnect",
          .requirements = {"CN-10"},
          .spec = "1.2#Connection_Lingering",
          .title = "100 connect / CONNECTED / close cycles all succeed",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            for (int i = 0; i < 100; ++i) {
              auto c = co_await s.connect();
              if (!c) {
                c.outcome.actual = "cycle " + std::to_string(i + 1) + ": " + c.outcome.actual;
                co_return c.outcome;
              }
              c->drop();
            }
            co_return Outcome{
                .verdict = Verdict::Pass, .expected = "100 CONNECTED", .actual = "100 CONNECTED"};
          },
      },
  };
  static const std::vector<Scenario> all = [] {
    std::vector<Scenario> both = own;
    const std::span<const Scenario> more = connect_variants();
    both.insert(both.end(), more.begin(), more.end());
    return both;
  }();
  return all;
}

}  // namespace stompcheck::cases
