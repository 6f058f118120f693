#pragma once
// Steps that scenarios share: a frame written and its RECEIPT awaited, in one call. They
// loop over nothing themselves; the verifiers do.
#include <string>
#include <string_view>
#include <vector>

#include <asio/awaitable.hpp>

#include <stomp/frame.hpp>

#include "scenarios/outcome.hpp"
#include "scenarios/session.hpp"

namespace stompcheck {

// Writes `f` with a fresh receipt header and waits for its RECEIPT (RC-01).
asio::awaitable<Outcome> with_receipt(Conn& c, stomp::Frame f);

// SUBSCRIBE destination, id and (when not empty) ack, with a receipt.
asio::awaitable<Outcome> subscribe(Conn& c, std::string destination, std::string id,
                                   std::string ack = {});
// SEND a body to a destination with user headers, with a receipt.
asio::awaitable<Outcome> send_to(Conn& c, std::string destination, std::string body,
                                 std::vector<stomp::Header> headers = {});

// One message through a subscription: SUBSCRIBE (with receipt), SEND (with receipt), MESSAGE.
struct RoundTrip {
  std::string destination;
  std::string id = "sub-0";  // the subscription id
  std::string ack{};         // the SUBSCRIBE ack header; empty: none (auto)
  std::string body = "m";
  std::vector<stomp::Header> headers{};  // user headers on the SEND
};
asio::awaitable<Outcome> round_trip(Conn& c, RoundTrip r, stomp::Frame& message);

// The ACK (or NACK) for a MESSAGE in the connection's version: 1.2 `id` = the MESSAGE's ack
// header (AK-01); 1.1 `message-id` and `subscription` (AK-02); 1.0 `message-id` (AK-03).
stomp::Frame ack_of(const Conn& c, const stomp::Frame& message,
                    stomp::Command command = stomp::Command::Ack);

// The bodies of the frames, in order ("m0,m2"), for Expected / Actual lines.
std::string bodies(const std::vector<stomp::Frame>& frames);

}  // namespace stompcheck
