#pragma once
// Linting a captured STOMP byte stream against the strict grammar of a version (requirements
// §1, §8 and cross-cutting check 1): every frame, every heart-beat, every violation.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <stomp/command.hpp>
#include <stomp/errors.hpp>
#include <stomp/frame.hpp>
#include <stomp/options.hpp>

namespace stompcheck {

struct LintFrame {
  std::uint64_t offset = 0;  // stream offset of the command's first octet
  stomp::Command command = stomp::Command::Send;
  std::vector<stomp::Header> headers{};  // decoded, wire order, repeats kept
  std::size_t body_size = 0;             // octets, NUL excluded
  bool operator==(const LintFrame&) const = default;
};

struct Violation {
  stomp::ParseFailure failure{};  // offset is absolute in the whole stream
  // Where linting went on with a fresh parser (see lint()), when it did.
  std::optional<std::uint64_t> resumed_at{};
  bool operator==(const Violation&) const = default;
};

struct LintReport {
  std::vector<LintFrame> frames;
  std::vector<Violation> violations;
  std::size_t heartbeats = 0;
  std::vector<std::uint64_t> heartbeat_offsets;  // offset of each heart-beat EOL
  std::uint64_t size = 0;                        // octets in the stream
  std::uint64_t checked = 0;  // octets examined; < size when linting stopped early
  bool clean() const { return violations.empty(); }
  bool operator==(const LintReport&) const = default;
};

// Parses the whole of `bytes` with a fresh stomp::Parser. A stream ending inside a frame is
// an UnexpectedEof violation. Without `resync`, linting stops at the first violation. With
// it, a fresh parser goes on just past the broken frame, so that every broken frame of a
// capture is reported: past the frame as a lenient parser (any peer, every leniency that
// keeps frame boundaries) reads it, which skips a content-length body holding NULs whole;
// failing that (and always after a lenient read ran off the end of the stream, so that
// linting stays linear), past the next NUL octet at or after the failure offset.
// All offsets in the report are offsets in `bytes`.
LintReport lint(std::string_view bytes, const stomp::ParserOptions& options, bool resync);

struct PrintOptions {
  bool quiet = false;    // violations and the summary only
  bool verbose = false;  // also one line per heart-beat
};

// Writes the report in stream order: frames (offset, command, headers in caret notation,
// body size), heart-beats (verbose), violations (offset, error name, rule, reason), then
// the summary line "lint: N frames, N heart-beats, N violations".
void print(std::ostream& out, const LintReport& report, const PrintOptions& options = {});

// "lint: 6 frames, 4 heart-beats, 0 violations" (singular for one; no newline).
std::string summary(const LintReport& report);

}  // namespace stompcheck
