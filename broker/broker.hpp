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
  stomp::Limits limits{};                          // per frame (FR-19)
  // Our half of the heart-beat header: "we can send every N ms, want one every M ms"
  // (1.2#Heart-beating); 0 disables that direction.
  std::uint32_t heartbeat_send_ms = 1000;
  std::uint32_t heartbeat_receive_ms = 1000;
  // After an ERROR or DISCONNECT: how long to drain the client's bytes before closing, so the
  // last frame is not lost to a reset (1.2#Connection_Lingering).
  std::chrono::milliseconds linger{500};
};

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
  // Stops accepting and closes every connection at once.
  void stop();

  // For sessions: the configuration, the routing state, and delivery to other sessions.
  const Config& config() const { return config_; }
  State& state() { return state_; }
  void dispatch(std::vector<Delivery>& deliveries);
  // The session is closing: forget it and give its unacked messages back (SB-07).
  void detach(SessionId id);

 private:
  asio::awaitable<void> accept_loop(std::shared_ptr<bool> alive);

  Config config_;
  asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::error_code error_;
  State state_;
  std::map<SessionId, std::shared_ptr<Session>> sessions_;
  SessionId next_id_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace stompcheck::broker
