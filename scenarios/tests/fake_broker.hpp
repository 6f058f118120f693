#pragma once
// A small scripted broker for the harness's own tests: it answers the catalogue's scenarios
// well enough to PASS the core ones, and each Fault makes it misbehave in one way, so that a
// test can show the verifier or cross-cutting check that must catch it does.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "scenarios/tests/peer.hpp"

namespace stompcheck::test {

struct Faults {
  bool wrong_version = false;             // CONNECTED version:1.1 whatever was offered (CN-04)
  bool accept_any_version = false;        // accept-version:9.9 gets CONNECTED (CN-05)
  bool refuse_stomp = false;              // STOMP gets ERROR (CN-01)
  bool bad_heart_beat = false;            // CONNECTED heart-beat:a,b (HB-01)
  bool no_receipt = false;                // never a RECEIPT (RC-01)
  bool wrong_receipt_id = false;          // receipt-id:x<id> (RC-01, cross-cutting)
  bool reorder_receipts = false;          // a SEND's RECEIPT after the next frame's (RC-03, INFO)
  bool receipt_then_error = false;        // a failing frame gets RECEIPT, then ERROR (RC-01)
  bool error_left_open = false;           // ERROR without the close (ER-01)
  bool error_without_receipt_id = false;  // the ERROR for a frame with a receipt (ER-03)
  bool colon_in_refusal = false;          // CONNECT refused: "message:a:b" (GRADING.md §9.4)
  bool error_on_unsubscribe = false;      // UNSUBSCRIBE gets an ERROR (closed unless left open)
  bool close_without_error = false;       // a failing frame: the close, no ERROR (NON-STRICT)
  bool accept_bad_frames = false;         // a SEND/SUBSCRIBE without destination is accepted
  bool drop_messages = false;             // never a MESSAGE
  bool unescaped_colon = false;           // MESSAGE header value with a raw ':' in 1.1/1.2 (FR-01)
  bool no_subscription_header = false;    // MESSAGE without subscription (MS-04, lint)
  bool no_message_id = false;             // MESSAGE without message-id (MS-03, lint)
  bool no_ack_header = false;             // client-mode MESSAGE without ack in 1.2 (AK-06)
  bool no_content_length = false;         // MESSAGE with a body but no content-length (FR-13)
  bool mangle_body = false;               // MESSAGE body cut at the first NUL (MS-08)
  bool ignore_unsubscribe = false;        // delivery goes on after UNSUBSCRIBE (US-01)
  bool redeliver_acked = false;           // a new subscription gets every message ever sent (SB-06)
  bool keep_open_after_disconnect = false;  // RECEIPT for DISCONNECT, no close (DC-03)
  bool drop_disconnect_receipt = false;     // DISCONNECT: the close, no RECEIPT (DC-01)
};

class FakeBroker {
 public:
  explicit FakeBroker(Faults faults = {});
  std::uint16_t port() const { return peer_->port(); }

 private:
  struct Sub {
    PeerConn* conn;
    std::string id, destination, ack;
  };
  struct State {
    std::mutex mutex;  // also serialises writes to every connection
    std::vector<Sub> subs;
    std::map<std::string, std::vector<stomp::Frame>> waiting;  // no subscriber yet
    std::map<std::string, std::vector<stomp::Frame>> history;  // every SEND, per destination
    int next_id = 0;
  };
  static void serve(PeerConn& conn, const Faults& f, State& st);
  static bool handle(PeerConn& conn, const Faults& f, State& st, const stomp::Frame& frame,
                     std::string& held_receipt);
  static void deliver(const Faults& f, State& st, const Sub& sub, const stomp::Frame& send);

  Faults faults_;
  std::shared_ptr<State> state_ = std::make_shared<State>();
  std::unique_ptr<Peer> peer_;
};

}  // namespace stompcheck::test
