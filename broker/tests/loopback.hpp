#pragma once
// Loopback test kit: an in-process broker on its own thread and a blocking raw-bytes client
// whose every wait is bounded. The client parses what the broker sends with the strict codec
// (origin Server, the negotiated version), so every test also lints the broker's output.
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include <asio/io_context.hpp>

#include <stomp/frame.hpp>
#include <stomp/parser.hpp>

#include "broker/broker.hpp"

namespace stompcheck::broker::test {

using namespace std::chrono_literals;

// A broker running on 127.0.0.1:ephemeral until destruction.
class Running {
 public:
  explicit Running(Config config = {});
  ~Running();
  Running(const Running&) = delete;
  Running& operator=(const Running&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  asio::io_context io_;
  std::optional<Broker> broker_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

struct Event {
  enum class Kind { Frame, Heartbeat, Closed, Timeout, ParseError } kind = Kind::Timeout;
  stomp::Frame frame{};
  std::string error;  // ParseError: the codec's reason
};

class Client {
 public:
  explicit Client(std::uint16_t port, stomp::Version v = stomp::Version::V1_2);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Writes raw bytes in STOMP caret notation (`^@` is NUL), see stomp::wire.
  void send(std::string_view notation);
  // The next frame, heart-beat, close or parse error; Timeout after `wait`.
  Event next(std::chrono::milliseconds wait = 2000ms);
  // The next frame, skipping heart-beats; a test failure (and an empty SEND frame) otherwise.
  stomp::Frame frame(std::chrono::milliseconds wait = 2000ms);
  // True when the next non-heart-beat event is the close, within `wait`.
  bool closed(std::chrono::milliseconds wait = 2000ms);
  // True when nothing but heart-beats arrives for `wait`.
  bool quiet(std::chrono::milliseconds wait);
  // CONNECT with accept-version and heart-beat 0,0; expects CONNECTED.
  stomp::Frame connect(std::string_view version = "1.2", std::string_view extra = "");
  // Sends COMMAND with the headers (each ending in LF), a receipt and a body; expects its RECEIPT.
  // MESSAGEs that arrive first are kept for frame().
  void sync(std::string_view command, std::string_view headers, std::string_view receipt,
            std::string_view body = "");
  // Half-closes: no more bytes from the client.
  void shut_write();
  // Parses the rest of the stream with another version's grammar.
  void set_version(stomp::Version v) { parser_.set_version(v); }

 private:
  int fd_ = -1;
  stomp::Parser parser_;
  std::string buf_;
  bool eof_ = false;
  std::deque<stomp::Frame> backlog_;  // MESSAGEs that sync() read past
};

// `name: value` of a frame's first such header, or "<absent>".
std::string value(const stomp::Frame& f, std::string_view name);

}  // namespace stompcheck::broker::test
