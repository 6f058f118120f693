#include "scenarios/reaction.hpp"

#include <string>

#include <stomp/notation.hpp>

#include "scenarios/verify.hpp"

namespace stompcheck {

namespace {

// `answer` accepts the frame; with `receipt` set, a RECEIPT with that receipt-id.
asio::awaitable<Outcome> react(Conn& c, Wanted answer, Reaction r, stomp::Frame* out) {
  const Settings& st = c.session().settings();
  const stomp::Version v = c.version();
  const std::string expected = std::string(stomp::to_string(*answer.command)) +
                               ", or ERROR then the close within " +
                               std::to_string(st.close_window.count()) + " ms";
  const Event e = co_await await_frame(c, answer, st.timeout);
  if (e.kind == Event::Kind::Frame && e.frame.command == *answer.command) {
    if (out != nullptr) *out = e.frame;
    const std::string got = "accepted: " + describe(e.frame);
    if (answer.name.empty() || r.accepted == Seen::Broken) {
      co_return judge(r.requirement, v, r.accepted, expected, got);
    }
    const Event late = co_await await_frame(c, {.command = stomp::Command::Error}, st.quiet);
    if (late.kind == Event::Kind::Frame) {
      co_return judge(
          "RC-01", v, Seen::Broken, expected,
          got + ", then " + describe(late.frame) + ": a RECEIPT means \"successfully processed\"");
    }
    const std::string then =
        late.kind == Event::Kind::Timeout ? std::string{} : ", then " + describe(late, st.quiet);
    co_return judge(r.requirement, v, r.accepted, expected, got + then);
  }
  if (e.kind == Event::Kind::Timeout) {
    co_return judge(r.requirement, v, r.ignored, expected,
                    "neither accepted nor refused: " + describe(e, st.timeout));
  }
  Outcome o = co_await expect_refusal(c, {.requirement = r.requirement, .close = r.close});
  if (o.requirement == "FR-01") co_return o;  // the broker's own octets broke the grammar
  if (r.refused == Seen::Broken || (o && r.refused != Seen::Met)) {
    co_return judge(r.requirement, v, r.refused, expected, "refused: " + o.actual);
  }
  if (!o && o.requirement == r.requirement && r.lingering != Seen::Lingering) {
    co_return judge(r.requirement, v, r.lingering, expected, "refused: " + o.actual);
  }
  if (o) o.actual = "refused: " + o.actual;
  co_return o;
}

}  // namespace

asio::awaitable<Outcome> expect_reaction(Conn& c, stomp::Command answer, Reaction r,
                                         stomp::Frame* out) {
  const Wanted w{.command = answer};
  co_return co_await react(c, w, r, out);
}

asio::awaitable<Outcome> expect_reaction(Conn& c, std::string_view receipt, Reaction r,
                                         stomp::Frame* out) {
  const Wanted w{.command = stomp::Command::Receipt, .name = "receipt-id", .value = receipt};
  co_return co_await react(c, w, r, out);
}

}  // namespace stompcheck
