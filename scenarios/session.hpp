#pragma once
// The client side of a scenario: a Session per case owns its connections (Conn), its unique
// destination names, its wire transcript and what the cross-cutting checks found. Every read
// goes through Conn::next(), which lints what the broker sends (FR-01) and watches ERROR and
// RECEIPT frames (ER-01, RC-01, RC-03). Single-threaded: everything runs on one io_context.
#include <chrono>
#include <cstdint>
#include <deque>
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

// What the broker did next, as one value.
struct Event {
  enum class Kind : std::uint8_t {
    Frame,      // frame holds it
    Heartbeat,  // an EOL between frames
    Closed,     // end of stream or reset (sticky)
    Timeout,    // nothing within the wait
    Broken,     // the broker's bytes broke the grammar; no more events are parsed (sticky)
  };
  Kind kind = Kind::Timeout;
  stomp::Frame frame{};
  std::string detail{};  // Closed: why; Broken: the lint failure
};

// "RECEIPT receipt-id:r-1", "ERROR message:bad frame", "the close (eof)", "no frame within 2000 ms"
std::string describe(const Event& e, Millis waited);
// A short rendering of a frame for Actual lines: command and headers, body size.
std::string describe(const stomp::Frame& f);

class Session;

class Conn {
 public:
  Conn(Session& session, int index, asio::ip::tcp::socket socket, stomp::Version assumed);

  // Encodes the frame for the negotiated version (escaping, content-length with a body) and
  // writes it. False when the write failed (the broker closed); a frame the version cannot
  // carry is a scenario bug and throws.
  asio::awaitable<bool> send(const stomp::Frame& f);
  // Writes octets as they are (malformed input on purpose).
  asio::awaitable<bool> send_raw(std::string_view bytes);
  // The next event within `wait`: a frame kept by keep() first, then the wire.
  asio::awaitable<Event> next(Millis wait);
  // The next event that is not a heart-beat within `wait`: a peer that floods heart-beats
  // still gets a Timeout at the deadline.
  asio::awaitable<Event> next_frame(Millis wait);
  // Puts a frame back to be returned by the next next(), in order (verifiers that read past
  // a frame they do not judge).
  void keep(stomp::Frame f);
  // Drops the TCP connection without DISCONNECT (a failed client, TX-04, SB-07).
  void drop();

  // The negotiated version (from CONNECTED); the version asked for before that.
  stomp::Version version() const { return version_; }
  const stomp::Frame& connected() const { return connected_; }
  int index() const { return index_; }
  Session& session() const { return *session_; }

  // End-of-case check: after an ERROR the connection must close (ER-01); waits up to the
  // timeout for the close, unless a verifier has graded that close already.
  asio::awaitable<void> settle();
  // A verifier waited for the close after an ERROR and graded it: settle() leaves it be.
  void close_judged();

 private:
  asio::awaitable<bool> write(std::string bytes);
  void parse(std::string_view chunk);
  void on_frame(const stomp::Frame& f);
  void error_not_closed(std::string_view what);

  Session* session_;
  int index_;
  asio::ip::tcp::socket socket_;
  stomp::Parser parser_;
  std::vector<char> buf_ = std::vector<char>(16384);  // one read
  stomp::Version version_;
  stomp::Frame connected_{};
  std::deque<stomp::Frame> kept_;
  std::deque<Event> pending_;
  bool closed_ = false;
  bool broken_ = false;
  std::string close_reason_;
  bool flooded_ = false;
  bool error_seen_ = false;
  bool error_reported_ = false;
  std::vector<std::string> requested_;  // receipt ids in request order (RC-03)
  std::set<std::string> received_;      // receipt ids answered
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
  // open(), CONNECT for version(), and CONNECTED for exactly that version. SKIPPED when the
  // broker does not speak it: CONNECTED without a version header (1.0, CN-03), or an ERROR
  // whose version header lists others (CN-05). FAIL for a version the CONNECT did not offer
  // (CN-04) or no CONNECTED at all; ERROR (harness) for any other refusal, e.g. credentials.
  asio::awaitable<Link> connect(std::vector<stomp::Header> extra = {});

  void note(std::string text);
  void record(int conn, Direction dir, std::string_view bytes);
  void add(Finding f);
  // End of case: settles every connection (ER-01) and closes them.
  asio::awaitable<void> finish();

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
};

}  // namespace stompcheck
