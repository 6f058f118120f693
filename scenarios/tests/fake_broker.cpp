#include "scenarios/tests/fake_broker.hpp"

#include <algorithm>

#include <stomp/encoder.hpp>

namespace stompcheck::test {
namespace {

using stomp::Command;

stomp::Frame receipt_for(const Faults& f, const std::string& id) {
  return {.command = Command::Receipt,
          .headers = {{"receipt-id", f.wrong_receipt_id ? "x" + id : id}},
          .body = {}};
}

}  // namespace

FakeBroker::FakeBroker(Faults faults) : faults_(faults) {
  peer_ =
      std::make_unique<Peer>([f = faults_, st = state_](PeerConn& conn) { serve(conn, f, *st); });
}

void FakeBroker::serve(PeerConn& conn, const Faults& f, State& st) {
  std::optional<stomp::Frame> first = conn.read();
  if (!first) return;
  const std::string accept(first->header("accept-version").value_or("1.0"));
  std::string version = "1.0";
  for (const char* v : {"1.1", "1.2"}) {
    if (accept.find(v) != std::string::npos) version = v;
  }
  bool refuse = (first->command == Command::Stomp && f.refuse_stomp) ||
                (accept == "9.9" && !f.accept_any_version);
  if (f.accept_any_version && accept == "9.9") version = "1.2";
  if (f.wrong_version && version != "1.0") version = "1.1";
  std::vector<stomp::Header> extra;
  if (f.bad_heart_beat) extra.push_back({"heart-beat", "a,b"});
  conn.version = *stomp::parse_version(version);
  {
    std::lock_guard lock(st.mutex);
    if (refuse) {
      conn.write({.command = Command::Error,
                  .headers = {{"message", f.colon_in_refusal ? "versions: 1.0" : "refused"},
                              {"version", "1.0,1.1,1.2"}},
                  .body = {}});
      conn.close();
      return;
    }
    stomp::Frame connected{.command = Command::Connected, .headers = {}, .body = {}};
    if (version != "1.0") connected.headers.push_back({"version", version});
    for (stomp::Header& h : extra) connected.headers.push_back(std::move(h));
    conn.write(connected);
  }
  std::string held;
  while (auto frame = conn.read(2000ms)) {
    std::lock_guard lock(st.mutex);
    if (!handle(conn, f, st, *frame, held)) break;
  }
  std::lock_guard lock(st.mutex);
  std::erase_if(st.subs, [&](const Sub& s) { return s.conn == &conn; });
}

bool FakeBroker::handle(PeerConn& conn, const Faults& f, State& st, const stomp::Frame& frame,
                        std::string& held) {
  const std::optional<std::string> receipt =
      frame.header("receipt") ? std::optional<std::string>(*frame.header("receipt")) : std::nullopt;
  const bool needs_destination =
      frame.command == Command::Send || frame.command == Command::Subscribe;
  const bool refused = frame.command == Command::Unsubscribe && f.error_on_unsubscribe;
  if (refused || (needs_destination && !frame.header("destination") && !f.accept_bad_frames)) {
    if (f.close_without_error) {
      conn.close();
      return false;
    }
    if (receipt && f.receipt_then_error) conn.write(receipt_for(f, *receipt));
    stomp::Frame error{
        .command = Command::Error, .headers = {{"message", "no destination"}}, .body = {}};
    if (receipt && !f.error_without_receipt_id) error.headers.push_back({"receipt-id", *receipt});
    conn.write(error);
    if (!f.error_left_open) {
      conn.close();
      return false;
    }
    return true;
  }
  const std::string dest(frame.header("destination").value_or(""));
  const bool nowhere = needs_destination && dest.empty();  // accepted, but goes nowhere
  switch (nowhere ? Command::Ack : frame.command) {
    case Command::Send: {
      st.history[dest].push_back(frame);
      bool any = false;
      for (const Sub& s : st.subs) {
        if (s.destination != dest) continue;
        deliver(f, st, s, frame);
        any = true;
      }
      if (!any) st.waiting[dest].push_back(frame);
      break;
    }
    case Command::Subscribe: {
      Sub sub{&conn, std::string(frame.header("id").value_or("")), dest,
              std::string(frame.header("ack").value_or("auto"))};
      st.subs.push_back(sub);
      // The RECEIPT first: what is waiting is delivered after it.
      if (receipt && !f.no_receipt) conn.write(receipt_for(f, *receipt));
      if (!held.empty()) conn.write(receipt_for(f, std::exchange(held, {})));
      std::vector<stomp::Frame> backlog =
          f.redeliver_acked ? st.history[dest] : std::exchange(st.waiting[dest], {});
      for (const stomp::Frame& m : backlog) deliver(f, st, sub, m);
      return true;
    }
    case Command::Unsubscribe:
      if (!f.ignore_unsubscribe) {
        const std::string id(frame.header("id").value_or(""));
        std::erase_if(st.subs, [&](const Sub& s) {
          return s.conn == &conn && (id.empty() ? s.destination == dest : s.id == id);
        });
      }
      break;
    case Command::Disconnect:
      if (receipt && !f.no_receipt && !f.drop_disconnect_receipt) {
        conn.write(receipt_for(f, *receipt));
      }
      if (f.keep_open_after_disconnect) return true;
      conn.close();
      return false;
    default: break;  // ACK, NACK, BEGIN, ...: accepted
  }
  if (!receipt || f.no_receipt) return true;
  if (f.reorder_receipts && frame.command == Command::Send && held.empty()) {
    held = *receipt;  // answered after the next receipt
    return true;
  }
  conn.write(receipt_for(f, *receipt));
  if (!held.empty()) conn.write(receipt_for(f, std::exchange(held, {})));
  return true;
}

void FakeBroker::deliver(const Faults& f, State& st, const Sub& sub, const stomp::Frame& send) {
  if (f.drop_messages) return;
  PeerConn& to = *sub.conn;
  stomp::Frame m{.command = Command::Message,
                 .headers = {{"destination", sub.destination}},
                 .body = send.body};
  ++st.next_id;
  if (!f.no_message_id) m.headers.push_back({"message-id", "m-" + std::to_string(st.next_id)});
  if (!f.no_subscription_header) m.headers.push_back({"subscription", sub.id});
  if (sub.ack != "auto" && to.version == stomp::Version::V1_2 && !f.no_ack_header) {
    m.headers.push_back({"ack", "a-" + std::to_string(st.next_id)});
  }
  for (const stomp::Header& h : send.headers) {
    if (h.name != "destination" && h.name != "receipt" && h.name != "content-length") {
      m.headers.push_back(h);
    }
  }
  if (f.mangle_body) m.body = m.body.substr(0, m.body.find('\0'));
  if (f.unescaped_colon || f.no_content_length) {
    // Written by hand: the encoder would escape the ':' and add content-length.
    std::string raw = "MESSAGE\n";
    for (const stomp::Header& h : m.headers) raw += h.name + ":" + h.value + "\n";
    if (f.unescaped_colon) raw += "x-colon:a:b\n";
    to.write(raw + "\n" + m.body + std::string(1, '\0'));
    return;
  }
  to.write(m);
}

}  // namespace stompcheck::test
