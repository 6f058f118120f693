#include "scenarios/messaging.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <stomp/encoder.hpp>
#include <stomp/notation.hpp>

#include "scenarios/steps.hpp"

namespace stompcheck {

using stomp::Command;

asio::awaitable<Outcome> drop_and_collect(Session& s, Conn& c, std::vector<std::string> queues,
                                          std::size_t expected, std::vector<stomp::Frame>& back) {
  c.drop();
  auto again = co_await s.connect();
  if (!again) co_return again.outcome;
  for (std::size_t i = 0; i < queues.size(); ++i) {
    std::string id = "sub-back-";
    id += std::to_string(i);
    if (auto o = co_await subscribe(*again, queues[i], id); !o) co_return o;
  }
  std::vector<std::vector<stomp::Frame>> per;
  const std::vector<Conn*> conns{again.conn};
  co_await collect_messages(conns, expected, per);  // judge_redelivery() grades what came
  back = std::move(per.front());
  co_return Outcome{};
}

Outcome judge_redelivery(const Session& s, const std::vector<stomp::Frame>& back,
                         const Redelivery& r) {
  auto has = [&](const std::string& body) {
    return std::any_of(back.begin(), back.end(),
                       [&](const stomp::Frame& f) { return f.body == body; });
  };
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& x : v) out += (out.empty() ? "" : ",") + x;
    return out.empty() ? "none" : out;
  };
  const stomp::Version v = s.version();
  const std::string expected = "redelivered: " + join(r.unacked) + ", never " + join(r.acked);
  std::string actual = "redelivered: " + bodies(back);
  if (std::any_of(r.acked.begin(), r.acked.end(), has)) {
    return judge(r.requirement, v, Seen::Broken, expected, actual);
  }
  if (!std::all_of(r.unacked.begin(), r.unacked.end(), has)) {
    const bool claimed = s.profile().redelivers;
    if (!claimed) actual += " (the profile does not declare redelivery, GRADING.md §10.4)";
    return judge(r.requirement, v, claimed ? Seen::Broken : Seen::Noted, expected, actual);
  }
  return {.verdict = Verdict::Pass, .expected = expected, .actual = actual};
}

asio::awaitable<bool> send_in_tx(Conn& c, std::string destination, std::string body,
                                 std::string tx) {
  const stomp::Frame f{
      .command = Command::Send,
      .headers = {{"destination", std::move(destination)}, {"transaction", std::move(tx)}},
      .body = std::move(body)};
  co_return co_await c.send(f);
}

asio::awaitable<Outcome> fence(Session& s, Conn& c) {
  co_return co_await subscribe(c, s.queue("fence"), "sub-fence");
}

asio::awaitable<Outcome> expect_close_after_disconnect(Conn& c, std::string_view receipt) {
  const Millis wait = c.session().settings().timeout;
  const stomp::Version v = c.version();
  const std::string expected = "the close; the frame after DISCONNECT ignored or refused";
  const Event e = co_await await_frame(
      c, {.command = Command::Receipt, .name = "receipt-id", .value = receipt}, wait);
  if (e.kind == Event::Kind::Closed) {
    co_return judge("DC-03", v, Seen::Met, expected,
                    "the close (" + e.detail + "), no RECEIPT " + stomp::show(receipt));
  }
  if (e.kind != Event::Kind::Frame)
    co_return judge("DC-03", v, Seen::Broken, expected, describe(e, wait));
  if (e.frame.command == Command::Error) c.close_judged();  // graded here, after the DISCONNECT
  const Event after = co_await await_after(c, e.seq, wait);
  const std::string got = describe(e.frame) + ", then " + describe(after, wait);
  if (after.kind != Event::Kind::Closed) co_return judge("DC-03", v, Seen::Broken, expected, got);
  co_return judge("DC-02", v, Seen::Noted, expected, got);
}

stomp::Frame tx_frame(Command command, std::string tx) {
  return {.command = command, .headers = {{"transaction", std::move(tx)}}, .body = {}};
}

stomp::Frame in_tx(stomp::Frame f, std::string tx) {
  f.headers.push_back({"transaction", std::move(tx)});
  return f;
}

std::string pipelined(const Conn& c, const std::vector<stomp::Frame>& frames) {
  std::string out;
  for (const stomp::Frame& f : frames) {
    const stomp::EncodeOptions o{
        .version = c.version(), .content_length = !f.body.empty(), .crlf = false};
    if (stomp::encode_to(out, f, o) != stomp::EncodeError::None) {
      throw std::logic_error("scenario bug: " + describe(f) + " cannot be encoded");
    }
  }
  return out;
}

}  // namespace stompcheck
