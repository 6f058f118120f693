#pragma once
// Heart-beat verifiers (1.2#Heart-beating): the intervals a CONNECT / CONNECTED pair agrees
// on, and a watch over a connection's event log for a bounded window, in which the client
// may keep its own promise by writing on a timer.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <asio/awaitable.hpp>

#include "scenarios/outcome.hpp"
#include "scenarios/session.hpp"

namespace stompcheck {

// The agreed intervals, 0 where a direction has none (HB-03).
struct Beat {
  Millis to_server{0};  // the client must send something at least this often
  Millis to_client{0};  // the server must
};

// "cx,cy" (the client's offer) and "sx,sy" (CONNECTED's value): client to server none if cx
// or sy is 0, else MAX(cx, sy); server to client likewise with sx and cy (HB-03). nullopt
// when either is not "digits,digits" (HB-01).
std::optional<Beat> agreed(std::string_view offer, std::string_view connected);

// The declared tolerance for a gap between the server's data: interval × 1.5 + 250 ms.
Millis tolerance(Millis interval);

// An EOL that arrives in the same read as the frame before it, or within this of it, is that
// frame's trailing EOL, not a heart-beat (GRADING.md §10.6).
inline constexpr Millis kTrailingEol{50};

struct Watch {
  Millis window{1000};           // how long to watch (the case's bound)
  Millis to_client{0};           // the server owes data at least this often; 0: no heart-beats
  Millis send_every{0};          // the client writes `beat` this often (0: it writes nothing)
  std::string_view beat = "\n";  // what the client writes (an EOL, or a frame): outlives the watch
  // The requirement a heart-beat breaks when none is due (HB-02: no header; HB-03: a 0).
  std::string_view unwanted = "HB-03";
};

// Reads `c` for `w.window` from now, writing `w.beat` every `w.send_every`. FAIL when the
// server's data came further apart than tolerance(to_client) (HB-04; the gap to the window's
// end counts too), when a heart-beat came although none was due (`w.unwanted`), when the
// connection closed while the client kept its promise (HB-05, GRADING.md §10.8), or when the
// broker's octets broke the grammar (FR-01). Frames seen are data, left for later verifiers.
asio::awaitable<Outcome> watch_heartbeats(Conn& c, Watch w);

// Reads `c` for at most `window` from now, the client writing nothing: whether the broker
// closed the connection (an ERROR before it is allowed), and when.
struct Drop {
  bool closed = false;
  Millis after{0};  // from the start of the wait to the close (or the whole window)
  std::string detail{};
};
asio::awaitable<Drop> await_drop(Conn& c, Millis window);

}  // namespace stompcheck
