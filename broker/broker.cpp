#include "broker/broker.hpp"

#include <iostream>
#include <utility>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include "broker/session.hpp"

namespace stompcheck::broker {

ListenAddress resolve_listen(const std::string& host) {
  std::error_code ec;
  asio::ip::address address = asio::ip::make_address(host, ec);
  if (!ec) return {address, {}};
  asio::io_context io;
  asio::ip::tcp::resolver resolver(io);
  auto results = resolver.resolve(host, "", ec);
  if (ec) return {std::nullopt, "cannot resolve '" + host + "': " + ec.message()};
  std::string others;
  for (const auto& r : results) {
    asio::ip::address a = r.endpoint().address();
    if (a.is_loopback()) return {a, {}};
    others += (others.empty() ? "" : ", ") + a.to_string();
  }
  return {std::nullopt, "'" + host + "' resolves to " + others +
                            ", not a loopback address; name a non-loopback address itself"};
}

Broker::Broker(asio::io_context& io, Config config) : config_(std::move(config)), acceptor_(io) {
  if (config_.defects.has(Defect::SmallLimits)) {
    config_.limits = {.max_headers = 100,
                      .max_line = 4096,
                      .max_body = std::size_t{1} * 1024 * 1024,
                      .max_frame = std::size_t{3} * 1024 * 1024 / 2};
  }
  state_.set_defects(config_.defects);
  ListenAddress where = resolve_listen(config_.host);
  if (!where.address) {
    problem_ = where.problem;
    error_ = std::make_error_code(std::errc::invalid_argument);
    return;
  }
  const asio::ip::address address = *where.address;
  const asio::ip::tcp::endpoint endpoint(address, config_.port);
  acceptor_.open(endpoint.protocol(), error_);
  if (error_) return;
  acceptor_.set_option(asio::socket_base::reuse_address(true), error_);
  if (error_) return;
  acceptor_.bind(endpoint, error_);
  if (error_) return;
  acceptor_.listen(asio::socket_base::max_listen_connections, error_);
  if (error_) return;
  port_ = acceptor_.local_endpoint(error_).port();
  if (error_) return;
  asio::co_spawn(io, accept_loop(alive_), asio::detached);
}

Broker::~Broker() { stop(); }

void Broker::stop() {
  *alive_ = false;
  std::error_code ignored;
  acceptor_.close(ignored);
  auto sessions = std::move(sessions_);
  sessions_.clear();
  for (auto& [id, session] : sessions) session->stop();
}

asio::awaitable<void> Broker::accept_loop(std::shared_ptr<bool> alive) {
  while (*alive) {
    auto [ec, socket] =
        co_await acceptor_.async_accept(asio::experimental::as_tuple(asio::use_awaitable));
    if (!*alive) break;  // the broker may be gone: touch nothing
    if (ec) {
      if (ec == asio::error::operation_aborted) break;
      if (ec == asio::error::no_descriptors || ec == std::errc::too_many_files_open_in_system) {
        // EMFILE/ENFILE: the pending client stays in the backlog, so accepting again at once
        // would spin; wait for descriptors to come free.
        if (!out_of_fds_) {
          std::cerr << "stompcheck broker: accept: " << ec.message() << "; retrying every 100 ms\n";
        }
        out_of_fds_ = true;
        asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(100));
        co_await pause.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
        if (!*alive) break;
      }
      continue;  // e.g. the peer reset before accept
    }
    if (out_of_fds_) std::cerr << "stompcheck broker: accepting again\n";
    out_of_fds_ = false;
    std::error_code ignored;
    socket.set_option(asio::ip::tcp::no_delay(true), ignored);
    const SessionId id = ++next_id_;
    auto session = std::make_shared<Session>(std::move(socket), *this, id);
    sessions_.emplace(id, session);
    session->start();
  }
}

void Broker::dispatch(std::vector<Delivery>& deliveries) {
  std::map<SessionId, std::vector<Delivery>> refused;
  for (Delivery& d : deliveries) {
    auto it = sessions_.find(d.session);
    if (it != sessions_.end() && !it->second->deliver(d))
      refused[d.session].push_back(std::move(d));
  }
  for (auto& [id, ds] : refused) {  // each refusal blocks a session: the recursion ends
    Outcome o = state_.refuse(id, std::move(ds));
    dispatch(o.deliveries);
  }
}

void Broker::resume(SessionId id) {
  Outcome o = state_.unblock(id);
  dispatch(o.deliveries);
}

void Broker::detach(SessionId id) {
  Outcome o = state_.close(id);
  sessions_.erase(id);
  dispatch(o.deliveries);
}

}  // namespace stompcheck::broker
