#include <charconv>
#include <cstdint>
#include <string>

#include "scenarios/cli.hpp"

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
