// Header lines and their encoding (1.2#Value_Encoding, 1.2#Repeated_Header_Entries,
// 1.2#Augmented_BNF: FR-06, FR-09, FR-18, FR-20, FR-21), malformed on purpose or padded.
#include <string>
#include <vector>

#include "scenarios/cases/cases.hpp"
#include "scenarios/malformed.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

// A SEND whose one violation is the header line `line` (raw octets, after the receipt),
// graded as a refusal by `requirement` (GRADING.md §10.13).
asio::awaitable<Outcome> refuse_line(Session& s, std::string line, std::string_view requirement) {
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  const std::string r = s.receipt();
  const stomp::Frame f{.command = Command::Send,
                       .headers = {{"destination", s.queue()}, {"receipt", r}},
                       .body = "m"};
  std::string raw = encoded(f, c->version());
  raw.insert(raw.find("\n\n") + 1, line + "\n");
  co_await c->send_raw(raw);
  co_return co_await expect_reaction(*c, r, must_refuse(requirement));
}

}  // namespace

std::span<const Scenario> frames_headers() {
  static const std::vector<Scenario> all{
      {
          .id = "frames/header-name-case",
          .requirements = {"FR-04", "SD-01"},
          .spec = "1.2#STOMP_Frames",
          .title = "`Destination:` is not `destination:`: a SEND with only the former is refused "
                   "(no destination), never delivered to it",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto sub = co_await s.connect();
            if (!sub) co_return sub.outcome;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*sub, q, "sub-0"); !o) co_return o;
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string r = s.receipt();
            const stomp::Frame f{.command = Command::Send,
                                 .headers = {{"Destination", q}, {"receipt", r}},
                                 .body = "m"};
            co_await c->send(f);
            const Event e = co_await await_answer(*c, r);
            const Version v = s.version();
            if (e.kind != Event::Kind::Frame || e.frame.command != Command::Receipt) {
              if (e.kind == Event::Kind::Timeout) {
                co_return judge("SD-01", v, Seen::Broken, "ERROR, then the close",
                                "neither refused nor confirmed (a hang)");
              }
              co_return co_await expect_refusal(*c, {.requirement = "FR-04", .close = "SD-02"});
            }
            Outcome quiet = co_await expect_quiet(*sub, "`Destination` names no destination");
            if (!quiet)
              co_return judge("FR-04", v, Seen::Broken, "ERROR",
                              "taken for destination: " + quiet.actual);
            co_return judge("SD-01", v, Seen::Broken, "ERROR (a SEND without destination)",
                            "accepted: " + describe(e.frame));
          },
      },
      {
          .id = "frames/header-without-colon",
          .requirements = {"FR-20", "ER-01"},
          .spec = "1.2#Augmented_BNF",
          .title = "A header line without ':' is refused: ERROR, then the close",
          .versions = kAllVersions,
          .run = [](Session& s) { return refuse_line(s, "novalue", "FR-20"); },
      },
      {
          .id = "frames/empty-header-name",
          .requirements = {"FR-20", "ER-01"},
          .spec = "1.2#Augmented_BNF",
          .title = "A header line with an empty name (`:v`) is refused: ERROR, then the close",
          .versions = kAllVersions,
          .run = [](Session& s) { return refuse_line(s, ":v", "FR-20"); },
      },
      {
          .id = "frames/undefined-escape",
          .requirements = {"FR-06", "ER-01"},
          .spec = "1.2#Value_Encoding",
          .title = "An undefined escape in a value (`x:a\\tb`) is a fatal error: ERROR, the close",
          .versions = kSince11,
          .run = [](Session& s) { return refuse_line(s, "x:a\\tb", "FR-06"); },
      },
      {
          .id = "frames/dangling-backslash",
          .requirements = {"FR-06", "ER-01"},
          .spec = "1.2#Value_Encoding",
          .title = "A value ending in a lone '\\' is a fatal error: ERROR, then the close",
          .versions = kSince11,
          .run = [](Session& s) { return refuse_line(s, "x:ab\\", "FR-06"); },
      },
      {
          .id = "frames/escape-in-name",
          .requirements = {"FR-06", "ER-01"},
          .spec = "1.2#Value_Encoding",
          .title = "An undefined escape in a header name (`x\\ty:v`) is a fatal error",
          .versions = kSince11,
          .run = [](Session& s) { return refuse_line(s, "x\\ty:v", "FR-06"); },
      },
      {
          .id = "frames/cr-escape-in-11",
          .requirements = {"FR-06", "ER-01"},
          .spec = "1.1#Value_Encoding",
          .title = "1.1 defines no `\\r` escape: `x:a\\rb` is a fatal error",
          .versions = {Version::V1_1},
          .run = [](Session& s) { return refuse_line(s, "x:a\\rb", "FR-06"); },
      },
      {
          .id = "frames/unescaped-colon-in-value",
          .requirements = {"FR-21", "MS-06"},
          .spec = "1.2#Augmented_BNF",
          .title = "An unescaped ':' in a value (`x-colon:a:b`): refused, or kept as `a:b` "
                   "(NON-STRICT); never mangled",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            const std::string r = s.receipt();
            const stomp::Frame f{.command = Command::Send,
                                 .headers = {{"destination", q}, {"receipt", r}},
                                 .body = "m"};
            std::string raw = encoded(f, c->version());
            raw.insert(raw.find("\n\n") + 1, "x-colon:a:b\n");
            RawSend send{.destination = q, .raw = raw, .receipt = r, .refusal = {"FR-21"}};
            auto d = co_await send_through(*c, std::move(send));
            if (!d.accepted || !d.outcome) co_return d.outcome;
            const Version v = s.version();
            const auto got = d.message.header("x-colon");
            if (got == "a:b") {
              co_return judge("FR-21", v, Seen::Broken, "refused (a ':' in a 1.1/1.2 value)",
                              "accepted and kept: the MESSAGE has x-colon = a:b");
            }
            co_return expect_header(v, "MS-06", d.message, "x-colon", "a:b");
          },
      },
      {
          .id = "frames/padded-destination",
          .requirements = {"FR-09"},
          .spec = "1.2#Value_Encoding",
          .title = "`destination: /queue/x` (a leading space) is another destination: nothing "
                   "reaches a subscriber of `/queue/x` (or the SEND is refused)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto sub = co_await s.connect();
            if (!sub) co_return sub.outcome;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*sub, q, "sub-0"); !o) co_return o;
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string r = s.receipt();
            const stomp::Frame f{.command = Command::Send,
                                 .headers = {{"destination", " " + q}, {"receipt", r}},
                                 .body = "padded"};
            co_await c->send(f);
            const Event e = co_await await_answer(*c, r);
            const bool receipt =
                e.kind == Event::Kind::Frame && e.frame.command == Command::Receipt;
            if (!receipt && e.kind != Event::Kind::Timeout) {
              // A SEND refused: ERROR and the close, in 1.1 too (SD-02).
              co_return co_await expect_refusal(*c, {.requirement = "FR-09", .close = "SD-02"});
            }
            if (!receipt)
              co_return judge("RC-01", s.version(), Seen::Broken, "RECEIPT " + r,
                              describe(e, s.settings().timeout));
            Outcome quiet = co_await expect_quiet(*sub, "the SEND named another destination");
            co_return judge("FR-09", s.version(), quiet ? Seen::Met : Seen::Broken, quiet.expected,
                            quiet ? "nothing (the names differ)" : quiet.actual);
          },
      },
      {
          .id = "frames/padded-user-header",
          .requirements = {"FR-09", "MS-06"},
          .spec = "1.2#Value_Encoding",
          .title = "User headers `x-pad: v `, ` x-lead:v` and `x-tab:\\tv\\t` round-trip byte "
                   "for byte (never trimmed)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::vector<stomp::Header> sent{
                {"x-pad", " v "}, {" x-lead", "v"}, {"x-tab", "\tv\t"}};
            stomp::Frame m;
            const RoundTrip r{.destination = s.queue(), .headers = sent};
            if (auto o = co_await round_trip(*c, r, m); !o) co_return o;
            std::vector<Outcome> checks;
            checks.reserve(sent.size());
            for (const stomp::Header& h : sent) {
              checks.push_back(expect_header(s.version(), "FR-09", m, h.name, h.value));
            }
            co_return all_of(s, std::move(checks));
          },
      },
      {
          .id = "frames/repeated-header-first-wins",
          .requirements = {"FR-18"},
          .spec = "1.2#Repeated_Header_Entries",
          .title = "SEND with destination and a user header each twice: the first occurrence "
                   "is used (the MESSAGE comes from the first destination, first value first)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string first = s.queue("first");
            const std::string second = s.queue("second");
            if (auto o = co_await subscribe(*c, first, "sub-1"); !o) co_return o;
            if (auto o = co_await subscribe(*c, second, "sub-2"); !o) co_return o;
            const stomp::Frame f{.command = Command::Send,
                                 .headers = {{"destination", first},
                                             {"destination", second},
                                             {"x-rep", "first"},
                                             {"x-rep", "second"}},
                                 .body = "m"};
            if (auto o = co_await with_receipt(*c, f); !o) co_return o;
            stomp::Frame m;
            if (auto o = co_await expect_message(*c, m); !o) co_return o;
            const Version v = s.version();
            co_return all_of(s, {expect_header(v, "FR-18", m, "destination", first),
                                 expect_header(v, "FR-18", m, "x-rep", "first")});
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
