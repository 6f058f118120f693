#pragma once
// The broker's routing state without I/O: destinations, subscriptions, queues, pending acks
// and transactions. Every operation validates first and changes nothing when it fails, so a
// session can send its RECEIPT only for frames that succeeded (RC-01).
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <stomp/command.hpp>
#include <stomp/frame.hpp>

#include "broker/faults.hpp"

namespace stompcheck::broker {

using SessionId = std::uint64_t;

enum class AckMode : std::uint8_t { Auto, Client, ClientIndividual };

// "auto", "client", "client-individual" (1.2#SUBSCRIBE_ack_Header; 1.0 knows the first two).
std::optional<AckMode> parse_ack_mode(std::string_view text, stomp::Version v);

// A message as stored: the SEND's user headers (content-type included, wire order, repeats
// kept) without the headers the broker sets itself.
struct Message {
  std::string destination;
  std::vector<stomp::Header> headers;
  std::string body;
  std::string id;  // message-id, unique per SEND (MS-03)
  bool redelivered = false;
  bool operator==(const Message&) const = default;
};

// Octets a stored message holds: destination, headers, body, id.
std::size_t footprint(const Message& m);

// One MESSAGE to write: to which session, for which subscription, with which ack id.
struct Delivery {
  SessionId session = 0;
  std::string subscription;
  std::string ack;  // the 1.2 `ack` header value; empty for auto subscriptions
  Message message;
  bool operator==(const Delivery&) const = default;
};

// Why a frame failed: the ERROR's `message` header and its body.
struct Fault {
  std::string message;
  std::string detail;
  bool operator==(const Fault&) const = default;
};

struct Outcome {
  std::vector<Delivery> deliveries;  // to write, in order, even when other sessions
  std::optional<Fault> fault;        // set: nothing changed, answer ERROR and close
  bool ok() const { return !fault; }
};

// Which delivery an ACK/NACK names, per version: 1.2 by `id` (the ack header), 1.1 by
// `message-id` + `subscription`, 1.0 by `message-id` alone (1.2#ACK, 1.1#ACK, 1.0#frame-ACK).
struct AckRef {
  std::string id;
  std::string message_id;
  std::optional<std::string> subscription;
};

class State {
 public:
  // A destination is `/queue/NAME` or `/topic/NAME` with a non-empty NAME (SD-02, SB-02).
  static bool valid_destination(std::string_view d);

  void open(SessionId s, stomp::Version v);
  // Forgets the session: open transactions are aborted (TX-04), unacked queue messages go
  // back to their queue marked redelivered (SB-07) and may be delivered to others at once.
  Outcome close(SessionId s);

  // `id` empty in 1.0 means "none given": the destination then names the subscription.
  Outcome subscribe(SessionId s, std::string id, const std::string& destination, AckMode mode);
  // By id; in 1.0 by destination when `id` is empty (US-02).
  Outcome unsubscribe(SessionId s, const std::string& id, const std::string& destination);
  // Stamps a message-id; with a transaction the message waits for COMMIT (TX-02).
  Outcome send(SessionId s, Message m, const std::optional<std::string>& tx);
  Outcome ack(SessionId s, const AckRef& ref, bool nack, const std::optional<std::string>& tx);
  Outcome begin(SessionId s, const std::string& tx);
  Outcome commit(SessionId s, const std::string& tx);
  Outcome abort(SessionId s, const std::string& tx);
  // Injected defects (broker/faults.hpp); none by default.
  void set_defects(const Defects& d) { defects_ = d; }
  // Commits every open transaction of the session (the no-implicit-abort defects).
  Outcome commit_all(SessionId s);

  // Flow control: the session has no room for these queue deliveries. They go back to the
  // front of their queues (redelivered, order kept) and the session gets no more queue
  // messages until unblock(), which drains its queues again.
  Outcome refuse(SessionId s, std::vector<Delivery> ds);
  Outcome unblock(SessionId s);

  // Messages waiting in a queue for a subscriber (tests and diagnostics).
  std::size_t queued(const std::string& destination) const;
  // The footprint() of every message waiting in a queue (Config::max_buffered).
  std::size_t queued_bytes() const { return queued_bytes_; }

 private:
  struct Pending {  // a delivered, not yet acknowledged message
    std::uint64_t seq = 0;
    std::string ack;
    Message message;
  };
  struct Subscription {
    std::string id;
    std::string destination;
    AckMode mode = AckMode::Auto;
    std::deque<Pending> pending;  // delivery order
  };
  struct TxOp {
    std::optional<Message> send;
    std::string subscription;  // ACK/NACK: the subscription and the delivery's seq
    std::uint64_t seq = 0;
    bool nack = false;
  };
  struct Conn {
    stomp::Version version = stomp::Version::V1_2;
    std::map<std::string, Subscription> subs;
    std::map<std::string, std::vector<TxOp>> txs;
    bool blocked = false;  // refused a queue delivery: skipped by drain() (flow control)
  };
  struct Queue {
    std::deque<Message> messages;
    std::size_t next = 0;  // round-robin position among the subscribers
  };
  struct Found {
    Subscription* sub = nullptr;
    std::uint64_t seq = 0;
  };

  Conn* conn(SessionId s);
  std::optional<Fault> check_tx(SessionId s, const std::optional<std::string>& tx);
  Found find(Conn& c, const AckRef& ref);
  void route(Message m, std::vector<Delivery>& out);
  void drain(const std::string& queue, std::vector<Delivery>& out);
  void deliver(SessionId s, Subscription& sub, Message m, std::vector<Delivery>& out);
  void settle(Subscription& sub, std::uint64_t seq, bool nack, std::vector<Delivery>& out);
  void requeue(std::vector<Message> ms, std::vector<Delivery>& out);
  std::vector<std::pair<SessionId, std::string>> subscribers(const std::string& dest) const;

  std::map<SessionId, Conn> conns_;
  std::map<std::string, Queue> queues_;
  std::uint64_t next_message_ = 0;
  std::uint64_t next_seq_ = 0;
  std::size_t queued_bytes_ = 0;
  Defects defects_{};
  std::map<std::string, std::vector<Message>> retained_;  // topic-retains-messages
  std::map<std::string, std::size_t> topic_next_;         // topic-as-queue round robin
};

}  // namespace stompcheck::broker
