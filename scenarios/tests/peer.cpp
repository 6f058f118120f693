#include "scenarios/tests/peer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>

#include <stomp/encoder.hpp>

#include "scenarios/catalogue.hpp"

namespace stompcheck::test {
namespace {

stomp::ParserOptions lenient_client() {
  return {.version = stomp::Version::V1_2,
          .origin = stomp::Origin::Any,
          .lenient = stomp::Leniency::salvage(),
          .limits = {}};
}

}  // namespace

PeerConn::PeerConn(int fd, int i, const std::atomic<bool>& stopping)
    : index(i), fd_(fd), stopping_(&stopping), parser_(lenient_client()) {}

PeerConn::~PeerConn() { close(); }

std::optional<stomp::Frame> PeerConn::read(std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (!stopping()) {
    if (!buf_.empty()) {
      const stomp::Step step = parser_.feed(buf_);
      // The frame view points into buf_: copy it out before the octets are dropped.
      std::optional<stomp::Frame> frame;
      if (step.status == stomp::Status::Frame) frame = parser_.frame().to_frame();
      buf_.erase(0, step.consumed);
      if (frame) return frame;
      if (step.status == stomp::Status::Error) return std::nullopt;
      if (step.status == stomp::Status::Heartbeat) continue;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || fd_ < 0) return std::nullopt;
    pollfd p{.fd = fd_, .events = POLLIN, .revents = 0};
    const int slice = static_cast<int>(std::min<long>(left.count(), 50));
    if (::poll(&p, 1, slice) <= 0) continue;
    char chunk[8192];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return std::nullopt;
    buf_.append(chunk, static_cast<std::size_t>(n));
  }
  return std::nullopt;
}

bool PeerConn::write(std::string_view bytes) {
  std::size_t done = 0;
  while (fd_ >= 0 && done < bytes.size() && !stopping()) {
    const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return fd_ >= 0 && done == bytes.size();
}

void PeerConn::write(const stomp::Frame& f) {
  const stomp::Encoded e =
      stomp::encode(f, {.version = version, .content_length = !f.body.empty(), .crlf = false});
  if (!e.ok()) throw std::logic_error("test peer cannot encode its frame");
  write(e.bytes);
}

void PeerConn::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Peer::Peer(Script script) : script_(std::move(script)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, sa, len) != 0 || ::listen(listen_fd_, 64) != 0 ||
      ::getsockname(listen_fd_, sa, &len) != 0) {
    throw std::runtime_error("test peer cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

Peer::~Peer() {
  stopping_ = true;
  acceptor_.join();
  // Scripts see stopping() within one poll slice; a descriptor is never touched here, since
  // its number may belong to another socket by now.
  for (std::thread& t : threads_) t.join();
  ::close(listen_fd_);
}

void Peer::accept_loop() {
  int index = 0;
  while (!stopping_) {
    pollfd p{.fd = listen_fd_, .events = POLLIN, .revents = 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    threads_.emplace_back([this, fd, i = ++index] {
      PeerConn conn(fd, i, stopping_);
      script_(conn);
    });
  }
}

bool answer_connect(PeerConn& conn, std::vector<stomp::Header> extra) {
  std::optional<stomp::Frame> f = conn.read();
  if (!f || (f->command != stomp::Command::Connect && f->command != stomp::Command::Stomp)) {
    return false;
  }
  std::string version = "1.0";
  const std::string accept(f->header("accept-version").value_or("1.0"));
  for (const char* v : {"1.1", "1.2"}) {
    if (accept.find(v) != std::string::npos) version = v;
  }
  conn.version = *stomp::parse_version(version);
  stomp::Frame connected{.command = stomp::Command::Connected, .headers = {}, .body = {}};
  if (version != "1.0") connected.headers.push_back({"version", version});
  for (stomp::Header& h : extra) connected.headers.push_back(std::move(h));
  conn.write(connected);
  return true;
}

CaseResult run_one(std::uint16_t port, std::string_view id, Settings settings, Profile profile) {
  Target target;
  target.port = port;
  return run_one(target, id, settings, std::move(profile));
}

CaseResult run_one(const Target& target, std::string_view id, Settings settings, Profile profile) {
  Selection sel{.versions = kAllVersions, .only = {std::string(id)}, .exclude = {}};
  std::vector<Case> cases = select(catalogue(), sel);
  if (cases.size() != 1) throw std::logic_error("no single case " + std::string(id));
  RunOptions o;
  o.target = target;
  o.profile = std::move(profile);
  o.settings = settings;
  asio::io_context io;
  CaseResult result;
  static std::atomic<int> calls{0};  // a tag per call: destinations never collide
  asio::co_spawn(io, run_case(cases.front(), o, "test." + std::to_string(++calls)),
                 [&](const std::exception_ptr& e, CaseResult r) {
                   if (e) std::rethrow_exception(e);
                   result = std::move(r);
                 });
  io.run();
  return result;
}

}  // namespace stompcheck::test
