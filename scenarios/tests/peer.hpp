#pragma once
// Scripted peers for testing the harness: a server on 127.0.0.1:ephemeral whose every
// connection runs a blocking script on its own thread. Scripts imitate misbehaving brokers
// (never answer, close mid-frame, garbage, drip, flood, wrong frames) so that each verifier
// and cross-cutting check can be shown to fail.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <stomp/frame.hpp>
#include <stomp/parser.hpp>

#include "model/result.hpp"
#include "scenarios/runner.hpp"

namespace stompcheck::test {

using namespace std::chrono_literals;

// One accepted connection, blocking I/O with bounded waits.
class PeerConn {
 public:
  PeerConn(int fd, int index, const std::atomic<bool>& stopping);
  ~PeerConn();
  PeerConn(const PeerConn&) = delete;
  PeerConn& operator=(const PeerConn&) = delete;

  // The next client frame (parsed leniently, any version's commands), skipping heart-beats;
  // nullopt on close, timeout, unparseable bytes or when the peer is stopping.
  std::optional<stomp::Frame> read(std::chrono::milliseconds wait = 3000ms);
  // Raw octets; false when the client went away (or the peer is stopping).
  bool write(std::string_view bytes);
  // The frame encoded for `version` (escaping, content-length when there is a body).
  void write(const stomp::Frame& f);
  void close();
  bool stopping() const { return stopping_->load(); }

  int index;                                      // 1 for the first connection, ...
  stomp::Version version = stomp::Version::V1_2;  // what write(Frame) encodes for

 private:
  int fd_;
  const std::atomic<bool>* stopping_;
  stomp::Parser parser_;
  std::string buf_;
};

using Script = std::function<void(PeerConn&)>;

class Peer {
 public:
  explicit Peer(Script script);
  ~Peer();  // stops accepting, shuts every connection down, joins every thread
  Peer(const Peer&) = delete;
  Peer& operator=(const Peer&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  void accept_loop();

  Script script_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

// CONNECTED for the highest version the CONNECT offers (1.0 when none), with `extra` headers;
// sets conn.version. Returns false when no CONNECT came.
bool answer_connect(PeerConn& conn, std::vector<stomp::Header> extra = {});

// Runs the case `id` ("slug@version") of the catalogue against 127.0.0.1:port, on a fresh
// io_context, with short timeouts.
CaseResult run_one(std::uint16_t port, std::string_view id,
                   Settings settings = {.timeout = 300ms, .quiet = 100ms, .close_window = 300ms},
                   Profile profile = {});
// The same against `target` (its host and port, and the credentials and vhost it holds).
CaseResult run_one(const Target& target, std::string_view id,
                   Settings settings = {.timeout = 300ms, .quiet = 100ms, .close_window = 300ms},
                   Profile profile = {});

}  // namespace stompcheck::test
