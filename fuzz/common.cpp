#include "fuzz/common.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <stomp/notation.hpp>

namespace fuzz {
namespace {

bool has_options = false;
stomp::ParserOptions reported;
std::size_t reported_chunk = 0;

}  // namespace

Input::Input(const std::uint8_t* data, std::size_t size)
    : data_(reinterpret_cast<const char*>(data), size) {}

std::uint8_t Input::byte() {
  if (data_.empty()) return 0;
  auto b = static_cast<std::uint8_t>(data_.front());
  data_.remove_prefix(1);
  return b;
}

std::string_view Input::take(std::size_t n) {
  std::string_view part = data_.substr(0, n);
  data_.remove_prefix(part.size());
  return part;
}

std::string_view Input::rest() { return take(data_.size()); }

// byte 0: bits 0-1 version (0 1.0, 1 1.1, 2-3 1.2), bits 2-3 origin (0/3 any, 1 client,
// 2 server), bit 4 lenient non_ascii, bit 5 small limits.
stomp::ParserOptions strict_options(std::uint8_t b) {
  constexpr stomp::Version kVersions[] = {stomp::Version::V1_0, stomp::Version::V1_1,
                                          stomp::Version::V1_2, stomp::Version::V1_2};
  constexpr stomp::Origin kOrigins[] = {stomp::Origin::Any, stomp::Origin::Client,
                                        stomp::Origin::Server, stomp::Origin::Any};
  return {.version = kVersions[b & 3U], .origin = kOrigins[(b >> 2U) & 3U]};
}

// byte 1: one leniency switch per bit; bytes 2-5, when byte 0 bit 5 is set: the limits
// max_headers (0-254), max_line (0-254), max_body (0-254) and max_frame (0-508, in steps of
// two), where 255 keeps a limit's default; else the defaults.
stomp::ParserOptions parser_options(Input& in) {
  const std::uint8_t b0 = in.byte();
  const std::uint8_t b1 = in.byte();
  stomp::ParserOptions o = strict_options(b0);
  auto bit = [](std::uint8_t b, unsigned i) { return ((b >> i) & 1U) != 0; };
  o.lenient = {.undefined_escapes = bit(b1, 0),
               .last_header_wins = bit(b1, 1),
               .trim_values = bit(b1, 2),
               .bare_cr = bit(b1, 3),
               .crlf = bit(b1, 4),
               .colon_in_value = bit(b1, 5),
               .body_on_any_command = bit(b1, 6),
               .empty_values = bit(b1, 7),
               .non_ascii = bit(b0, 4)};
  auto limit = [&](std::size_t& field, std::size_t scale) {
    const std::uint8_t b = in.byte();
    if (bit(b0, 5) && b != 255) field = scale * b;
  };
  limit(o.limits.max_headers, 1);
  limit(o.limits.max_line, 1);
  limit(o.limits.max_body, 1);
  limit(o.limits.max_frame, 2);
  return o;
}

std::string options_line(const stomp::ParserOptions& o) {
  constexpr const char* kOrigins[] = {"any", "client", "server"};
  std::string out = "version=" + std::string(stomp::to_string(o.version)) +
                    " origin=" + kOrigins[static_cast<int>(o.origin)];
  std::string lenient;
  for (const std::string& name : stomp::lenient_names_of(o.lenient)) {
    lenient += (lenient.empty() ? "" : ",") + name;
  }
  if (!lenient.empty()) out += " lenient=" + lenient;
  if (!(o.limits == stomp::Limits{})) {
    out += " limits=headers:" + std::to_string(o.limits.max_headers) +
           ",line:" + std::to_string(o.limits.max_line) +
           ",body:" + std::to_string(o.limits.max_body) +
           ",frame:" + std::to_string(o.limits.max_frame);
  }
  return out;
}

void report_options(const stomp::ParserOptions& o, std::size_t chunk) {
  reported = o;
  reported_chunk = chunk;
  has_options = true;
}

void fail(std::string_view what, std::string_view input, std::string_view details) {
  std::string options = has_options ? "options: " + options_line(reported) + "\n" : "";
  if (reported_chunk != 0) {
    options += "fed in chunks of " + std::to_string(reported_chunk) + " octets\n";
  }
  std::fprintf(stderr,
               "\n==== stompcheck fuzz oracle failed: %.*s\n%sinput (%zu bytes, caret notation):\n"
               "%s\n%.*s\n",
               static_cast<int>(what.size()), what.data(), options.c_str(), input.size(),
               stomp::show(input).c_str(), static_cast<int>(details.size()), details.data());
  std::fflush(stderr);
  std::abort();
}

std::string log(const std::vector<stomp::Event>& events) {
  std::string out;
  for (const stomp::Event& e : events) {
    std::string at = "  @" + std::to_string(e.offset) + " ";
    for (const std::string& line : stomp::describe(e)) {
      out += at + line + "\n";
      at = "    ";
    }
    if (e.kind == stomp::Status::Error) out += "    (" + e.failure.reason + ")\n";
  }
  return out.empty() ? "  (no events)\n" : out;
}

std::string expected_actual(const std::vector<stomp::Event>& expected,
                            const std::vector<stomp::Event>& actual) {
  return "expected:\n" + log(expected) + "actual:\n" + log(actual);
}

bool same_outcome(const std::vector<stomp::Event>& a, const std::vector<stomp::Event>& b) {
  return std::equal(
      a.begin(), a.end(), b.begin(), b.end(), [](const stomp::Event& x, const stomp::Event& y) {
        return x.kind == y.kind && x.offset == y.offset && x.frame == y.frame &&
               x.failure.code == y.failure.code && x.failure.offset == y.failure.offset;
      });
}

}  // namespace fuzz
