#pragma once
// One TCP connection of a case and its event log: what the broker sent, in wire order, with
// what answered each frame the client wrote. Single-threaded: everything runs on the
// session's io_context.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>

#include <stomp/frame.hpp>
#include <stomp/parser.hpp>

namespace stompcheck {

using Millis = std::chrono::milliseconds;

// What the broker did, as one value: an entry of a connection's event log (wire order), or
// the end of a wait.
struct Event {
  enum class Kind : std::uint8_t {
    Frame,      // frame holds it
    Heartbeat,  // an EOL between frames
    Closed,     // end of stream or reset (the log's last entry)
    Timeout,    // nothing within the wait (never in the log)
    Broken,     // the broker's bytes broke the grammar; nothing after it is parsed (last entry)
  };
  Kind kind = Kind::Timeout;
  stomp::Frame frame{};
  std::string detail{};    // Closed: why; Broken: the lint failure; Timeout: octets pending
  std::size_t seq = 0;     // position in the connection's log: "after X" means a larger seq
  std::int64_t at_us = 0;  // when it was read, since the case started
  bool trailing = false;   // Heartbeat: the EOL right after a frame, not an idle heart-beat
                           // (GRADING.md §10.6)
};

// "RECEIPT receipt-id:r-1", "ERROR message:bad frame", "the close (eof)", "no frame within 2000 ms"
std::string describe(const Event& e, Millis waited);
// A short rendering of a frame for Actual lines: command and headers, body size.
std::string describe(const stomp::Frame& f);

// A frame the client wrote, and what on the wire answered it.
struct Sent {
  stomp::Command command = stomp::Command::Send;
  std::optional<std::string> receipt{};      // its receipt header
  std::size_t before = 0;                    // log size when written: later events came after it
  std::optional<std::size_t> receipt_seq{};  // the RECEIPT with its receipt-id
  std::optional<std::size_t> error_seq{};    // an ERROR with its receipt-id
  // False for raw octets the version's strict grammar rejects (malformed on purpose): an
  // ERROR cannot be asked to name a frame it could not parse (ER-03).
  bool grammatical = true;
};

class Session;

// One TCP connection of a case. Every octet the broker sends is parsed into the connection's
// event log in wire order, and checked as it arrives (the cross-cutting checks); verifiers
// read the log forward and mark the frames they judged as consumed.
class Conn {
 public:
  Conn(Session& session, int index, asio::ip::tcp::socket socket, stomp::Version assumed);

  // Encodes the frame for the negotiated version (escaping, content-length with a body) and
  // writes it. False when the write failed (the broker closed); a frame the version cannot
  // carry is a scenario bug and throws.
  asio::awaitable<bool> send(const stomp::Frame& f);
  // Writes octets as they are (malformed input on purpose); their receipts are tracked.
  asio::awaitable<bool> send_raw(std::string_view bytes);
  // The first frame not yet consumed (now consumed), or the close, a grammar violation or a
  // Timeout at `wait`: a peer that floods heart-beats still gets a Timeout at the deadline.
  asio::awaitable<Event> next_frame(Millis wait);
  // The index of log entry `seq`, reading the wire until it exists; when the log ends before
  // it (close, violation), the index of that last entry; nullopt at the deadline.
  asio::awaitable<std::optional<std::size_t>> reach(std::size_t seq,
                                                    std::chrono::steady_clock::time_point deadline);
  // The Timeout a wait ends with; when the parser is inside a unit, it says how many octets of
  // that unfinished frame arrived (a wait that saw some octets did not see "nothing").
  Event timed_out() const;
  const Event& at(std::size_t seq) const { return log_[seq]; }
  std::size_t logged() const { return log_.size(); }
  bool consumed(std::size_t seq) const { return used_[seq]; }
  void consume(std::size_t seq);
  std::size_t first_unconsumed() const { return first_unused_; }
  // Every frame written, in order, with what answered it.
  const std::vector<Sent>& sent() const { return sent_; }
  // Drops the TCP connection without DISCONNECT (a failed client, TX-04, SB-07).
  void drop();

  // The negotiated version (from CONNECTED); the version asked for before that.
  stomp::Version version() const { return version_; }
  const stomp::Frame& connected() const { return connected_; }
  int index() const { return index_; }
  std::string name() const;  // "#2", as the transcript's notes name it
  Session& session() const { return *session_; }

  // End-of-case check: after an ERROR the connection must close just after it (ER-01, within
  // Settings::close_window), unless a verifier has graded that close already.
  asio::awaitable<void> settle();
  // A verifier waited for the close after an ERROR and graded it: settle() leaves it be.
  void close_judged();

 private:
  // Writes the octets; `frames` (the frames they hold) are recorded as sent.
  asio::awaitable<bool> write(std::string bytes, std::vector<Sent> frames);
  asio::awaitable<void> read_once(std::chrono::steady_clock::time_point deadline);
  void parse(std::string_view chunk);
  void append(Event e);
  void on_frame(const stomp::Frame& f, std::size_t seq);
  void on_eof(const std::string& why, bool reset);
  void error_not_closed(std::string_view what);
  void on_receipt(const stomp::Frame& f, std::size_t seq);

  Session* session_;
  int index_;
  asio::ip::tcp::socket socket_;
  stomp::Parser parser_;
  std::vector<char> buf_ = std::vector<char>(16384);  // one read
  std::uint64_t received_ = 0;                        // octets read so far
  stomp::Version version_;
  stomp::Frame connected_{};
  std::vector<Event> log_;
  std::vector<bool> used_;
  std::size_t first_unused_ = 0;
  std::vector<Sent> sent_;
  bool ended_ = false;  // the log's last entry is Closed or Broken
  bool flooded_ = false;
  std::optional<std::size_t> error_seq_{};  // the first ERROR
  bool error_reported_ = false;
  std::string unit_;  // the first octets of the unit in progress (is a cut frame an ERROR?)
};
}  // namespace stompcheck
