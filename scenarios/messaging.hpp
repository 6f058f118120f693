#pragma once
// What the transaction, subscription and ack cases share (scenarios/cases/transactions.cpp,
// subscribe.cpp, ack.cpp, disconnect.cpp): redelivery after a dropped connection, and the frames of
// a transaction.
#include <string>
#include <string_view>
#include <vector>

#include <asio/awaitable.hpp>

#include <stomp/frame.hpp>

#include "model/grading.hpp"
#include "scenarios/outcome.hpp"
#include "scenarios/reaction.hpp"
#include "scenarios/session.hpp"
#include "scenarios/verify.hpp"

namespace stompcheck {

// Drops `c` without DISCONNECT, connects again, subscribes (auto) to each of `queues` and
// collects what comes back into `back`: until `expected` MESSAGEs arrived or the timeout, then
// a quiet window (collect_messages()).
asio::awaitable<Outcome> drop_and_collect(Session& s, Conn& c, std::vector<std::string> queues,
                                          std::size_t expected, std::vector<stomp::Frame>& back);

// What came back after a reconnect (GRADING.md §10.4): a body of `acked` never may (Broken on
// `requirement`); each of `unacked` should, and one missing is Broken on `requirement` when the
// profile declares redelivery, INFO (Noted) when not.
struct Redelivery {
  std::vector<std::string> acked{};
  std::vector<std::string> unacked{};
  std::string_view requirement{};
};
Outcome judge_redelivery(const Session& s, const std::vector<stomp::Frame>& back,
                         const Redelivery& r);

// SEND `body` to `destination` in transaction `tx`, with no receipt: a broker may answer the
// receipt of a frame in a transaction only when it is processed, at the COMMIT (RabbitMQ
// does; GRADING.md §9.8), so the frame is fenced by a later one instead.
asio::awaitable<bool> send_in_tx(Conn& c, std::string destination, std::string body,
                                 std::string tx);
// A frame in no transaction with a receipt, awaited: its RECEIPT says every earlier frame was
// received (RC-03), though a transaction's frames may wait for the COMMIT. A SUBSCRIBE to a
// queue of its own, so it changes nothing else.
asio::awaitable<Outcome> fence(Session& s, Conn& c);

// After a DISCONNECT that was followed on the wire by a frame with receipt `receipt`: the close
// (DC-03). That frame ignored (no RECEIPT) passes; processed (its RECEIPT) or refused (an
// ERROR) is recorded as INFO (DC-02: the client broke a client rule, the server's reaction is
// open).
asio::awaitable<Outcome> expect_close_after_disconnect(Conn& c, std::string_view receipt);

// BEGIN, COMMIT or ABORT of transaction `tx`.
stomp::Frame tx_frame(stomp::Command command, std::string tx);
// `f` with a transaction header.
stomp::Frame in_tx(stomp::Frame f, std::string tx);
// The frames encoded for the connection's version, back to back: written with one
// Conn::send_raw() they are pipelined (DC-02, DC-04).
std::string pipelined(const Conn& c, const std::vector<stomp::Frame>& frames);

}  // namespace stompcheck
