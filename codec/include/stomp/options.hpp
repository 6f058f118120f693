#pragma once
// Parser options: version rules, named lenient switches and size limits.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <stomp/command.hpp>

namespace stomp {

// Each switch relaxes one strict rule so that the parser can imitate a lenient peer.
// All false is the strict grammar of the version (GRADING.md §8 plus its overlays).
struct Leniency {
  bool undefined_escapes = false;    // keep `\t` etc. literally instead of failing (FR-06)
  bool last_header_wins = false;     // repeated headers, content-length included (FR-18)
  bool trim_values = false;          // strip spaces and tabs around values (FR-09)
  bool bare_cr = false;              // 1.2: a CR not before LF is an ordinary octet (FR-02)
  bool crlf = false;                 // 1.0/1.1: accept CR LF as an EOL (FR-02)
  bool colon_in_value = false;       // 1.1/1.2: a ':' in a value is an ordinary octet (FR-21)
  bool body_on_any_command = false;  // FR-10
  bool empty_values = false;         // 1.0: accept `name:` (FR-22, GRADING.md §9.10)
  bool non_ascii = false;            // 1.0: accept octets >= 128 in headers (FR-22)

  bool operator==(const Leniency&) const = default;
  // The spec ambiguities of GRADING.md §9 that must never grade FAIL (empty and 8-bit
  // 1.0 values); the rest stays strict.
  static Leniency ambiguities() { return {.empty_values = true, .non_ascii = true}; }
  // Every switch that leaves frame boundaries and header values as the wire has them (all
  // but last_header_wins and trim_values): reads as much of a broken frame as can be read.
  static Leniency salvage() {
    return {.undefined_escapes = true,
            .last_header_wins = false,
            .trim_values = false,
            .bare_cr = true,
            .crlf = true,
            .colon_in_value = true,
            .body_on_any_command = true,
            .empty_values = true,
            .non_ascii = true};
  }
};

// Bounds on one frame. Memory stays within them whatever a content-length claims.
struct Limits {
  std::size_t max_headers = 1000;                         // header lines per frame
  std::size_t max_line = std::size_t{64} * 1024;          // octets of one line, EOL excluded
  std::size_t max_body = std::size_t{64} * 1024 * 1024;   // body octets, NUL excluded
  std::size_t max_frame = std::size_t{65} * 1024 * 1024;  // command line to NUL, both included
  bool operator==(const Limits&) const = default;
};

// The switch names as command lines, golden files and reports spell them: the field names,
// "undefined_escapes", "last_header_wins", ... in declaration order.
const std::vector<std::string>& lenient_names();
// Turns on the switch called `name`; false (and `lenient` unchanged) when there is none.
bool set_lenient(Leniency& lenient, std::string_view name);
// The names of the switches that are on, in declaration order.
std::vector<std::string> lenient_names_of(const Leniency& lenient);

struct ParserOptions {
  Version version = Version::V1_2;
  Origin origin = Origin::Any;
  Leniency lenient{};
  Limits limits{};
};

}  // namespace stomp
