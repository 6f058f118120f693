#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

#include "app/cli.hpp"

namespace stompcheck::cli {
namespace {

// A plain decimal count: "-1", "0x10" and overflow are refused (CLI11 alone would wrap them).
const CLI::Validator kCount(
    [](const std::string& text) {
      std::size_t n = 0;
      const char* end = text.data() + text.size();
      const auto [stop, ec] = std::from_chars(text.data(), end, n);
      const bool ok = !text.empty() && text[0] != '-' && ec == std::errc{} && stop == end;
      return ok ? std::string() : "not a count (0 to " + std::to_string(SIZE_MAX) + "): " + text;
    },
    "");

}  // namespace

std::optional<HostPort> parse_host_port(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  std::uint16_t port = 0;
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  auto [end, ec] = std::from_chars(first, last, port);
  if (first == last || ec != std::errc{} || end != last) return std::nullopt;
  return HostPort{host, port};
}

void add_limit_options(CLI::App& app, stomp::Limits& limits) {
  app.add_option("--max-headers", limits.max_headers, "Header lines per frame")
      ->check(kCount)
      ->capture_default_str();
  app.add_option("--max-line", limits.max_line, "Octets of one line, EOL excluded")
      ->check(kCount)
      ->capture_default_str();
  app.add_option("--max-body", limits.max_body, "Body octets, NUL excluded")
      ->check(kCount)
      ->capture_default_str();
  app.add_option("--max-frame", limits.max_frame, "Octets from command to NUL")
      ->check(kCount)
      ->capture_default_str();
}

}  // namespace stompcheck::cli
