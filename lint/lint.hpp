#pragma once
// Linting a captured STOMP byte stream against the strict grammar of a version (requirements
// §1, §8 and cross-cutting check 1) and, for a server's stream, the header checks of its frames
// (lint/checks.hpp): every frame, every heart-beat, every violation, every frame issue. The
// Linter streams: feed it chunks of any size; its memory stays bounded by stomp::Limits.
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
#include <stomp/parser.hpp>

#include "lint/checks.hpp"

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
  // Where linting went on with a fresh parser (see Linter), when it did.
  std::optional<std::uint64_t> resumed_at{};
  bool operator==(const Violation&) const = default;
};

// A frame that parses but breaks a rule of check_server_frame() (Origin::Server only).
struct LintIssue {
  std::uint64_t offset = 0;  // the frame's offset
  FrameIssue issue{};        // a MUST counts as a violation, a SHOULD as a warning
  bool operator==(const LintIssue&) const = default;
};

struct LintCounts {
  std::size_t frames = 0;
  std::size_t heartbeats = 0;
  std::size_t violations = 0;  // grammar violations and MUST issues
  std::size_t warnings = 0;    // SHOULD issues
  std::uint64_t size = 0;      // octets in the stream (fed so far)
  std::uint64_t checked = 0;   // octets examined; < size when linting stopped early
  bool clean() const { return violations == 0; }
  bool operator==(const LintCounts&) const = default;
};

struct LintReport {
  std::vector<LintFrame> frames;
  std::vector<Violation> violations;
  std::size_t heartbeats = 0;
  std::vector<std::uint64_t> heartbeat_offsets;  // offset of each heart-beat EOL
  std::vector<LintIssue> issues;                 // in stream order, after their frame's
  std::uint64_t size = 0;                        // octets in the stream
  std::uint64_t checked = 0;  // octets examined; < size when linting stopped early
  LintCounts counts() const;
  bool clean() const { return counts().clean(); }  // no violation, no MUST issue
  bool operator==(const LintReport&) const = default;
};

struct LintOptions {
  // After a violation, go on past the broken frame (see Linter); false: stop at the first.
  bool resync = true;
};

// Receives what a Linter finds, in stream order; a frame's issues follow the frame.
// References are valid for the duration of the call only.
class LintSink {
 public:
  virtual ~LintSink() = default;
  virtual void frame(const LintFrame& frame) = 0;
  virtual void heartbeat(std::uint64_t offset) = 0;
  virtual void violation(const Violation& violation) = 0;
  virtual void issue(const LintIssue& issue) = 0;
};

// Lints one stream fed in chunks of any size: any chunking gives the same items in the same
// order. With Origin::Server, every frame also goes through check_server_frame().
// A stream ending inside a frame is an UnexpectedEof violation. Without resync, linting stops
// at the first violation. With it, a fresh parser goes on just past the broken frame, so that
// every broken frame of a capture is reported: past the frame as a salvage parser (any peer,
// stomp::Leniency::salvage()) reads it, which skips a content-length body holding NULs whole;
// failing that (and, for every later violation, once a salvage read ran off the end of the
// stream), past the next NUL octet at or after the failure offset. A violation reaches the
// sink once that place is known. Memory: a few times the parser's Limits::max_frame at most,
// whatever the size of the stream or of a chunk's content; time: linear in the octets fed.
class Linter {
 public:
  explicit Linter(stomp::ParserOptions options, LintOptions lint = {});

  // Lints the next `chunk` of the stream; once linting stopped, only counts its octets.
  void feed(std::string_view chunk, LintSink& sink);
  // End of the stream: reports a frame left unfinished and a resync still under way.
  // Call it once, after the last feed().
  void finish(LintSink& sink);
  // What reached the sink so far (size and checked: what was fed).
  const LintCounts& counts() const { return counts_; }

 private:
  enum class Mode : std::uint8_t { Lint, Salvage, SeekNul, Stopped };
  void run(std::string_view data, std::uint64_t at, LintSink& sink);
  void lint_some(std::string_view data, std::uint64_t at, LintSink& sink);
  void salvage_some(std::string_view data, std::uint64_t at, LintSink& sink);
  void seek_nul(std::string_view data, std::uint64_t at, LintSink& sink);
  void failed(LintSink& sink);
  void seek_past_nul();
  void resume(std::uint64_t at, LintSink& sink);
  void emit_frame(const stomp::FrameView& view, LintSink& sink);
  std::uint64_t keep_from() const;
  void replay_held(LintSink& sink);

  stomp::ParserOptions options_;
  LintOptions lint_;
  stomp::Parser parser_;   // strict, started at base_
  stomp::Parser salvage_;  // reads the broken unit (Mode::Salvage)
  Mode mode_ = Mode::Lint;
  bool salvaging_ = true;   // false once a salvage read ran off the end of the stream
  std::uint64_t base_ = 0;  // stream offset where parser_ started
  std::uint64_t next_ = 0;  // the next octet the current mode reads
  std::uint64_t unit_ = 0;  // where parser_'s unit in progress (or the broken one) starts
  Violation broken_{};      // the violation whose resync is under way
  std::string held_;        // octets [held_at_, counts_.size) that may be read again
  std::uint64_t held_at_ = 0;
  LintCounts counts_{};
};

// Collects everything a Linter finds into a LintReport.
class LintCollector final : public LintSink {
 public:
  void frame(const LintFrame& frame) override;
  void heartbeat(std::uint64_t offset) override;
  void violation(const Violation& violation) override;
  void issue(const LintIssue& issue) override;
  // The report, with size and checked from `counts` (the Linter's, after finish()).
  LintReport take(const LintCounts& counts);

 private:
  LintReport report_;
};

// The whole of `bytes` through one Linter (see there); all offsets are offsets in `bytes`.
LintReport lint(std::string_view bytes, const stomp::ParserOptions& options, bool resync);

struct PrintOptions {
  bool quiet = false;    // violations, frame issues and the summary only
  bool verbose = false;  // also one line per heart-beat
};

// Writes each item as it arrives: frames (offset, command, headers in caret notation, body
// size), heart-beats (verbose), violations (offset, error name, rule, reason, resync point),
// frame issues (offset, requirement, MUST or SHOULD, detail).
class LintPrinter final : public LintSink {
 public:
  explicit LintPrinter(std::ostream& out, PrintOptions options = {});
  void frame(const LintFrame& frame) override;
  void heartbeat(std::uint64_t offset) override;
  void violation(const Violation& violation) override;
  void issue(const LintIssue& issue) override;
  // The closing lines: where linting stopped early, if it did, then the summary.
  void end(const LintCounts& counts);

 private:
  std::ostream& out_;
  PrintOptions options_;
};

// The report in stream order through a LintPrinter, then its end().
void print(std::ostream& out, const LintReport& report, const PrintOptions& options = {});

// "lint: 6 frames, 4 heart-beats, 0 violations", then ", 1 warning" when there are warnings
// (singular for one; no newline).
std::string summary(const LintCounts& counts);
std::string summary(const LintReport& report);

}  // namespace stompcheck
