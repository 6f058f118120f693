// Size limits (1.2#Size_Limits: FR-19): each dimension of a frame grown by doubling until the
// broker refuses it, within a time bound; how it refuses is graded (GRADING.md §1, FR-19).
#include <algorithm>
#include <string>
#include <vector>

#include "scenarios/cases/cases.hpp"
#include "scenarios/server_frames.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;

constexpr std::size_t kKiB = 1024;
constexpr std::size_t kMiB = kKiB * 1024;

stomp::Frame send_to(const std::string& destination) {
  return {.command = Command::Send, .headers = {{"destination", destination}}, .body = {}};
}

// `n` user headers x-h-0:v ... (the frame also has destination and receipt).
stomp::Frame many_headers(const std::string& destination, std::size_t n) {
  stomp::Frame f = send_to(destination);
  for (std::size_t i = 0; i < n; ++i) f.headers.push_back({"x-h-" + std::to_string(i), "v"});
  return f;
}

// One header line of `n` octets: "x-long:aaa...".
stomp::Frame long_line(const std::string& destination, std::size_t n) {
  stomp::Frame f = send_to(destination);
  f.headers.push_back({"x-long", std::string(n - 7, 'a')});
  return f;
}

// A body of `n` octets, every octet value (NUL included): a 64 KiB pattern repeated.
std::string binary(std::size_t n) {
  static const std::string unit = [] {
    std::string u(64 * kKiB, '\0');
    for (std::size_t i = 0; i < u.size(); ++i) u[i] = static_cast<char>((i * 31 + 7) % 256);
    return u;
  }();
  std::string body;
  body.reserve(n);
  while (body.size() < n) body.append(unit, 0, std::min(unit.size(), n - body.size()));
  return body;
}

stomp::Frame big_body(const std::string& destination, std::size_t n) {
  stomp::Frame f = send_to(destination);
  f.body = binary(n);
  return f;
}

// About `n` octets in all: 16 header lines of up to 8 KiB (n/64 each), the rest a body.
stomp::Frame big_frame(const std::string& destination, std::size_t n) {
  stomp::Frame f = send_to(destination);
  const std::size_t line = std::min(n / 64, 8 * kKiB);
  for (int i = 0; i < 16; ++i) {
    f.headers.push_back({"x-f-" + std::to_string(i), std::string(line - 6, 'f')});
  }
  f.body = binary(n - 16 * line);
  return f;
}

const Dimension kCount{"header count", "headers", 64, 64 * kKiB, many_headers};
const Dimension kLine{"header line", "octets", kKiB, kMiB, long_line};
const Dimension kBody{"body", "octets", 64 * kKiB, 16 * kMiB, big_body};
const Dimension kFrame{"frame", "octets", 64 * kKiB, 16 * kMiB, big_frame};

}  // namespace

std::span<const Scenario> limits() {
  static const std::vector<Scenario> all{
      {
          .id = "limits/header-count",
          .requirements = {"FR-19"},
          .spec = "1.2#Size_Limits",
          .title = "Headers doubled from 64 to 65536 (5 s bound) until refused: ERROR, then the "
                   "close; the largest count accepted is recorded",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> { co_return co_await grow(s, kCount); },
      },
      {
          .id = "limits/header-line",
          .requirements = {"FR-19"},
          .spec = "1.2#Size_Limits",
          .title = "One header line doubled from 1 KiB to 1 MiB (5 s bound) until refused: "
                   "ERROR, then the close; the longest accepted is recorded",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> { co_return co_await grow(s, kLine); },
      },
      {
          .id = "limits/body",
          .requirements = {"FR-19"},
          .spec = "1.2#Size_Limits",
          .title = "A body doubled from 64 KiB to 16 MiB (5 s bound) until refused: ERROR, then "
                   "the close; the largest accepted is recorded",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> { co_return co_await grow(s, kBody); },
      },
      {
          .id = "limits/frame",
          .requirements = {"FR-19"},
          .spec = "1.2#Size_Limits",
          .title = "A whole frame (16 long headers and a body) doubled from 64 KiB to 16 MiB "
                   "(5 s bound) until refused: ERROR, then the close",
          .versions = kAllVersions,
          .run = [](Session& s) -> asio::awaitable<Outcome> { co_return co_await grow(s, kFrame); },
      },
  };
  return all;
}

}  // namespace stompcheck::cases
