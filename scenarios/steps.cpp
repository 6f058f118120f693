#include "scenarios/steps.hpp"

#include <utility>

#include "scenarios/verify.hpp"

namespace stompcheck {

using stomp::Command;

asio::awaitable<Outcome> with_receipt(Conn& c, stomp::Frame f) {
  const std::string id = c.session().receipt();
  f.headers.push_back({"receipt", id});
  const std::string what(stomp::to_string(f.command));
  if (!co_await c.send(f)) {
    co_return Outcome{.verdict = Verdict::Fail,
                      .expected = "RECEIPT for " + what,
                      .actual = "the connection closed before " + what + " was written"};
  }
  co_return co_await expect_receipt(c, id);
}

asio::awaitable<Outcome> subscribe(Conn& c, std::string destination, std::string id,
                                   std::string ack) {
  stomp::Frame f{.command = Command::Subscribe,
                 .headers = {{"destination", std::move(destination)}, {"id", std::move(id)}},
                 .body = {}};
  if (!ack.empty()) f.headers.push_back({"ack", std::move(ack)});
  co_return co_await with_receipt(c, std::move(f));
}

asio::awaitable<Outcome> send_to(Conn& c, std::string destination, std::string body,
                                 std::vector<stomp::Header> headers) {
  stomp::Frame f{.command = Command::Send,
                 .headers = {{"destination", std::move(destination)}},
                 .body = std::move(body)};
  for (stomp::Header& h : headers) f.headers.push_back(std::move(h));
  co_return co_await with_receipt(c, std::move(f));
}

asio::awaitable<Outcome> round_trip(Conn& c, RoundTrip r, stomp::Frame& message) {
  if (auto o = co_await subscribe(c, r.destination, r.id, r.ack); !o) co_return o;
  if (auto o = co_await send_to(c, r.destination, r.body, r.headers); !o) co_return o;
  co_return co_await expect_message(c, message);
}

stomp::Frame ack_of(const Conn& c, const stomp::Frame& message, Command command) {
  stomp::Frame f{.command = command, .headers = {}, .body = {}};
  auto copy = [&](std::string_view from, std::string_view to) {
    if (auto v = message.header(from)) f.headers.push_back({std::string(to), std::string(*v)});
  };
  switch (c.version()) {
    case stomp::Version::V1_2: copy("ack", "id"); break;
    case stomp::Version::V1_1:
      copy("message-id", "message-id");
      copy("subscription", "subscription");
      break;
    case stomp::Version::V1_0: copy("message-id", "message-id"); break;
  }
  return f;
}

std::string bodies(const std::vector<stomp::Frame>& frames) {
  std::string out;
  for (const stomp::Frame& f : frames) out += (out.empty() ? "" : ",") + f.body;
  return out.empty() ? "none" : out;
}

}  // namespace stompcheck
