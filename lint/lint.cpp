#include "lint/lint.hpp"

#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include <stomp/notation.hpp>
#include <stomp/parser.hpp>

namespace stompcheck {
namespace {

LintFrame capture(const stomp::FrameView& view, std::uint64_t base) {
  LintFrame frame{.offset = base + view.offset, .command = view.command};
  frame.headers.reserve(view.headers.size());
  for (const stomp::RawHeader& h : view.headers) {
    frame.headers.push_back({view.decode(h.name), view.decode(h.value)});
  }
  frame.body_size = view.body.size();
  return frame;
}

struct Failed {
  stomp::ParseFailure failure;  // offset relative to the segment's start
  std::size_t unit = 0;         // where the frame (or EOL) that failed starts, likewise
};

// Parses `bytes` from `base` with a fresh parser, appending frames and heart-beats to
// `report`. Returns the failure, or nullopt when the stream ends cleanly.
std::optional<Failed> lint_segment(std::string_view bytes, std::size_t base,
                                   const stomp::ParserOptions& options, LintReport& report) {
  stomp::Parser parser(options);
  const std::string_view segment = bytes.substr(base);
  std::size_t pos = 0;
  std::size_t unit = 0;
  while (pos < segment.size()) {
    // Each step starts a unit: the whole rest of the segment is fed at once.
    unit = pos;
    const stomp::Step step = parser.feed(segment.substr(pos));
    if (step.status == stomp::Status::Error) return Failed{parser.failure(), unit};
    if (step.consumed == 0) {
      // Guards the loop against a codec that stops making progress (a bug, not bad input).
      throw std::logic_error("stomp::Parser::feed made no progress at offset " +
                             std::to_string(base + pos));
    }
    pos += step.consumed;
    if (step.status == stomp::Status::Frame) {
      report.frames.push_back(capture(parser.frame(), base));
    } else if (step.status == stomp::Status::Heartbeat) {
      ++report.heartbeats;
      report.heartbeat_offsets.push_back(base + unit);
    }
  }
  if (parser.finish().status == stomp::Status::Error) return Failed{parser.failure(), unit};
  return std::nullopt;
}

// The options that read as much of a broken frame as can be read, to find where it ends:
// any peer's commands and every leniency that leaves frame boundaries where they are
// (not last_header_wins nor trim_values, which can change the content-length that frames).
stomp::ParserOptions salvage_options(stomp::ParserOptions options) {
  options.origin = stomp::Origin::Any;
  options.lenient = stomp::Leniency::salvage();
  return options;
}

// Where linting goes on after a failure at `failed_at` in the unit that starts at `unit`:
// past that unit as a lenient parser reads it, so that a content-length body holding NULs is
// skipped whole; else past the next NUL at or after the failure. nullopt: no such place.
// A lenient read that runs off the end of the stream has copied all the rest of it, so
// `salvaging` turns off after the first: linting stays linear in the size of the stream.
std::optional<std::size_t> resync_point(std::string_view bytes, std::size_t unit,
                                        std::uint64_t failed_at,
                                        const stomp::ParserOptions& salvage, bool& salvaging) {
  if (salvaging) {
    stomp::Parser parser(salvage);
    const stomp::Step step = parser.feed(bytes.substr(unit));
    const bool complete =
        step.status == stomp::Status::Frame || step.status == stomp::Status::Heartbeat;
    if (complete && unit + step.consumed > failed_at) return unit + step.consumed;
    salvaging = step.status != stomp::Status::NeedMore;
  }
  if (failed_at >= bytes.size()) return std::nullopt;
  const std::size_t nul = bytes.find('\0', static_cast<std::size_t>(failed_at));
  if (nul == std::string_view::npos) return std::nullopt;
  return nul + 1;
}

}  // namespace

LintReport lint(std::string_view bytes, const stomp::ParserOptions& options, bool resync) {
  LintReport report;
  report.size = bytes.size();
  report.checked = bytes.size();
  const stomp::ParserOptions salvage = salvage_options(options);
  bool salvaging = true;
  std::size_t base = 0;
  for (;;) {
    std::optional<Failed> failed = lint_segment(bytes, base, options, report);
    if (!failed) return report;
    Violation violation{.failure = std::move(failed->failure)};
    violation.failure.offset += base;
    if (!resync) {
      report.checked = violation.failure.offset;
      report.violations.push_back(std::move(violation));
      return report;
    }
    // Every resync point lies past the failure, which lies at or past `base`: progress.
    violation.resumed_at =
        resync_point(bytes, base + failed->unit, violation.failure.offset, salvage, salvaging);
    report.violations.push_back(violation);
    if (!violation.resumed_at) return report;
    base = static_cast<std::size_t>(*violation.resumed_at);
  }
}

std::string summary(const LintReport& report) {
  auto count = [](std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
  };
  return "lint: " + count(report.frames.size(), "frame", "frames") + ", " +
         count(report.heartbeats, "heart-beat", "heart-beats") + ", " +
         count(report.violations.size(), "violation", "violations");
}

void print(std::ostream& out, const LintReport& report, const PrintOptions& options) {
  constexpr auto kEnd = std::numeric_limits<std::uint64_t>::max();
  std::size_t f = 0;
  std::size_t h = 0;
  std::size_t v = 0;
  // Merge the three offset-ordered lists into stream order.
  for (;;) {
    const std::uint64_t fo = f < report.frames.size() ? report.frames[f].offset : kEnd;
    const std::uint64_t ho =
        h < report.heartbeat_offsets.size() ? report.heartbeat_offsets[h] : kEnd;
    const std::uint64_t vo =
        v < report.violations.size() ? report.violations[v].failure.offset : kEnd;
    if (fo == kEnd && ho == kEnd && vo == kEnd) break;
    if (fo <= ho && fo <= vo) {
      const LintFrame& frame = report.frames[f++];
      if (options.quiet) continue;
      out << '@' << frame.offset << " frame " << stomp::to_string(frame.command) << " ("
          << frame.headers.size() << (frame.headers.size() == 1 ? " header" : " headers")
          << ", body " << frame.body_size << (frame.body_size == 1 ? " octet" : " octets") << ")\n";
      for (const stomp::Header& header : frame.headers) {
        out << "    " << stomp::show(header.name) << ':' << stomp::show(header.value) << '\n';
      }
    } else if (ho <= vo) {
      ++h;
      if (options.verbose && !options.quiet) out << '@' << ho << " heart-beat\n";
    } else {
      const Violation& violation = report.violations[v++];
      const stomp::ParseFailure& failure = violation.failure;
      out << '@' << failure.offset << " violation " << stomp::to_string(failure.code) << ", "
          << stomp::rule_of(failure.code) << ": " << stomp::show(failure.reason) << '\n';
      if (violation.resumed_at) {
        out << "    resync: linting goes on at @" << *violation.resumed_at << '\n';
      }
    }
  }
  if (report.checked < report.size) {
    out << "stopped at the first violation: " << report.size - report.checked << " octets from @"
        << report.checked << " not checked (--resync goes on)\n";
  }
  out << summary(report) << '\n';
}

}  // namespace stompcheck
