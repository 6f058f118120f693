#include "lint/lint.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

#include <stomp/notation.hpp>

namespace stompcheck {
namespace {

// The options that read as much of a broken frame as can be read, to find where it ends:
// any peer's commands and every leniency that leaves frame boundaries where they are
// (not last_header_wins nor trim_values, which can change the content-length that frames).
stomp::ParserOptions salvage_options(stomp::ParserOptions options) {
  options.origin = stomp::Origin::Any;
  options.lenient = stomp::Leniency::salvage();
  return options;
}

// Guards the loops against a codec that stops making progress (a bug, not bad input).
void check_progress(const stomp::Step& step, std::uint64_t at) {
  if (step.consumed == 0) {
    throw std::logic_error("stomp::Parser::feed made no progress at offset " + std::to_string(at));
  }
}

std::size_t index(std::uint64_t pos, std::uint64_t at) {
  return static_cast<std::size_t>(pos - at);
}

}  // namespace

// --- Linter ---
//
// The stream goes through one of four modes. Lint: parser_ reads it. Salvage: after a
// violation, salvage_ reads the broken unit from its first octet to find where it ends.
// SeekNul: the salvage gave up (or is off); the next NUL at or after the failure ends the
// broken frame. Stopped: after a violation without resync, or after finish().
// Whatever a mode may read again stays in held_: parser_'s unit in progress (a salvage would
// start there), the octets from the failure offset during a salvage (the NUL rule would go on
// from there). Each of these is shorter than a frame the limits let through.

Linter::Linter(stomp::ParserOptions options, LintOptions lint)
    : options_(options), lint_(lint), parser_(options), salvage_(salvage_options(options)) {}

void Linter::feed(std::string_view chunk, LintSink& sink) {
  const std::uint64_t at = counts_.size;
  counts_.size += chunk.size();
  if (mode_ == Mode::Stopped) return;
  counts_.checked = counts_.size;
  if (held_.empty()) {
    run(chunk, at, sink);
    if (const std::uint64_t keep = keep_from(); keep < counts_.size) {
      held_.assign(chunk.substr(index(keep, at)));
      held_at_ = keep;
    }
    return;
  }
  held_.append(chunk);
  run(held_, held_at_, sink);
  const std::uint64_t keep = keep_from();
  held_.erase(0, index(keep, held_at_));
  held_at_ = keep;
}

void Linter::finish(LintSink& sink) {
  for (;;) {
    switch (mode_) {
      case Mode::Lint:
        if (parser_.finish().status != stomp::Status::Error) {
          mode_ = Mode::Stopped;
          break;
        }
        failed(sink);
        break;
      case Mode::Salvage:
        // The salvage read ran off the end of the stream. Every later violation skips the
        // salvage, as lint() of a whole buffer always did (it kept that linear).
        salvaging_ = false;
        seek_past_nul();
        break;
      case Mode::SeekNul:  // no NUL after the failure: linting ends there
        ++counts_.violations;
        sink.violation(broken_);
        mode_ = Mode::Stopped;
        break;
      case Mode::Stopped: break;
    }
    if (mode_ == Mode::Stopped) {
      held_ = std::string();
      return;
    }
    replay_held(sink);
  }
}

// Runs the current mode over what is held (the end of the stream has been reached).
void Linter::replay_held(LintSink& sink) {
  const std::string data = std::move(held_);
  held_.clear();
  const std::uint64_t at = held_at_;
  run(data, at, sink);
  if (const std::uint64_t keep = keep_from(); keep < counts_.size) {
    held_.assign(data, index(keep, at));
    held_at_ = keep;
  }
}

// The first octet that a mode may still read again.
std::uint64_t Linter::keep_from() const {
  switch (mode_) {
    case Mode::Lint: return lint_.resync && !parser_.idle() ? unit_ : counts_.size;
    case Mode::Salvage: return std::min(broken_.failure.offset, counts_.size);
    case Mode::SeekNul:
    case Mode::Stopped: break;
  }
  return counts_.size;
}

// `data` holds the stream octets [at, at + data.size()), next_ among them.
void Linter::run(std::string_view data, std::uint64_t at, LintSink& sink) {
  const std::uint64_t end = at + data.size();
  while (next_ < end) {
    switch (mode_) {
      case Mode::Lint: lint_some(data, at, sink); break;
      case Mode::Salvage: salvage_some(data, at, sink); break;
      case Mode::SeekNul: seek_nul(data, at, sink); break;
      case Mode::Stopped: return;
    }
  }
}

void Linter::lint_some(std::string_view data, std::uint64_t at, LintSink& sink) {
  const std::uint64_t end = at + data.size();
  while (next_ < end) {
    if (parser_.idle()) unit_ = next_;
    const stomp::Step step = parser_.feed(data.substr(index(next_, at)));
    if (step.status == stomp::Status::Error) return failed(sink);
    check_progress(step, next_);
    next_ += step.consumed;
    if (step.status == stomp::Status::Frame) {
      emit_frame(parser_.frame(), sink);
    } else if (step.status == stomp::Status::Heartbeat) {
      ++counts_.heartbeats;
      sink.heartbeat(unit_);
    }
  }
}

// parser_ failed in the unit that starts at unit_.
void Linter::failed(LintSink& sink) {
  broken_ = {.failure = parser_.failure()};
  broken_.failure.offset += base_;
  if (!lint_.resync) {
    counts_.checked = broken_.failure.offset;
    ++counts_.violations;
    sink.violation(broken_);
    mode_ = Mode::Stopped;
  } else if (salvaging_) {
    salvage_.reset();
    mode_ = Mode::Salvage;
    next_ = unit_;
  } else {
    seek_past_nul();
  }
}

void Linter::salvage_some(std::string_view data, std::uint64_t at, LintSink& sink) {
  const stomp::Step step = salvage_.feed(data.substr(index(next_, at)));
  if (step.status == stomp::Status::NeedMore) {
    next_ = at + data.size();
    return;
  }
  if (step.status != stomp::Status::Error) {
    check_progress(step, next_);
    // A unit the salvage read whole, and that ends past the failure, is the broken frame.
    const std::uint64_t past = unit_ + salvage_.offset();
    if (past > broken_.failure.offset) return resume(past, sink);
  }
  seek_past_nul();
}

void Linter::seek_past_nul() {
  mode_ = Mode::SeekNul;
  next_ = broken_.failure.offset;
}

void Linter::seek_nul(std::string_view data, std::uint64_t at, LintSink& sink) {
  const std::size_t nul = data.find('\0', index(next_, at));
  if (nul == std::string_view::npos) {
    next_ = at + data.size();
    return;
  }
  resume(at + nul + 1, sink);
}

// The broken frame ends just before `at`: a fresh parser goes on there.
void Linter::resume(std::uint64_t at, LintSink& sink) {
  broken_.resumed_at = at;
  ++counts_.violations;
  sink.violation(broken_);
  parser_.reset();
  base_ = next_ = unit_ = at;
  mode_ = Mode::Lint;
}

void Linter::emit_frame(const stomp::FrameView& view, LintSink& sink) {
  LintFrame frame{.offset = base_ + view.offset, .command = view.command};
  frame.headers.reserve(view.headers.size());
  for (const stomp::RawHeader& h : view.headers) {
    frame.headers.push_back({view.decode(h.name), view.decode(h.value)});
  }
  frame.body_size = view.body.size();
  std::vector<FrameIssue> issues;
  if (options_.origin == stomp::Origin::Server) {
    stomp::Frame whole{.command = view.command,
                       .headers = std::move(frame.headers),
                       .body = std::string(view.body)};
    issues = check_server_frame(whole, options_.version);
    frame.headers = std::move(whole.headers);
  }
  ++counts_.frames;
  sink.frame(frame);
  for (FrameIssue& issue : issues) {
    ++(issue.recommended ? counts_.warnings : counts_.violations);
    sink.issue({.offset = frame.offset, .issue = std::move(issue)});
  }
}

// --- the whole-buffer lint ---

void LintCollector::frame(const LintFrame& frame) { report_.frames.push_back(frame); }
void LintCollector::heartbeat(std::uint64_t offset) {
  ++report_.heartbeats;
  report_.heartbeat_offsets.push_back(offset);
}
void LintCollector::violation(const Violation& violation) {
  report_.violations.push_back(violation);
}
void LintCollector::issue(const LintIssue& issue) { report_.issues.push_back(issue); }

LintReport LintCollector::take(const LintCounts& counts) {
  report_.size = counts.size;
  report_.checked = counts.checked;
  return std::exchange(report_, {});
}

LintReport lint(std::string_view bytes, const stomp::ParserOptions& options, bool resync) {
  Linter linter(options, {.resync = resync});
  LintCollector collector;
  linter.feed(bytes, collector);
  linter.finish(collector);
  return collector.take(linter.counts());
}

LintCounts LintReport::counts() const {
  LintCounts out{.frames = frames.size(),
                 .heartbeats = heartbeats,
                 .violations = violations.size(),
                 .warnings = 0,
                 .size = size,
                 .checked = checked};
  for (const LintIssue& issue : issues) ++(issue.issue.recommended ? out.warnings : out.violations);
  return out;
}

// --- printing ---

std::string summary(const LintCounts& counts) {
  auto count = [](std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
  };
  std::string out = "lint: " + count(counts.frames, "frame", "frames") + ", " +
                    count(counts.heartbeats, "heart-beat", "heart-beats") + ", " +
                    count(counts.violations, "violation", "violations");
  if (counts.warnings > 0) out += ", " + count(counts.warnings, "warning", "warnings");
  return out;
}

std::string summary(const LintReport& report) { return summary(report.counts()); }

LintPrinter::LintPrinter(std::ostream& out, PrintOptions options) : out_(out), options_(options) {}

void LintPrinter::frame(const LintFrame& frame) {
  if (options_.quiet) return;
  out_ << '@' << frame.offset << " frame " << stomp::to_string(frame.command) << " ("
       << frame.headers.size() << (frame.headers.size() == 1 ? " header" : " headers") << ", body "
       << frame.body_size << (frame.body_size == 1 ? " octet" : " octets") << ")\n";
  for (const stomp::Header& header : frame.headers) {
    out_ << "    " << stomp::show(header.name) << ':' << stomp::show(header.value) << '\n';
  }
}

void LintPrinter::heartbeat(std::uint64_t offset) {
  if (options_.verbose && !options_.quiet) out_ << '@' << offset << " heart-beat\n";
}

void LintPrinter::violation(const Violation& violation) {
  const stomp::ParseFailure& failure = violation.failure;
  out_ << '@' << failure.offset << " violation " << stomp::to_string(failure.code) << ", "
       << stomp::rule_of(failure.code) << ": " << stomp::show(failure.reason) << '\n';
  if (violation.resumed_at) {
    out_ << "    resync: linting goes on at @" << *violation.resumed_at << '\n';
  }
}

void LintPrinter::issue(const LintIssue& issue) {
  out_ << '@' << issue.offset << " issue " << issue.issue.requirement
       << (issue.issue.recommended ? " (SHOULD): " : " (MUST): ") << stomp::show(issue.issue.detail)
       << '\n';
}

void LintPrinter::end(const LintCounts& counts) {
  if (counts.checked < counts.size) {
    out_ << "stopped at the first violation: " << counts.size - counts.checked << " octets from @"
         << counts.checked << " not checked (--resync goes on)\n";
  }
  out_ << summary(counts) << '\n';
}

void print(std::ostream& out, const LintReport& report, const PrintOptions& options) {
  constexpr auto kEnd = std::numeric_limits<std::uint64_t>::max();
  LintPrinter printer(out, options);
  std::size_t f = 0;
  std::size_t i = 0;
  std::size_t h = 0;
  std::size_t v = 0;
  // Merge the four offset-ordered lists into stream order; a frame's issues follow it.
  for (;;) {
    const std::uint64_t fo = f < report.frames.size() ? report.frames[f].offset : kEnd;
    const std::uint64_t io = i < report.issues.size() ? report.issues[i].offset : kEnd;
    const std::uint64_t ho =
        h < report.heartbeat_offsets.size() ? report.heartbeat_offsets[h] : kEnd;
    const std::uint64_t vo =
        v < report.violations.size() ? report.violations[v].failure.offset : kEnd;
    if (fo == kEnd && io == kEnd && ho == kEnd && vo == kEnd) break;
    if (fo <= io && fo <= ho && fo <= vo) {
      printer.frame(report.frames[f++]);
    } else if (io <= ho && io <= vo) {
      printer.issue(report.issues[i++]);
    } else if (ho <= vo) {
      printer.heartbeat(report.heartbeat_offsets[h++]);
    } else {
      printer.violation(report.violations[v++]);
    }
  }
  printer.end(report.counts());
}

}  // namespace stompcheck
