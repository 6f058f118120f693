// stompcheck::Linter fed in chunks: every chunking gives the report of the whole buffer, which
// is the report of the random-access lint that came before the streaming one (kept below as
// the reference); the server-frame checks; what reaches the sink, and in which order.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <stomp/notation.hpp>
#include <stomp/parser.hpp>

#include "lint/lint.hpp"

namespace stompcheck {
namespace {

using stomp::Command;
using stomp::ParseError;

// --- the reference: the whole-buffer lint as it was before it streamed (random access) ---
namespace reference {

LintFrame capture(const stomp::FrameView& view, std::uint64_t base) {
  LintFrame frame{.offset = base + view.offset, .command = view.command};
  for (const stomp::RawHeader& h : view.headers) {
    frame.headers.push_back({view.decode(h.name), view.decode(h.value)});
  }
  frame.body_size = view.body.size();
  return frame;
}

struct Failed {
  stomp::ParseFailure failure;
  std::size_t unit = 0;
};

std::optional<Failed> lint_segment(std::string_view bytes, std::size_t base,
                                   const stomp::ParserOptions& options, LintReport& report) {
  stomp::Parser parser(options);
  const std::string_view segment = bytes.substr(base);
  std::size_t pos = 0;
  std::size_t unit = 0;
  while (pos < segment.size()) {
    unit = pos;
    const stomp::Step step = parser.feed(segment.substr(pos));
    if (step.status == stomp::Status::Error) return Failed{parser.failure(), unit};
    if (step.consumed == 0) throw std::logic_error("no progress");
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

LintReport lint(std::string_view bytes, const stomp::ParserOptions& options, bool resync) {
  LintReport report;
  report.size = bytes.size();
  report.checked = bytes.size();
  stomp::ParserOptions salvage = options;
  salvage.origin = stomp::Origin::Any;
  salvage.lenient = stomp::Leniency::salvage();
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
    violation.resumed_at =
        resync_point(bytes, base + failed->unit, violation.failure.offset, salvage, salvaging);
    report.violations.push_back(violation);
    if (!violation.resumed_at) return report;
    base = static_cast<std::size_t>(*violation.resumed_at);
  }
}

}  // namespace reference

// Feeds `bytes` in chunks of the sizes `next_size` returns, each copied into a buffer of
// exactly its size (so that AddressSanitizer catches a read past a chunk).
LintReport lint_chunked(std::string_view bytes, const stomp::ParserOptions& options, bool resync,
                        const std::function<std::size_t()>& next_size) {
  Linter linter(options, {.resync = resync});
  LintCollector collector;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::size_t n = std::min(next_size(), bytes.size() - pos);
    auto chunk = std::make_unique<char[]>(std::max<std::size_t>(n, 1));
    std::memcpy(chunk.get(), bytes.data() + pos, n);
    linter.feed({chunk.get(), n}, collector);
    pos += n;
  }
  linter.finish(collector);
  LintReport report = collector.take(linter.counts());
  EXPECT_EQ(report.counts(), linter.counts());
  return report;
}

LintReport lint_by(std::string_view bytes, const stomp::ParserOptions& options, bool resync,
                   std::size_t size) {
  return lint_chunked(bytes, options, resync, [size] { return size; });
}

std::string printed(const LintReport& report, PrintOptions options = {}) {
  std::ostringstream out;
  print(out, report, options);
  return out.str();
}

std::string read_sample(const std::string& name) {
  std::ifstream in("samples/" + name, std::ios::binary);
  EXPECT_TRUE(in) << "samples/" << name << " (tests run from the project root)";
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

stomp::ParserOptions from(stomp::Origin origin, stomp::Version version = stomp::Version::V1_2) {
  return {.version = version, .origin = origin};
}

// --- any chunking, the same report ---

TEST(LintStream, SamplesAtEveryChunkSize) {
  for (const char* name : {"broker-1.2.stomp", "broken-1.2.stomp", "server-issues-1.2.stomp"}) {
    const std::string bytes = read_sample(name);
    for (stomp::Origin origin :
         {stomp::Origin::Any, stomp::Origin::Server, stomp::Origin::Client}) {
      for (bool resync : {true, false}) {
        const LintReport whole = lint(bytes, from(origin), resync);
        for (std::size_t size = 1; size <= bytes.size(); size += size < 80 ? 1 : 37) {
          ASSERT_EQ(lint_by(bytes, from(origin), resync, size), whole)
              << name << " chunk " << size << " resync " << resync;
        }
      }
    }
  }
}

// A random STOMP-ish stream: whole frames, broken ones, heart-beats and stray octets.
std::string random_stream(std::mt19937& rng) {
  static const std::vector<std::string> kPieces = {
      stomp::wire("SEND\ndestination:/q\n\nhi^@"),
      stomp::wire("MESSAGE\ndestination:/q\nmessage-id:1\nsubscription:0\n\n^@"),
      stomp::wire("MESSAGE\ncontent-length:3\nx:a\\tb\n\nA^@B^@"),
      stomp::wire("MESSAGE\ncontent-length:4\n\nA^@B^@^@"),
      stomp::wire("RECEIPT\nreceipt-id:7\n\n^@"),
      stomp::wire("RECEIPT^M\n^M\n^@"),
      stomp::wire("ERROR\nmessage:x\n\nbody^@"),
      stomp::wire("CONNECTED\nversion:1.2\n\n^@"),
      stomp::wire("SEND\ncontent-length:99\nx:\\t\n\n^@"),
      stomp::wire("SEND\ncontent-length:x\n\nab^@"),
      stomp::wire("SEND\ncontent-length:2\ncontent-length:5\n\nabcde^@"),
      stomp::wire("SEND\n x : y \n\n^@"),
      stomp::wire("send\n\n^@"),
      stomp::wire("\n"),
      stomp::wire("^M\n"),
      stomp::wire("^M"),
      stomp::wire("^@"),
      stomp::wire("\\"),
      stomp::wire(":"),
      stomp::wire("content-length:"),
      stomp::wire("^xFE"),
  };
  const std::string alphabet =
      stomp::wire("SENDMESAGCTRIOP\n\n\n::\\\\^@^@^M abc-lengthn0123456789^xFF");
  std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() + 6);
  std::uniform_int_distribution<std::size_t> octet(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> count(0, 24);
  std::string out;
  for (int n = count(rng); n > 0; --n) {
    const std::size_t k = piece(rng);
    if (k < kPieces.size()) {
      out += kPieces[k];
    } else {
      out.push_back(alphabet[octet(rng)]);
    }
  }
  return out;
}

stomp::ParserOptions random_options(std::mt19937& rng) {
  auto pick = [&rng](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  stomp::ParserOptions options;
  options.version = std::array{stomp::Version::V1_0, stomp::Version::V1_1,
                               stomp::Version::V1_2}[static_cast<std::size_t>(pick(3))];
  options.origin = std::array{stomp::Origin::Any, stomp::Origin::Server,
                              stomp::Origin::Client}[static_cast<std::size_t>(pick(3))];
  for (const std::string& name : stomp::lenient_names()) {
    if (pick(5) == 0) stomp::set_lenient(options.lenient, name);
  }
  if (pick(3) == 0) {
    options.limits = {.max_headers = static_cast<std::size_t>(1 + pick(4)),
                      .max_line = static_cast<std::size_t>(6 + pick(40)),
                      .max_body = static_cast<std::size_t>(pick(12)),
                      .max_frame = static_cast<std::size_t>(10 + pick(80))};
  }
  return options;
}

TEST(LintStream, RandomStreamsMatchTheReferenceAtAnyChunking) {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<std::size_t> size(0, 9);
  for (int round = 0; round < 2500; ++round) {
    const std::string bytes = random_stream(rng);
    const stomp::ParserOptions options = random_options(rng);
    for (bool resync : {true, false}) {
      SCOPED_TRACE(stomp::show(bytes) + (resync ? " resync" : " no-resync"));
      const LintReport whole = lint(bytes, options, resync);
      LintReport expected = reference::lint(bytes, options, resync);
      expected.issues = whole.issues;  // the reference had no frame checks
      ASSERT_EQ(whole, expected);
      ASSERT_EQ(lint_by(bytes, options, resync, 1), whole);
      ASSERT_EQ(lint_chunked(bytes, options, resync, [&] { return size(rng); }), whole);
    }
  }
}

TEST(LintStream, BigFramesAcrossManyChunks) {
  // Bodies larger than the parser's internal step, a broken one among them, cut anywhere.
  std::string bytes;
  const std::string body(100'000, 'x');
  std::string binary = body;
  binary[500] = '\0';
  bytes += "SEND\ndestination:/q\n\n" + body + std::string(1, '\0') + "\n";
  bytes += "SEND\ncontent-length:100000\nx:\\t\n\n" + binary + std::string(1, '\0');
  bytes += "SEND\ncontent-length:100000\n\n" + binary + std::string(1, '\0');
  bytes += "SEND\ndestination:/q\nbad\n\n" + body + std::string(1, '\0');
  bytes += "SEND\ndestination:/q\n\n" + body.substr(0, 7000);  // ends inside a frame
  for (bool resync : {true, false}) {
    const LintReport whole = lint(bytes, {}, resync);
    EXPECT_EQ(whole, reference::lint(bytes, {}, resync));
    for (std::size_t size : {1u, 2u, 3u, 1000u, 4096u, 16384u, 16385u, 65536u}) {
      EXPECT_EQ(lint_by(bytes, {}, resync, size), whole) << "chunk " << size;
    }
    if (resync) {
      EXPECT_EQ(whole.frames.size(), 2u);
      EXPECT_EQ(whole.violations.size(), 3u);  // UndefinedEscape, MissingColon, UnexpectedEof
    }
  }
}

TEST(LintStream, ResyncPointInAnEarlierChunk) {
  // The salvage reads the broken frame whole across chunks; the NUL rule, when the salvage
  // gives up later, goes back to a NUL that an earlier chunk held.
  const std::string bytes =
      stomp::wire("SEND\nx:\\t\n\nab^@cd^@SEND\ncontent-length:5\n\n^@^@^@^@^@^@\n");
  const LintReport whole = lint(bytes, {}, true);
  EXPECT_EQ(whole, reference::lint(bytes, {}, true));
  for (std::size_t size = 1; size <= bytes.size(); ++size) {
    EXPECT_EQ(lint_by(bytes, {}, true, size), whole) << "chunk " << size;
  }
}

// --- what reaches the sink ---

struct Event {
  char kind;  // f h v i
  std::uint64_t offset;
  bool operator==(const Event&) const = default;
};

class EventLog final : public LintSink {
 public:
  std::vector<Event> events;
  void frame(const LintFrame& f) override { events.push_back({'f', f.offset}); }
  void heartbeat(std::uint64_t offset) override { events.push_back({'h', offset}); }
  void violation(const Violation& v) override { events.push_back({'v', v.failure.offset}); }
  void issue(const LintIssue& i) override { events.push_back({'i', i.offset}); }
};

TEST(LintStream, SinkGetsItemsInStreamOrderAsSoonAsKnown) {
  const std::string bytes =
      read_sample("server-issues-1.2.stomp") + read_sample("broken-1.2.stomp");
  Linter linter(from(stomp::Origin::Server));
  EventLog log;
  std::size_t seen = 0;
  for (char c : bytes) {
    linter.feed({&c, 1}, log);
    // Each frame reaches the sink on its NUL, with its issues.
    if (c == '\0' && log.events.size() > seen) {
      EXPECT_TRUE(log.events.back().kind == 'f' || log.events.back().kind == 'i' ||
                  log.events.back().kind == 'v');
    }
    seen = log.events.size();
  }
  linter.finish(log);
  std::uint64_t last = 0;
  char last_kind = 'h';
  for (const Event& e : log.events) {
    EXPECT_GE(e.offset, last);
    if (e.kind == 'i') {
      EXPECT_TRUE(last_kind == 'f' || last_kind == 'i');
      EXPECT_EQ(e.offset, last);
    }
    last = e.offset;
    last_kind = e.kind;
  }
  EXPECT_EQ(linter.counts(), lint(bytes, from(stomp::Origin::Server), true).counts());
}

TEST(LintStream, WithoutResyncNothingMoreAfterTheFirstViolation) {
  Linter linter({}, {.resync = false});
  EventLog log;
  linter.feed(stomp::wire("SEND\n\n^@send\n\n^@"), log);
  linter.feed(stomp::wire("SEND\n\n^@"), log);
  linter.finish(log);
  EXPECT_EQ(log.events, (std::vector<Event>{{'f', 0}, {'v', 7}}));
  EXPECT_EQ(
      linter.counts(),
      (LintCounts{
          .frames = 1, .heartbeats = 0, .violations = 1, .warnings = 0, .size = 21, .checked = 7}));
}

TEST(LintStream, EmptyChunksAndNoChunks) {
  Linter linter({});
  EventLog log;
  linter.feed("", log);
  linter.feed(stomp::wire("\n"), log);
  linter.feed("", log);
  linter.finish(log);
  EXPECT_EQ(log.events, (std::vector<Event>{{'h', 0}}));
  Linter nothing({});
  nothing.finish(log);
  EXPECT_EQ(nothing.counts(), LintCounts{});
}

// --- the server-frame checks (lint/checks.hpp) ---

TEST(LintServerChecks, EveryIssueOfAFrameAtItsOffset) {
  const std::string bytes = stomp::wire(
      "RECEIPT\nreceipt-id:1\n\n^@"    // fine
      "MESSAGE\ndestination:/q\n\n^@"  // 23: MS-03 and MS-04
      "RECEIPT\n\n^@");                // 48: RC-01
  const LintReport report = lint(bytes, from(stomp::Origin::Server), true);
  ASSERT_EQ(report.issues.size(), 3u);
  EXPECT_EQ(report.issues[0],
            (LintIssue{23, {"MS-03", false, "MESSAGE without the required 'message-id' header"}}));
  EXPECT_EQ(
      report.issues[1],
      (LintIssue{23, {"MS-04", false, "MESSAGE without the required 'subscription' header"}}));
  EXPECT_EQ(report.issues[2].offset, 48u);
  EXPECT_EQ(report.issues[2].issue.requirement, "RC-01");
  EXPECT_TRUE(report.violations.empty());
  EXPECT_FALSE(report.clean());
  EXPECT_EQ(summary(report), "lint: 3 frames, 0 heart-beats, 3 violations");
  EXPECT_EQ(printed(report, {.quiet = true}),
            "@23 issue MS-03 (MUST): MESSAGE without the required 'message-id' header\n"
            "@23 issue MS-04 (MUST): MESSAGE without the required 'subscription' header\n"
            "@48 issue RC-01 (MUST): RECEIPT without the required 'receipt-id' header\n"
            "lint: 3 frames, 0 heart-beats, 3 violations\n");
}

TEST(LintServerChecks, ShouldIssuesAreWarnings) {
  const std::string bytes = stomp::wire(
      "MESSAGE\ndestination:/q\nmessage-id:1\nsubscription:0\ncontent-type:text/plain\n\nhi^@"
      "\nERROR\nmessage:m\ncontent-length:2\n\nhi^@");
  const LintReport report = lint(bytes, from(stomp::Origin::Server), true);
  ASSERT_EQ(report.issues.size(), 2u);
  EXPECT_EQ(report.issues[0].issue.requirement, "MS-07");
  EXPECT_TRUE(report.issues[0].issue.recommended);
  EXPECT_EQ(report.issues[1].offset, 80u);
  EXPECT_EQ(report.issues[1].issue.requirement, "ER-04");
  EXPECT_TRUE(report.clean());
  EXPECT_EQ(report.counts().warnings, 2u);
  EXPECT_EQ(summary(report), "lint: 2 frames, 1 heart-beat, 0 violations, 2 warnings");
  EXPECT_NE(printed(report).find("@0 frame MESSAGE (4 headers, body 2 octets)\n"
                                 "    destination:/q\n    message-id:1\n    subscription:0\n"
                                 "    content-type:text/plain\n"
                                 "@0 issue MS-07 (SHOULD): MESSAGE without the recommended "
                                 "'content-length' header on a body of 2 octets\n"),
            std::string::npos)
      << printed(report);
}

TEST(LintServerChecks, OnlyForAServersFrames) {
  const std::string bytes = stomp::wire("MESSAGE\n\n^@RECEIPT\n\n^@");
  EXPECT_TRUE(lint(bytes, from(stomp::Origin::Any), true).issues.empty());
  EXPECT_EQ(lint(bytes, from(stomp::Origin::Server), true).issues.size(), 4u);
  // 1.0 has no subscription header rule (MS-04 is a SHOULD tied to the SUBSCRIBE's id).
  EXPECT_EQ(lint(bytes, from(stomp::Origin::Server, stomp::Version::V1_0), true).issues.size(), 3u);
}

TEST(LintServerChecks, BrokenFramesAreNotChecked) {
  // A frame that fails the grammar is a violation, not a frame: no issue of its own.
  const std::string bytes = stomp::wire("MESSAGE\nx:\\t\n\n^@MESSAGE\n\n^@");
  const LintReport report = lint(bytes, from(stomp::Origin::Server), true);
  ASSERT_EQ(report.violations.size(), 1u);
  ASSERT_EQ(report.frames.size(), 1u);
  for (const LintIssue& issue : report.issues) EXPECT_EQ(issue.offset, report.frames[0].offset);
}

}  // namespace
}  // namespace stompcheck
