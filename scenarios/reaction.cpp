#include "scenarios/reaction.hpp"

#include <string>

#include <stomp/notation.hpp>

#include "scenarios/verify.hpp"

namespace stompcheck {

asio::awaitable<Outcome> expect_reaction(Conn& c, stomp::Command answer, Reaction r,
                                         stomp::Frame* out) {
  const Millis wait = c.session().settings().timeout;
  const stomp::Version v = c.version();
  const std::string expected = std::string(stomp::to_string(answer)) +
                               ", or ERROR then the close within " +
                               std::to_string(c.session().settings().close_window.count()) + " ms";
  const Event e = co_await await_frame(c, {.command = answer}, wait);
  if (e.kind == Event::Kind::Frame && e.frame.command == answer) {
    if (out != nullptr) *out = e.frame;
    co_return judge(r.requirement, v, r.accepted, expected, "accepted: " + describe(e.frame));
  }
  if (e.kind == Event::Kind::Timeout) {
    co_return judge(r.requirement, v, r.ignored, expected, "ignored: " + describe(e, wait));
  }
  Outcome o = co_await expect_refusal(c, {.requirement = r.requirement, .close = r.close});
  if (o.requirement == "FR-01") co_return o;  // the broker's own octets broke the grammar
  if (r.refused == Seen::Broken || (o && r.refused != Seen::Met)) {
    o = judge(r.requirement, v, r.refused, expected, "refused: " + o.actual);
  } else if (o) {
    o.actual = "refused: " + o.actual;
  }
  co_return o;
}

}  // namespace stompcheck
