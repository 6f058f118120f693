#include "broker/broker.hpp"

#include <utility>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>

#include "broker/session.hpp"

namespace stompcheck::broker {

Broker::Broker(asio::io_context& io, Config config) : config_(std::move(config)), acceptor_(io) {
  asio::ip::address address = asio::ip::make_address(config_.host, error_);
  if (error_) return;
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
      continue;  // e.g. the peer reset before accept, or out of descriptors for a moment
    }
    std::error_code ignored;
    socket.set_option(asio::ip::tcp::no_delay(true), ignored);
    const SessionId id = ++next_id_;
    auto session = std::make_shared<Session>(std::move(socket), *this, id);
    sessions_.emplace(id, session);
    session->start();
  }
}

void Broker::dispatch(std::vector<Delivery>& deliveries) {
  for (const Delivery& d : deliveries) {
    if (auto it = sessions_.find(d.session); it != sessions_.end()) it->second->deliver(d);
  }
}

void Broker::detach(SessionId id) {
  Outcome o = state_.close(id);
  sessions_.erase(id);
  dispatch(o.deliveries);
}

}  // namespace stompcheck::broker
