// MESSAGE (1.2#MESSAGE: MS- rows, AK-06) and what it carries of its SEND (FR-13, FR-16).
// The output lint already checks every MESSAGE for destination, message-id, subscription
// (1.1+) and content-length on a body (1.1+, MS-07): these cases check the values.
#include <array>
#include <string>
#include <vector>

#include <stomp/notation.hpp>

#include "scenarios/cases/cases.hpp"
#include "scenarios/server_frames.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

constexpr std::array<std::string_view, 2> kClientModes{"client", "client-individual"};
constexpr std::array<std::string_view, 2> kNumbers{"1", "2"};

// One MESSAGE on a fresh queue named `name` (SUBSCRIBE, SEND of `sent` with a receipt).
asio::awaitable<Outcome> one_message(Session& s, std::string_view name, stomp::Frame sent,
                                     stomp::Frame& m) {
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  const std::string q = s.queue(name);
  if (auto o = co_await subscribe(*c, q, "sub-0"); !o) co_return o;
  sent.headers.insert(sent.headers.begin(), {"destination", q});
  if (auto o = co_await with_receipt(*c, sent); !o) co_return o;
  co_return co_await expect_message(*c, m);
}

// The MESSAGE of user header x-n:`n` among `got` (the bodies may be alike).
const stomp::Frame* numbered(const std::vector<stomp::Frame>& got, std::string_view n) {
  for (const stomp::Frame& f : got) {
    if (f.header("x-n") == n) return &f;
  }
  return nullptr;
}

}  // namespace

std::span<const Scenario> message() {
  static const std::vector<Scenario> all{
      {
          .id = "message/destination-not-rewritten",
          .requirements = {"MS-02", "MS-01"},
          .spec = "1.2#MESSAGE",
          .title =
              "A mixed-case destination comes back in the MESSAGE exactly as the SEND named it",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            stomp::Frame m;
            const stomp::Frame sent{.command = Command::Send, .headers = {}, .body = "d"};
            if (auto o = co_await one_message(s, "Mixed-Case_Name", sent, m); !o) co_return o;
            co_return expect_header(s.version(), "MS-02", m, "destination",
                                    s.queue("Mixed-Case_Name"));
          },
      },
      {
          .id = "message/content-type-passed",
          .requirements = {"MS-07", "FR-16", "FR-13"},
          .spec = "1.2#Header_content-type",
          .title = "A SEND's content-type reaches the MESSAGE unchanged; a SEND without one gets "
                   "a MESSAGE without one (GRADING.md §10.1)",
          .versions = kSince11,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            const std::string type = "text/plain;charset=utf-8";
            if (auto o = co_await subscribe(*c, q, "sub-0"); !o) co_return o;
            const std::vector<stomp::Header> typed{{"x-n", "1"}, {"content-type", type}};
            if (auto o = co_await send_to(*c, q, "typed", typed); !o) co_return o;
            const std::vector<stomp::Header> untyped{{"x-n", "2"}};
            if (auto o = co_await send_to(*c, q, "untyped", untyped); !o) co_return o;
            std::vector<stomp::Frame> got;
            if (auto o = co_await expect_messages(*c, 2, got); !o) co_return o;
            const stomp::Frame* one = numbered(got, "1");
            const stomp::Frame* two = numbered(got, "2");
            if (one == nullptr || two == nullptr) {
              co_return judge("MS-06", s.version(), Seen::Broken, "x-n:1 and x-n:2", bodies(got));
            }
            const Version v = s.version();
            auto invented = two->header("content-type");
            co_return all_of(s,
                             {expect_header(v, "MS-07", *one, "content-type", type),
                              judge("FR-16", v, invented ? Seen::Broken : Seen::Met,
                                    "no content-type on the MESSAGE of a SEND without one",
                                    invented ? "content-type:" + stomp::show(*invented) : "none")});
          },
      },
      {
          .id = "message/content-length",
          .requirements = {"MS-07", "FR-13", "MS-08"},
          .spec = "1.2#MESSAGE",
          .title = "A MESSAGE with a body has content-length (checked here in 1.0, by the lint "
                   "from 1.1) counting that body",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            stomp::Frame m;
            const stomp::Frame sent{.command = Command::Send, .headers = {}, .body = "12345"};
            if (auto o = co_await one_message(s, "q", sent, m); !o) co_return o;
            const Version v = s.version();
            const std::string want = std::to_string(sent.body.size());
            std::vector<Outcome> checks = carried(v, "MS-06", sent, m);
            if (v == Version::V1_0 || m.header("content-length")) {
              checks.push_back(expect_header(v, "MS-07", m, "content-length", want));
            }
            co_return all_of(s, std::move(checks));
          },
      },
      {
          .id = "message/ack-header-client-modes",
          .requirements = {"MS-05", "AK-06", "AK-01"},
          .spec = "1.2#MESSAGE",
          .title = "MESSAGEs on client and client-individual subscriptions carry ack, and an ACK "
                   "quoting it gets its RECEIPT",
          .versions = kOnly12,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            std::vector<Outcome> checks;
            for (const std::string_view name : kClientModes) {
              const std::string mode(name);
              stomp::Frame m;
              const RoundTrip r{.destination = s.queue(mode), .id = mode, .ack = mode};
              if (auto o = co_await round_trip(*c, r, m); !o) co_return o;
              Outcome has = expect_has_header(s.version(), "MS-05", m, "ack");
              const bool ok = static_cast<bool>(has);
              checks.push_back(std::move(has));
              if (ok) checks.push_back(co_await with_receipt(*c, ack_of(*c, m)));
            }
            co_return all_of(s, std::move(checks));
          },
      },
      {
          .id = "message/topic-delivery",
          .requirements = {"MS-02", "MS-04", "MS-01", "MS-03"},
          .spec = "1.2#MESSAGE",
          .title = "Two topic subscribers each get a MESSAGE with the topic as destination and "
                   "their own subscription id (one message-id or two: INFO)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            const std::string t = s.topic();
            auto a = co_await s.connect();
            if (!a) co_return a.outcome;
            auto b = co_await s.connect();
            if (!b) co_return b.outcome;
            if (auto o = co_await subscribe(*a, t, "sub-a"); !o) co_return o;
            if (auto o = co_await subscribe(*b, t, "sub-b"); !o) co_return o;
            if (auto o = co_await send_to(*a, t, "fan-out"); !o) co_return o;
            stomp::Frame ma, mb;
            if (auto o = co_await expect_message(*a, ma); !o) co_return o;
            if (auto o = co_await expect_message(*b, mb); !o) co_return o;
            const Version v = s.version();
            const bool same = ma.header("message-id") == mb.header("message-id");
            s.note(std::string("MS-03 (INFO): the two deliveries have ") +
                   (same ? "one message-id" : "two message-ids"));
            co_return all_of(s, {expect_header(v, "MS-02", ma, "destination", t),
                                 expect_header(v, "MS-02", mb, "destination", t),
                                 expect_header(v, "MS-04", ma, "subscription", "sub-a"),
                                 expect_header(v, "MS-04", mb, "subscription", "sub-b")});
          },
      },
      {
          .id = "message/empty-body",
          .requirements = {"MS-08", "FR-15"},
          .spec = "1.2#Header_content-length",
          .title = "Empty bodies, one without content-length and one with content-length:0, "
                   "arrive empty",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*c, q, "sub-0"); !o) co_return o;
            const std::vector<stomp::Header> bare{{"x-n", "1"}};
            if (auto o = co_await send_to(*c, q, "", bare); !o) co_return o;
            const std::vector<stomp::Header> zero{{"x-n", "2"}, {"content-length", "0"}};
            if (auto o = co_await send_to(*c, q, "", zero); !o) co_return o;
            std::vector<stomp::Frame> got;
            if (auto o = co_await expect_messages(*c, 2, got); !o) co_return o;
            const Version v = s.version();
            std::vector<Outcome> checks;
            for (const std::string_view n : kNumbers) {
              const stomp::Frame* m = numbered(got, n);
              const bool empty = m != nullptr && m->body.empty();
              checks.push_back(
                  judge("MS-08", v, empty ? Seen::Met : Seen::Broken,
                        "x-n:" + std::string(n) + " with an empty body",
                        m == nullptr ? "no such MESSAGE: " + bodies(got)
                                     : "a body of " + std::to_string(m->body.size()) + " octets"));
            }
            co_return all_of(s, std::move(checks));
          },
      },
      {
          .id = "message/large-body",
          .requirements = {"MS-08"},
          .spec = "1.2#MESSAGE",
          .title = "A 1 MiB binary body arrives octet for octet (a refusal by a size limit is "
                   "INFO, FR-19)",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> {
            auto c = co_await s.connect();
            if (!c) co_return c.outcome;
            const std::string q = s.queue();
            if (auto o = co_await subscribe(*c, q, "sub-0"); !o) co_return o;
            std::string body(std::size_t{1024} * 1024, '\0');
            for (std::size_t i = 0; i < body.size(); ++i) {
              body[i] = static_cast<char>((i * 131 + 17) % 256);
            }
            const stomp::Frame sent{
                .command = Command::Send, .headers = {{"destination", q}}, .body = body};
            const Asked asked = co_await ask_receipt(*c, sent);
            const Event e = co_await await_frame(
                *c, {.command = Command::Receipt, .name = "receipt-id", .value = asked.receipt},
                s.settings().timeout);
            if (e.kind == Event::Kind::Frame && e.frame.command == Command::Error) {
              co_return judge("FR-19", s.version(), Seen::Noted, "a RECEIPT, then the MESSAGE",
                              "refused: " + describe(e.frame) + " (a size limit, 1.2#Size_Limits)");
            }
            if (e.kind != Event::Kind::Frame) {
              co_return judge("RC-01", s.version(), Seen::Broken, "RECEIPT " + asked.receipt,
                              describe(e, s.settings().timeout));
            }
            stomp::Frame m;
            if (auto o = co_await expect_message(*c, m); !o) co_return o;
            co_return all_of(s, carried(s.version(), "MS-06", sent, m));
          },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
