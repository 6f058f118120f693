#include "broker/state.hpp"

#include <algorithm>
#include <utility>

namespace stompcheck::broker {
namespace {

constexpr std::string_view kQueue = "/queue/";
constexpr std::string_view kTopic = "/topic/";

bool is_queue(std::string_view d) { return d.starts_with(kQueue); }

Outcome fail(std::string message, std::string detail) {
  return {.deliveries = {}, .fault = Fault{std::move(message), std::move(detail)}};
}

}  // namespace

std::optional<AckMode> parse_ack_mode(std::string_view text, stomp::Version v) {
  if (text == "auto") return AckMode::Auto;
  if (text == "client") return AckMode::Client;
  if (text == "client-individual" && v != stomp::Version::V1_0) return AckMode::ClientIndividual;
  return std::nullopt;
}

bool State::valid_destination(std::string_view d) {
  return (d.starts_with(kQueue) && d.size() > kQueue.size()) ||
         (d.starts_with(kTopic) && d.size() > kTopic.size());
}

void State::open(SessionId s, stomp::Version v) {
  conns_[s] = Conn{.version = v, .subs = {}, .txs = {}, .blocked = false};
}

State::Conn* State::conn(SessionId s) {
  auto it = conns_.find(s);
  return it == conns_.end() ? nullptr : &it->second;
}

Outcome State::close(SessionId s) {
  auto it = conns_.find(s);
  if (it == conns_.end()) return {};
  Conn c = std::move(it->second);
  conns_.erase(it);
  std::vector<Message> back;
  for (auto& [id, sub] : c.subs) {
    for (Pending& p : sub.pending) back.push_back(std::move(p.message));
  }
  if (defects_.has(Defect::NoRedeliveryAfterDrop)) back.clear();
  std::stable_sort(back.begin(), back.end(), [](const Message& a, const Message& b) {
    return a.id.size() != b.id.size() ? a.id.size() < b.id.size() : a.id < b.id;
  });
  Outcome out;
  requeue(std::move(back), out.deliveries);
  return out;
}

Outcome State::subscribe(SessionId s, std::string id, const std::string& destination,
                         AckMode mode) {
  Conn* c = conn(s);
  if (c == nullptr) return fail("not connected", "SUBSCRIBE before CONNECT");
  if (!valid_destination(destination)) {
    return fail("invalid destination",
                "destination '" + destination + "' is neither /queue/NAME nor /topic/NAME");
  }
  if (id.empty()) id = destination;  // 1.0 without id
  if (c->subs.contains(id)) {
    return fail("duplicate subscription id", "subscription id '" + id + "' is already in use");
  }
  c->subs[id] = Subscription{.id = id, .destination = destination, .mode = mode, .pending = {}};
  Outcome out;
  if (is_queue(destination)) drain(destination, out.deliveries);
  if (auto r = retained_.find(destination); r != retained_.end()) {
    for (const Message& m : r->second) deliver(s, c->subs[id], m, out.deliveries);
  }
  return out;
}

Outcome State::unsubscribe(SessionId s, const std::string& id, const std::string& destination) {
  Conn* c = conn(s);
  if (c == nullptr) return fail("not connected", "UNSUBSCRIBE before CONNECT");
  auto it = c->subs.end();
  if (!id.empty()) {
    it = c->subs.find(id);
  } else {
    it = std::find_if(c->subs.begin(), c->subs.end(),
                      [&](const auto& kv) { return kv.second.destination == destination; });
  }
  if (it == c->subs.end()) {
    return fail("unknown subscription",
                "no subscription '" + (id.empty() ? destination : id) + "' on this connection");
  }
  std::vector<Message> back;
  for (Pending& p : it->second.pending) back.push_back(std::move(p.message));
  c->subs.erase(it);
  Outcome out;
  requeue(std::move(back), out.deliveries);
  return out;
}

std::optional<Fault> State::check_tx(SessionId s, const std::optional<std::string>& tx) {
  if (!tx) return std::nullopt;
  Conn* c = conn(s);
  if (c == nullptr || !c->txs.contains(*tx)) {
    return Fault{"unknown transaction", "transaction '" + *tx + "' was not begun"};
  }
  return std::nullopt;
}

Outcome State::send(SessionId s, Message m, const std::optional<std::string>& tx) {
  if (conn(s) == nullptr) return fail("not connected", "SEND before CONNECT");
  if (!valid_destination(m.destination)) {
    return fail("invalid destination",
                "destination '" + m.destination + "' is neither /queue/NAME nor /topic/NAME");
  }
  if (auto f = check_tx(s, tx)) return {.deliveries = {}, .fault = std::move(f)};
  m.id = (defects_.has(Defect::EscapedColonIds) ? "m:" : "m-") + std::to_string(++next_message_);
  if (defects_.has(Defect::MessageIdReused)) m.id = "m" + m.destination;
  Outcome out;
  if (tx && !defects_.has(Defect::TxSendImmediate)) {
    conns_[s].txs[*tx].push_back(TxOp{.send = std::move(m), .subscription = {}, .seq = 0});
  } else {
    route(std::move(m), out.deliveries);
  }
  return out;
}

State::Found State::find(Conn& c, const AckRef& ref) {
  for (auto& [id, sub] : c.subs) {
    if (c.version == stomp::Version::V1_1 ||
        (c.version == stomp::Version::V1_0 && ref.subscription)) {
      if (!ref.subscription || *ref.subscription != id) continue;
    }
    for (const Pending& p : sub.pending) {
      bool by_ack = c.version == stomp::Version::V1_2 && !defects_.has(Defect::AckByMessageId);
      const std::string& want = c.version == stomp::Version::V1_2 ? ref.id : ref.message_id;
      bool match = by_ack ? p.ack == want : p.message.id == want;
      if (match) return {&sub, p.seq};
    }
  }
  return {};
}

Outcome State::ack(SessionId s, const AckRef& ref, bool nack,
                   const std::optional<std::string>& tx) {
  Conn* c = conn(s);
  if (c == nullptr) return fail("not connected", "ACK before CONNECT");
  if (auto f = check_tx(s, tx)) return {.deliveries = {}, .fault = std::move(f)};
  Found found = find(*c, ref);
  if (found.sub == nullptr) {
    std::string what = c->version == stomp::Version::V1_2 ? "id '" + ref.id + "'"
                                                          : "message-id '" + ref.message_id + "'";
    return fail("unknown ack id", "no unacknowledged message with " + what +
                                      " on this connection (1.2#ACK, 1.2#NACK)");
  }
  Outcome out;
  if (tx && !defects_.has(Defect::TxAckImmediate)) {
    c->txs[*tx].push_back(
        TxOp{.send = {}, .subscription = found.sub->id, .seq = found.seq, .nack = nack});
  } else if (defects_.has(Defect::CumulativeAckConnectionWide) &&
             found.sub->mode == AckMode::Client) {
    for (auto& [id, sub] : c->subs) {
      const AckMode mode = sub.mode;
      sub.mode = AckMode::Client;  // every subscription settled up to the seq
      settle(sub, found.seq, nack, out.deliveries);
      sub.mode = mode;
    }
  } else {
    settle(*found.sub, found.seq, nack, out.deliveries);
  }
  return out;
}

Outcome State::begin(SessionId s, const std::string& tx) {
  Conn* c = conn(s);
  if (c == nullptr) return fail("not connected", "BEGIN before CONNECT");
  if (c->txs.contains(tx)) {
    return fail("duplicate transaction", "transaction '" + tx + "' is already open (1.2#BEGIN)");
  }
  c->txs[tx] = {};
  return {};
}

Outcome State::commit(SessionId s, const std::string& tx) {
  if (auto f = check_tx(s, tx)) return {.deliveries = {}, .fault = std::move(f)};
  Conn& c = conns_[s];
  std::vector<TxOp> ops = std::move(c.txs[tx]);
  c.txs.erase(tx);
  Outcome out;
  for (TxOp& op : ops) {
    if (op.send) {
      if (!defects_.has(Defect::CommitDiscards)) route(std::move(*op.send), out.deliveries);
      continue;
    }
    Conn* now = conn(s);  // settle may not invalidate, but stay safe
    auto it = now->subs.find(op.subscription);
    if (it == now->subs.end()) continue;  // unsubscribed since: its messages went back
    const auto& pending = it->second.pending;
    bool still = std::any_of(pending.begin(), pending.end(),
                             [&](const Pending& p) { return p.seq <= op.seq; });
    if (still) settle(it->second, op.seq, op.nack, out.deliveries);
  }
  return out;
}

Outcome State::abort(SessionId s, const std::string& tx) {
  if (auto f = check_tx(s, tx)) return {.deliveries = {}, .fault = std::move(f)};
  if (defects_.has(Defect::AbortNotUndoing)) return commit(s, tx);
  conns_[s].txs.erase(tx);
  return {};
}

Outcome State::commit_all(SessionId s) {
  Outcome out;
  Conn* c = conn(s);
  if (c == nullptr) return out;
  std::vector<std::string> open;
  for (const auto& [tx, ops] : c->txs) open.push_back(tx);
  for (const std::string& tx : open) {
    Outcome o = commit(s, tx);
    for (Delivery& d : o.deliveries) out.deliveries.push_back(std::move(d));
  }
  return out;
}

std::size_t State::queued(const std::string& destination) const {
  auto it = queues_.find(destination);
  return it == queues_.end() ? 0 : it->second.messages.size();
}

std::vector<std::pair<SessionId, std::string>> State::subscribers(const std::string& dest) const {
  std::vector<std::pair<SessionId, std::string>> out;
  for (const auto& [s, c] : conns_) {
    for (const auto& [id, sub] : c.subs) {
      if (sub.destination == dest) out.emplace_back(s, id);
    }
  }
  return out;
}

void State::route(Message m, std::vector<Delivery>& out) {
  if (is_queue(m.destination) && defects_.has(Defect::QueueAsTopic)) {
    auto subs = subscribers(m.destination);
    if (!subs.empty()) {
      for (const auto& [s, id] : subs) deliver(s, conns_[s].subs[id], m, out);
      return;
    }
  }
  if (!is_queue(m.destination)) {
    auto subs = subscribers(m.destination);
    if (defects_.has(Defect::TopicRetainsMessages)) retained_[m.destination] = {m};
    if (!subs.empty() && defects_.has(Defect::TopicAsQueue)) {
      const auto& [s, id] = subs[topic_next_[m.destination]++ % subs.size()];
      deliver(s, conns_[s].subs[id], std::move(m), out);
      return;
    }
  }
  if (is_queue(m.destination)) {
    std::string dest = m.destination;
    queued_bytes_ += footprint(m);
    queues_[dest].messages.push_back(std::move(m));
    drain(dest, out);
    return;
  }
  for (const auto& [s, id] : subscribers(m.destination)) {
    deliver(s, conns_[s].subs[id], m, out);  // topic fan-out: current subscribers only
  }
}

void State::drain(const std::string& queue, std::vector<Delivery>& out) {
  auto subs = subscribers(queue);
  std::erase_if(subs, [&](const auto& sub) { return conns_[sub.first].blocked; });
  if (subs.empty()) return;
  Queue& q = queues_[queue];
  while (!q.messages.empty()) {
    const auto& [s, id] = subs[q.next++ % subs.size()];
    Message m = std::move(q.messages.front());
    q.messages.pop_front();
    queued_bytes_ -= footprint(m);
    deliver(s, conns_[s].subs[id], std::move(m), out);
  }
}

void State::deliver(SessionId s, Subscription& sub, Message m, std::vector<Delivery>& out) {
  Delivery d{.session = s, .subscription = sub.id, .ack = {}, .message = std::move(m)};
  if (sub.mode != AckMode::Auto || defects_.has(Defect::AutoAckKeepsMessages)) {
    std::uint64_t seq = ++next_seq_;
    d.ack = (defects_.has(Defect::EscapedColonIds) ? "a:" : "a-") + std::to_string(seq);
    sub.pending.push_back(Pending{.seq = seq, .ack = d.ack, .message = d.message});
    if (sub.mode == AckMode::Auto) d.ack.clear();  // never acked: kept until the connection ends
  }
  out.push_back(std::move(d));
}

void State::settle(Subscription& sub, std::uint64_t seq, bool nack, std::vector<Delivery>& out) {
  // client: this message and every earlier one of the subscription (1.2#SUBSCRIBE_ack_Header);
  // client-individual: this one only.
  std::vector<Message> back;
  auto& pending = sub.pending;
  for (auto it = pending.begin(); it != pending.end();) {
    bool cumulative = sub.mode == AckMode::Client;
    if (defects_.has(Defect::ClientAckIndividual)) cumulative = false;
    if (defects_.has(Defect::IndividualAckCumulative)) cumulative = true;
    bool hit = cumulative ? it->seq <= seq : it->seq == seq;
    if (!hit) {
      ++it;
      continue;
    }
    if (nack && !defects_.has(Defect::NackActsAsAck)) back.push_back(std::move(it->message));
    it = pending.erase(it);
  }
  if (defects_.has(Defect::NackDeadLetters)) {
    for (Message& m : back) {
      m.destination = "/queue/stompcheck-dead-letters";
      queued_bytes_ += footprint(m);
      queues_[m.destination].messages.push_back(std::move(m));
    }
    back.clear();
  }
  requeue(std::move(back), out);  // NACK: redeliver (1.2#NACK, "server specific")
}

std::size_t footprint(const Message& m) {
  std::size_t n = m.destination.size() + m.body.size() + m.id.size();
  for (const stomp::Header& h : m.headers) n += h.name.size() + h.value.size();
  return n;
}

Outcome State::refuse(SessionId s, std::vector<Delivery> ds) {
  Outcome o;
  Conn* c = conn(s);
  if (c != nullptr) c->blocked = true;
  std::vector<Message> back;
  for (Delivery& d : ds) {
    if (c != nullptr && !d.ack.empty()) {  // no longer pending: it was never written
      if (auto it = c->subs.find(d.subscription); it != c->subs.end()) {
        std::erase_if(it->second.pending, [&](const Pending& p) { return p.ack == d.ack; });
      }
    }
    back.push_back(std::move(d.message));
  }
  requeue(std::move(back), o.deliveries);
  return o;
}

Outcome State::unblock(SessionId s) {
  Outcome o;
  Conn* c = conn(s);
  if (c == nullptr || !c->blocked) return o;
  c->blocked = false;
  std::vector<std::string> queues;
  for (const auto& [id, sub] : c->subs) {
    if (is_queue(sub.destination)) queues.push_back(sub.destination);
  }
  for (const std::string& q : queues) drain(q, o.deliveries);
  return o;
}

void State::requeue(std::vector<Message> ms, std::vector<Delivery>& out) {
  std::vector<std::string> touched;
  for (auto it = ms.rbegin(); it != ms.rend(); ++it) {
    if (!is_queue(it->destination)) continue;  // a topic message is not kept
    it->redelivered = true;
    if (std::find(touched.begin(), touched.end(), it->destination) == touched.end()) {
      touched.push_back(it->destination);
    }
    queued_bytes_ += footprint(*it);
    queues_[it->destination].messages.push_front(std::move(*it));
  }
  for (const std::string& q : touched) drain(q, out);
}

}  // namespace stompcheck::broker
