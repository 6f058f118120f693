#pragma once
// The one timeout helper for every wait (STYLE.md): races an awaitable against a deadline.
#include <chrono>
#include <optional>
#include <utility>

#include <asio/awaitable.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

namespace stompcheck {

// Socket and timer calls that give I/O errors as values: co_await op(..., kNoThrow).
inline constexpr auto kNoThrow = asio::experimental::as_tuple(asio::use_awaitable);

// The result of `op`, or nullopt when `deadline` came first (then `op` is cancelled).
// Time left until `deadline`, never negative.
inline std::chrono::milliseconds remaining(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return left.count() > 0 ? left : std::chrono::milliseconds{0};
}

template <class T>
asio::awaitable<std::optional<T>> within(asio::awaitable<T> op,
                                         std::chrono::steady_clock::time_point deadline) {
  using namespace asio::experimental::awaitable_operators;
  asio::steady_timer timer(co_await asio::this_coro::executor, deadline);
  auto r = co_await (std::move(op) || timer.async_wait(kNoThrow));
  if (r.index() != 0) co_return std::nullopt;
  co_return std::optional<T>(std::move(std::get<0>(r)));
}

}  // namespace stompcheck
