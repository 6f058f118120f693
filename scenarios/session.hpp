#pragma once
// The client side of a scenario: a Session per case owns its connections (Conn), its unique
// destination names, its wire transcript and what the cross-cutting checks found. Every read
// goes through Conn::next(), which lints what the broker sends (FR-01) and watches ERROR and
// RECEIPT frames (ER-01, RC-01, RC-03). Single-threaded: everything runs on one io_context.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>

#include <stomp/frame.hpp>
#include <stomp/parser.hpp>

#include "model/grading.hpp"
#include "model/result.hpp"
#include "scenarios/outcome.hpp"
#include "scenarios/profile.hpp"

namespace stompcheck {

using Millis = std::chrono::milliseconds;

// Where the broker is and how to log in. Credentials never reach a report (runner redacts).
struct Target {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::optional<std::string> login{}, passcode{};
  std::string vhost = "/";  // the CONNECT host header (1.1+, CN-02)
};

struct Settings {
  Millis timeout{2000};       // every wait for an event the broker owes us
  Millis quiet{300};          // a window in which nothing may arrive (e.g. after UNSUBSCRIBE)
  Millis close_window{2000};  // how soon after an ERROR the close must come (ER-01 "just after")
  stomp::Limits limits{};  // the harness's own parser limits; beyond them is not the broker's fault
};

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
  std::string detail{};    // Closed: why; Broken: the lint failure
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
  asio::awaitable<bool> write(std::string bytes, Sent sent);
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
// An open connection, or why there is none.
struct Link {
  Conn* conn = nullptr;
  Outcome outcome{};  // not PASS when conn is null
  explicit operator bool() const { return conn != nullptr; }
  Conn* operator->() const { return conn; }
  Conn& operator*() const { return *conn; }
};

class Session {
 public:
  Session(asio::any_io_executor ex, const Target& target, const Profile& profile,
          const Settings& settings, stomp::Version version, std::string tag);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  stomp::Version version() const { return version_; }  // the version under test
  const Settings& settings() const { return settings_; }
  const Profile& profile() const { return profile_; }

  // Destinations unique to this case (and run), so cases never see each other's messages.
  std::string queue(std::string_view name = "q") const;
  std::string topic(std::string_view name = "t") const;
  // A receipt id unique within the case: "r-1", "r-2", ...
  std::string receipt();

  // A TCP connection, nothing sent. On failure: verdict ERROR (network trouble).
  asio::awaitable<Link> open();
  // The CONNECT (or STOMP) frame connect() would send for the version under test, with the
  // target's host, login and passcode, heart-beat 0,0 (1.1+), plus `extra` headers.
  stomp::Frame connect_frame(std::vector<stomp::Header> extra = {},
                             stomp::Command command = stomp::Command::Connect) const;
  // open(), CONNECT offering version() alone, and CONNECTED for exactly that version.
  // SKIPPED when the broker does not speak it: an ERROR whose version header lists others
  // (CN-05), or CONNECTED without a version header (1.0, CN-03) when a second CONNECT that
  // also offers 1.0 gets 1.0 too. Otherwise a CONNECTED without a version header broke CN-06
  // (or CN-05): FAIL, as it is for a version the CONNECT did not offer (CN-04) or no CONNECTED
  // at all. `negotiating` (the negotiation cases): never SKIPPED for a missing version
  // header. ERROR (harness) for any other refusal, e.g. credentials.
  asio::awaitable<Link> connect(std::vector<stomp::Header> extra = {}, bool negotiating = false);

  void note(std::string text);
  void record(int conn, Direction dir, std::string_view bytes);
  void add(Finding f);
  // A finding graded by the table: `seen` on `requirement` at version `v`.
  void add(std::string check, std::string_view requirement, stomp::Version v, Seen seen,
           std::string detail);
  // The broker sent a frame beyond the harness's own limits (Settings::limits): not the
  // broker's fault, so the case cannot be judged (ERROR) and FR-19 is noted.
  void harness_limit(std::string detail);
  bool harness_limited() const { return harness_limited_; }
  // Microseconds since the case started (transcript and event times).
  std::int64_t now_us() const;
  // End of case: settles every connection (ER-01) and closes them.
  asio::awaitable<void> finish();

  // A second CONNECT offering 1.0 and the version under test: does it get 1.0 (CN-03)?
  asio::awaitable<bool> speaks_only_10();

  std::vector<TranscriptEntry> take_transcript() { return std::move(transcript_); }
  std::vector<Finding> take_findings() { return std::move(findings_); }

 private:
  asio::any_io_executor ex_;
  Target target_;
  Profile profile_;
  Settings settings_;
  stomp::Version version_;
  std::string tag_;
  int receipts_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<Conn>> conns_;
  std::vector<TranscriptEntry> transcript_;
  std::size_t transcript_bytes_ = 0;
  bool truncated_ = false;
  std::vector<Finding> findings_;
  bool harness_limited_ = false;
};

}  // namespace stompcheck
