// Session's resource bounds: what it holds (max_buffered, max_outbound) and its deadlines.
#include <algorithm>
#include <string>

#include <asio/co_spawn.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>

#include "broker/session.hpp"

namespace stompcheck::broker {
namespace {

constexpr auto kNoThrow = asio::experimental::as_tuple(asio::use_awaitable);

std::string ms(std::chrono::milliseconds t) { return std::to_string(t.count()) + " ms"; }

}  // namespace

void Session::account_inbound() {
  // Charged at twice its octets: a buffer that grows by doubling briefly holds the old copy
  // and the new one, which is what the process pays (measured by Limits.BrokerWideCap*).
  const std::size_t held = parser_.idle() ? 0 : 2 * unit_bytes_;
  usage_->inbound = usage_->inbound - in_bytes_ + held;
  in_bytes_ = held;
}

void Session::account_outbound(std::size_t add, std::size_t remove) {
  remove = std::min(remove, out_bytes_ + add);
  out_bytes_ = out_bytes_ + add - remove;
  usage_->outbound = usage_->outbound + add - remove;
}

bool Session::over_cap(std::size_t extra, std::size_t own) const {
  if (config_.max_buffered == 0 || broker_ == nullptr) return false;
  const std::size_t held = broker_->buffered();
  return (held > own ? held - own : 0) + extra > config_.max_buffered;
}

Session::Deadline Session::next_deadline() const {
  using std::chrono::milliseconds;
  if (closing_) return {closing_at_ + config_.linger + milliseconds(1000), {}};
  if (!connected_) {
    if (config_.connect_timeout.count() <= 0) return {};
    return {started_ + config_.connect_timeout,
            {"connect timeout", "no CONNECT frame within " + ms(config_.connect_timeout) +
                                    " of connecting (1.2#Connecting)"}};
  }
  if (partial_) {
    if (config_.frame_timeout.count() <= 0) return {};
    return {frame_started_ + config_.frame_timeout,
            {"frame timeout",
             "a frame was not complete " + ms(config_.frame_timeout) + " after it began"}};
  }
  if (config_.idle_timeout.count() <= 0) return {};
  const milliseconds allow = std::max(config_.idle_timeout, silence_);  // HB-05 first
  return {last_read_ + allow, {"idle timeout", "no octet from the client for " + ms(allow)}};
}

asio::awaitable<void> Session::deadline_loop(Ptr /*self*/) {
  while (!stopped_) {
    deadline_.expires_at(next_deadline().at);
    co_await deadline_.async_wait(kNoThrow);
    if (stopped_) break;
    Deadline d = next_deadline();
    if (Clock::now() < d.at) continue;  // moved on, or cancelled to look again
    if (closing_) {                     // the client does not read what is left: close without it
      abandon();
      break;
    }
    fail(d.fault, std::nullopt);
  }
}

}  // namespace stompcheck::broker
