#include "broker/tests/loopback.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <stomp/command.hpp>
#include <stomp/notation.hpp>

namespace stompcheck::broker::test {

Running::Running(Config config) {
  config.host = "127.0.0.1";
  config.port = 0;
  broker_.emplace(io_, std::move(config));
  port_ = broker_->port();
  thread_ = std::thread([this] { io_.run(); });
}

Running::~Running() {
  io_.stop();
  thread_.join();
  broker_.reset();
}

Client::Client(std::uint16_t port, stomp::Version v)
    : parser_({.version = v, .origin = stomp::Origin::Server, .lenient = {}, .limits = {}}) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ADD_FAILURE() << "cannot connect to 127.0.0.1:" << port;
  }
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

Client::~Client() {
  if (fd_ >= 0) ::close(fd_);
}

void Client::send(std::string_view notation) {
  const std::string bytes = stomp::wire(notation);
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return;  // the broker closed: the test sees it on reading
    done += static_cast<std::size_t>(n);
  }
}

void Client::shut_write() { ::shutdown(fd_, SHUT_WR); }

Event Client::next(std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    if (!buf_.empty()) {
      const stomp::Step step = parser_.feed(buf_);
      Event e;
      if (step.status == stomp::Status::Frame) {
        e = {.kind = Event::Kind::Frame, .frame = parser_.frame().to_frame(), .error = {}};
      } else if (step.status == stomp::Status::Heartbeat) {
        e.kind = Event::Kind::Heartbeat;
      } else if (step.status == stomp::Status::Error) {
        buf_.clear();
        return {.kind = Event::Kind::ParseError, .frame = {}, .error = parser_.failure().reason};
      }
      buf_.erase(0, step.consumed);
      if (step.status != stomp::Status::NeedMore) return e;
    }
    if (eof_) return {.kind = Event::Kind::Closed, .frame = {}, .error = {}};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return {};
    pollfd p{.fd = fd_, .events = POLLIN, .revents = 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return {};
    char chunk[8192];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      eof_ = true;
    } else {
      buf_.append(chunk, static_cast<std::size_t>(n));
    }
  }
}

stomp::Frame Client::frame(std::chrono::milliseconds wait) {
  if (!backlog_.empty()) {
    stomp::Frame f = std::move(backlog_.front());
    backlog_.pop_front();
    return f;
  }
  while (true) {
    Event e = next(wait);
    if (e.kind == Event::Kind::Heartbeat) continue;
    if (e.kind == Event::Kind::Frame) return e.frame;
    ADD_FAILURE() << "expected a frame, got "
                  << (e.kind == Event::Kind::Closed    ? "the close"
                      : e.kind == Event::Kind::Timeout ? "a timeout"
                                                       : "a parse error: " + e.error);
    return {};
  }
}

bool Client::closed(std::chrono::milliseconds wait) {
  EXPECT_TRUE(backlog_.empty()) << "unread MESSAGEs before the close";
  while (true) {
    Event e = next(wait);
    if (e.kind == Event::Kind::Heartbeat) continue;
    if (e.kind == Event::Kind::Frame) {
      ADD_FAILURE() << "expected the close, got " << stomp::to_string(e.frame.command);
    }
    return e.kind == Event::Kind::Closed;
  }
}

bool Client::quiet(std::chrono::milliseconds wait) {
  if (!backlog_.empty()) return false;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return true;
    Event e = next(left);
    if (e.kind == Event::Kind::Timeout) return true;
    if (e.kind != Event::Kind::Heartbeat) return false;
  }
}

stomp::Frame Client::connect(std::string_view version, std::string_view extra) {
  send("CONNECT\naccept-version:" + std::string(version) + "\nhost:localhost\n" +
       std::string(extra) + "\n^@");
  stomp::Frame f = frame();
  EXPECT_EQ(f.command, stomp::Command::Connected) << value(f, "message");
  if (auto v = f.header("version"); v && stomp::parse_version(*v)) {
    parser_.set_version(*stomp::parse_version(*v));
  }
  return f;
}

void Client::sync(std::string_view command, std::string_view headers, std::string_view receipt,
                  std::string_view body) {
  send(std::string(command) + "\n" + std::string(headers) + "receipt:" + std::string(receipt) +
       "\n\n" + std::string(body) + "^@");
  stomp::Frame f;
  while (true) {  // frames only from the stream, never from the backlog
    Event e = next();
    if (e.kind == Event::Kind::Heartbeat) continue;
    if (e.kind != Event::Kind::Frame) {
      ADD_FAILURE() << "no RECEIPT " << receipt << ": " << e.error;
      break;
    }
    if (e.frame.command != stomp::Command::Message) {
      f = std::move(e.frame);
      break;
    }
    backlog_.push_back(std::move(e.frame));
  }
  EXPECT_EQ(f.command, stomp::Command::Receipt) << value(f, "message");
  EXPECT_EQ(value(f, "receipt-id"), receipt);
}

std::string value(const stomp::Frame& f, std::string_view name) {
  auto v = f.header(name);
  return v ? std::string(*v) : "<absent>";
}

}  // namespace stompcheck::broker::test
