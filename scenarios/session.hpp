#pragma once
// The client side of a scenario: a Session per case owns its connections (Conn, conn.hpp),
// its unique destination names, its wire transcript and what the cross-cutting checks found.
// Every octet read goes through a Conn, which lints what the broker sends (FR-01, lint/
// checks.hpp) and watches ERROR and RECEIPT frames (ER-01, RC-01, RC-03).
// Single-threaded: everything runs on one io_context.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
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
#include "scenarios/conn.hpp"
#include "scenarios/outcome.hpp"
#include "scenarios/profile.hpp"

namespace stompcheck {

// Where the broker is and how to log in. Credentials never reach a report (runner redacts).
struct Target {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::optional<std::string> login{}, passcode{};
  std::string vhost = "/";  // the CONNECT host header (1.1+, CN-02)
};
// "HOST:PORT" as messages and labels print it; an IPv6 address in brackets: "[::1]:61613".
std::string host_port(const std::string& host, std::uint16_t port);

struct Settings {
  Millis timeout{2000};       // every wait for an event the broker owes us
  Millis quiet{300};          // a window in which nothing may arrive (e.g. after UNSUBSCRIBE)
  Millis close_window{2000};  // how soon after an ERROR the close must come (ER-01 "just after")
  stomp::Limits limits{};  // the harness's own parser limits; beyond them is not the broker's fault
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
  Session(asio::any_io_executor ex, Target target, Profile profile, const Settings& settings,
          stomp::Version version, std::string tag);
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
  // target's host, login and passcode, heart-beat 0,0 (1.1+), plus `extra` headers. An `extra`
  // header named like a default one replaces it in place (e.g. a heart-beat offer), so no
  // header is sent twice (FR-18: the first would win).
  stomp::Frame connect_frame(std::vector<stomp::Header> extra = {},
                             stomp::Command command = stomp::Command::Connect) const;
  // open(), CONNECT offering version() alone (`extra` as in connect_frame()), and CONNECTED
  // for exactly that version.
  // SKIPPED when the broker does not speak it: an ERROR whose version header lists others
  // (CN-05), or CONNECTED without a version header (1.0, CN-03) when a second CONNECT that
  // also offers 1.0 gets 1.0 too. Otherwise a CONNECTED without a version header broke CN-06
  // (or CN-05): FAIL, as it is for a version the CONNECT did not offer (CN-04) or no CONNECTED
  // at all. `negotiating` (the negotiation cases): never SKIPPED for a missing version
  // header. ERROR (harness) for any other refusal, e.g. credentials.
  asio::awaitable<Link> connect(std::vector<stomp::Header> extra = {}, bool negotiating = false);
  // connect() at version `v` instead of version() (a second connection at another version,
  // e.g. a 1.0 subscriber to a 1.2 sender): SKIPPED when the broker does not speak `v`.
  asio::awaitable<Link> connect_at(stomp::Version v, std::vector<stomp::Header> extra = {});

  void note(const std::string& text);
  void record(int conn, Direction dir, std::string_view bytes);
  void add(Finding f);
  // A finding graded by the table: `seen` on `requirement` at version `v`.
  void add(std::string check, std::string_view requirement, stomp::Version v, Seen seen,
           std::string detail);
  // The broker sent a frame beyond the harness's own limits (Settings::limits): not the
  // broker's fault, so the case cannot be judged (ERROR) and FR-19 is noted.
  void harness_limit(const std::string& detail);
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
