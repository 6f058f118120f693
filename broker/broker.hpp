#pragma once
// The reference broker: a strict STOMP 1.0/1.1/1.2 broker on one single-threaded io_context.
// Every call, stop() included, must run on the io_context's thread (or while it is not
// running); the suite embeds it on an ephemeral loopback port.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <asio/awaitable.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

#include <stomp/options.hpp>

#include "broker/state.hpp"

namespace stompcheck::broker {

struct Config {
  std::string host = "127.0.0.1";                  // loopback unless the user names another address
  std::uint16_t port = 0;                          // 0: an ephemeral port, see Broker::port()
  std::optional<std::string> login{}, passcode{};  // when set, CONNECT must match (CN-08)
  // Per frame (FR-19): the codec's defaults, but bodies of at most 2 MiB and frames of 3 MiB,
  // so that growing a frame to the limit (limits/* cases) stays cheap, under a sanitizer too.
  stomp::Limits limits{.max_headers = 1000,
                       .max_line = std::size_t{64} * 1024,
                       .max_body = std::size_t{2} * 1024 * 1024,
                       .max_frame = std::size_t{3} * 1024 * 1024};
  // Our half of the heart-beat header: "we can send every N ms, want one every M ms"
  // (1.2#Heart-beating); 0 disables that direction.
  std::uint32_t heartbeat_send_ms = 1000;
  std::uint32_t heartbeat_receive_ms = 1000;
  // After an ERROR or DISCONNECT: how long to drain the client's bytes before closing, so the
  // last frame is not lost to a reset (1.2#Connection_Lingering).
  std::chrono::milliseconds linger{500};

  // Resource bounds (0 disables each). Outbound: bytes encoded for one connection and not yet
  // written (one message always fits an empty buffer). A queue message that would pass it
  // stays in its queue until the buffer is half empty (flow control); a topic message ends
  // the connection as a slow consumer (ERROR, close; unacked queue messages go back, SB-07).
  // Buffered: the broker-wide sum of partial inbound frames, queued messages and outbound bytes;
  // the connection whose read, SEND or delivery would pass it gets ERROR and is closed.
  std::size_t max_outbound = std::size_t{8} * 1024 * 1024;
  std::size_t max_buffered = std::size_t{256} * 1024 * 1024;
  // Deadlines, ERROR then close: CONNECT must arrive within connect_timeout; a frame begun
  // must be complete within frame_timeout; a connected client may stay silent between frames
  // for idle_timeout, never less than twice its negotiated heart-beat (HB-05).
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds frame_timeout{30000};
  std::chrono::milliseconds idle_timeout{300000};
  // Injected defects and benign variants (broker/faults.hpp); none: the strict broker.
  Defects defects{};
};

// Bytes the sessions hold, shared with them so that a lingering session can still release
// its share after the broker is gone.
struct Usage {
  std::size_t inbound = 0;   // partial frames held by the parsers
  std::size_t outbound = 0;  // encoded, not yet written
};

// The address to bind for `host`: an IP address as is, else a name resolved to its loopback
// address. `problem` says why there is none (unknown name, or only non-loopback addresses).
struct ListenAddress {
  std::optional<asio::ip::address> address;
  std::string problem;
};
ListenAddress resolve_listen(const std::string& host);

inline constexpr std::string_view kServerName = "stompcheck-broker/0.1";

class Session;

class Broker {
 public:
  // Binds and starts accepting; on failure error() is set and nothing is accepted.
  Broker(asio::io_context& io, Config config);
  ~Broker();
  Broker(const Broker&) = delete;
  Broker& operator=(const Broker&) = delete;

  // The bound port (the ephemeral one when Config::port was 0); 0 when binding failed.
  std::uint16_t port() const { return port_; }
  const std::error_code& error() const { return error_; }
  // Why binding failed, in words (the resolver's verdict or the error's message).
  std::string error_text() const { return problem_.empty() ? error_.message() : problem_; }
  // Stops accepting and closes every connection at once.
  void stop();

  // For sessions: the configuration, the routing state, and delivery to other sessions.
  const Config& config() const { return config_; }
  State& state() { return state_; }
  // Queue deliveries a session refuses go back to their queues (flow control).
  void dispatch(std::vector<Delivery>& deliveries);
  // The session has room again: its queues are drained to it.
  void resume(SessionId id);
  // The session is closing: forget it and give its unacked messages back (SB-07).
  void detach(SessionId id);
  // Bytes held broker-wide (Config::max_buffered): sessions' usage plus queued messages.
  std::size_t buffered() const {
    return usage_->inbound + usage_->outbound + state_.queued_bytes();
  }
  const std::shared_ptr<Usage>& usage() const { return usage_; }

 private:
  asio::awaitable<void> accept_loop(std::shared_ptr<bool> alive);

  Config config_;
  asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::error_code error_;
  std::string problem_;
  bool out_of_fds_ = false;  // logged once per episode of EMFILE/ENFILE
  State state_;
  std::shared_ptr<Usage> usage_ = std::make_shared<Usage>();
  std::map<SessionId, std::shared_ptr<Session>> sessions_;
  SessionId next_id_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace stompcheck::broker
