// stompcheck::lint over the committed samples and small inline streams (run from the repo root).
#include "lint/lint.hpp"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <stomp/notation.hpp>

namespace stompcheck {
namespace {

using stomp::Command;
using stomp::ParseError;

std::string read_sample(const std::string& name) {
  std::ifstream in("samples/" + name, std::ios::binary);
  EXPECT_TRUE(in) << "samples/" << name << " (tests run from the project root)";
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

stomp::ParserOptions strict_1_2() { return {}; }

struct Expected {
  ParseError code;
  std::uint64_t offset;
  std::optional<std::uint64_t> resumed_at;
};

void expect_violations(const LintReport& report, const std::vector<Expected>& expected) {
  ASSERT_EQ(report.violations.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Violation& v = report.violations[i];
    EXPECT_EQ(stomp::to_string(v.failure.code), stomp::to_string(expected[i].code)) << "#" << i;
    EXPECT_EQ(v.failure.offset, expected[i].offset) << "#" << i;
    EXPECT_EQ(v.resumed_at, expected[i].resumed_at) << "#" << i;
  }
}

std::vector<Command> commands(const LintReport& report) {
  std::vector<Command> out;
  for (const LintFrame& f : report.frames) out.push_back(f.command);
  return out;
}

std::string printed(const LintReport& report, PrintOptions options = {}) {
  std::ostringstream out;
  print(out, report, options);
  return out.str();
}

// --- the clean broker capture (samples/README.md) ---

TEST(LintSample, BrokerCaptureIsClean) {
  const std::string bytes = read_sample("broker-1.2.stomp");
  stomp::ParserOptions options = strict_1_2();
  options.origin = stomp::Origin::Server;
  const LintReport report = lint(bytes, options, true);
  EXPECT_TRUE(report.clean()) << printed(report);
  EXPECT_EQ(commands(report),
            (std::vector<Command>{Command::Connected, Command::Message, Command::Message,
                                  Command::Receipt, Command::Message, Command::Error}));
  std::vector<std::uint64_t> offsets;
  for (const LintFrame& f : report.frames) offsets.push_back(f.offset);
  EXPECT_EQ(offsets, (std::vector<std::uint64_t>{0, 93, 302, 464, 495, 634}));
  EXPECT_EQ(report.heartbeats, 9u);
  EXPECT_EQ(report.heartbeat_offsets,
            (std::vector<std::uint64_t>{91, 92, 301, 461, 462, 492, 494, 633, 881}));
  EXPECT_EQ(report.size, bytes.size());
  EXPECT_EQ(report.checked, bytes.size());
}

TEST(LintSample, BrokerCaptureHeadersAreDecoded) {
  const LintReport report = lint(read_sample("broker-1.2.stomp"), strict_1_2(), true);
  ASSERT_EQ(report.frames.size(), 6u);
  const LintFrame& text = report.frames[1];
  EXPECT_EQ(text.headers[1], (stomp::Header{"message-id", "ID:broker-1:42"}));
  EXPECT_EQ(text.headers[6], (stomp::Header{"x-note", "line 1\nline 2 C:x a\\b"}));
  EXPECT_EQ(text.headers[7], (stomp::Header{"x-crlf", "a\r\nb"}));
  EXPECT_EQ(text.body_size, 14u);
  EXPECT_EQ(report.frames[2].body_size, 12u);  // binary, NULs included
  EXPECT_EQ(report.frames[3].headers, (std::vector<stomp::Header>{{"receipt-id", "r-1"}}));
  EXPECT_EQ(report.frames[5].body_size, 148u);
}

TEST(LintSample, BrokerCaptureFailsAsClientFrames) {
  stomp::ParserOptions options = strict_1_2();
  options.origin = stomp::Origin::Client;
  const LintReport report = lint(read_sample("broker-1.2.stomp"), options, true);
  // Resync skips each server frame whole, the binary body holding NULs included.
  EXPECT_TRUE(report.frames.empty());
  ASSERT_EQ(report.violations.size(), 6u);
  for (const Violation& v : report.violations) {
    EXPECT_EQ(v.failure.code, ParseError::CommandNotAllowed);
  }
  EXPECT_EQ(report.violations[2].failure.offset, 302u);
  EXPECT_EQ(report.violations[2].resumed_at, 461u);
  EXPECT_EQ(report.heartbeats, 9u);
}

TEST(LintSample, BrokerCaptureIsNotStomp11) {
  // 1.1 has no \r escape (FR-06) and no CR LF EOL (FR-02).
  stomp::ParserOptions options = strict_1_2();
  options.version = stomp::Version::V1_1;
  const LintReport report = lint(read_sample("broker-1.2.stomp"), options, true);
  ASSERT_FALSE(report.clean());
  EXPECT_EQ(report.violations[0].failure.code, ParseError::UndefinedEscape);
  EXPECT_EQ(report.violations[0].failure.offset, 279u);  // the '\' of `a\r\nb`
}

// --- the broken capture: every violation, each at its offset (samples/README.md) ---

const std::vector<Expected> kBroken = {
    {ParseError::UndefinedEscape, 131, 140},        {ParseError::InvalidContentLength, 217, 228},
    {ParseError::UnknownCommand, 229, 294},         {ParseError::MissingNul, 379, 386},
    {ParseError::UnexpectedEof, 502, std::nullopt},
};

TEST(LintSample, BrokenCaptureReportsEveryViolation) {
  const LintReport report = lint(read_sample("broken-1.2.stomp"), strict_1_2(), true);
  expect_violations(report, kBroken);
  EXPECT_EQ(commands(report), (std::vector<Command>{Command::Connected, Command::Receipt}));
  EXPECT_EQ(report.heartbeat_offsets, (std::vector<std::uint64_t>{59, 140, 228, 294, 386, 412}));
  EXPECT_EQ(report.checked, report.size);
}

TEST(LintSample, BrokenCaptureWithoutResyncStopsAtTheFirst) {
  const LintReport report = lint(read_sample("broken-1.2.stomp"), strict_1_2(), false);
  expect_violations(report, {{ParseError::UndefinedEscape, 131, std::nullopt}});
  EXPECT_EQ(commands(report), (std::vector<Command>{Command::Connected}));
  EXPECT_EQ(report.heartbeats, 1u);
  EXPECT_EQ(report.checked, 131u);
  EXPECT_NE(printed(report).find("stopped at the first violation: 371 octets from @131"),
            std::string::npos);
}

TEST(LintSample, LenientSwitchAcceptsItsViolation) {
  stomp::ParserOptions options = strict_1_2();
  ASSERT_TRUE(set_lenient(options.lenient, "undefined_escapes"));
  const LintReport report = lint(read_sample("broken-1.2.stomp"), options, true);
  expect_violations(report, {kBroken.begin() + 1, kBroken.end()});
  ASSERT_EQ(report.frames.size(), 3u);
  EXPECT_EQ(report.frames[1].headers.back(), (stomp::Header{"x-path", "C:\\tmp"}));
}

// --- small streams ---

TEST(Lint, EmptyStreamIsClean) {
  const LintReport report = lint("", strict_1_2(), true);
  EXPECT_TRUE(report.clean());
  EXPECT_EQ(summary(report), "lint: 0 frames, 0 heart-beats, 0 violations");
}

TEST(Lint, HeartbeatsOnly) {
  const LintReport report = lint(stomp::wire("\n\r\n\n"), strict_1_2(), true);
  EXPECT_TRUE(report.clean());
  EXPECT_EQ(report.heartbeat_offsets, (std::vector<std::uint64_t>{0, 1, 3}));
}

TEST(Lint, StreamEndingInsideAFrameIsUnexpectedEof) {
  const std::string bytes = stomp::wire("SEND\ndestination:/q\n\nhel");
  for (bool resync : {true, false}) {
    const LintReport report = lint(bytes, strict_1_2(), resync);
    expect_violations(report, {{ParseError::UnexpectedEof, bytes.size(), std::nullopt}});
  }
}

TEST(Lint, ViolationWithoutALaterNulEndsTheLint) {
  const std::string bytes = stomp::wire("SEND\nx:a\\tb\n\nno nul");
  const LintReport report = lint(bytes, strict_1_2(), true);
  expect_violations(report, {{ParseError::UndefinedEscape, 8, std::nullopt}});
  EXPECT_EQ(report.checked, report.size);
}

TEST(Lint, ResyncOffsetsAreAbsolute) {
  // Two broken frames then a good one: the third frame's offset is in the whole stream.
  const std::string bytes = stomp::wire("FOO\n\n^@BAR\n\n^@\nSEND\ndestination:/q\n\nhi^@");
  const LintReport report = lint(bytes, strict_1_2(), true);
  expect_violations(report,
                    {{ParseError::UnknownCommand, 0, 6}, {ParseError::UnknownCommand, 6, 12}});
  ASSERT_EQ(report.frames.size(), 1u);
  EXPECT_EQ(report.frames[0].offset, 13u);
  EXPECT_EQ(report.heartbeat_offsets, (std::vector<std::uint64_t>{12}));
}

TEST(Lint, ResyncSkipsAContentLengthBodyWhole) {
  // The NULs inside the body are not frame ends: the lenient re-read of the broken frame
  // finds its real end, so no violation is invented from the body's octets.
  const std::string bytes =
      stomp::wire("MESSAGE\ncontent-length:3\nx:a\\tb\n\nA^@B^@\nRECEIPT\nreceipt-id:1\n\n^@");
  const LintReport report = lint(bytes, strict_1_2(), true);
  expect_violations(report, {{ParseError::UndefinedEscape, 28, 37}});
  EXPECT_EQ(commands(report), std::vector<Command>{Command::Receipt});
  EXPECT_EQ(report.heartbeat_offsets, std::vector<std::uint64_t>{37});
}

TEST(Lint, ResyncFallsBackToTheNextNul) {
  // A content-length that cannot be read leaves only the NUL to go by.
  const std::string bytes = stomp::wire("SEND\ncontent-length:x\n\nab^@SEND\n\n^@");
  const LintReport report = lint(bytes, strict_1_2(), true);
  expect_violations(report, {{ParseError::InvalidContentLength, 20, 26}});
  ASSERT_EQ(report.frames.size(), 1u);
  EXPECT_EQ(report.frames[0].offset, 26u);
}

TEST(Lint, ResyncPastAContentLengthBeyondTheEnd) {
  // The lenient re-read runs off the end of the stream: the NUL rule takes over.
  const std::string frame = stomp::wire("SEND\ncontent-length:99\nx:\\t\n\n^@");
  const LintReport report = lint(frame + frame + frame, strict_1_2(), true);
  const std::uint64_t n = frame.size();
  expect_violations(report, {{ParseError::UndefinedEscape, 25, n},
                             {ParseError::UndefinedEscape, n + 25, 2 * n},
                             {ParseError::UndefinedEscape, 2 * n + 25, 3 * n}});
}

TEST(Lint, ResyncKeepsTheFrameAfterACrLfIn11) {
  // 1.1 has no CR LF EOL: the CR starts a bad command line, yet the next frame is linted.
  stomp::ParserOptions options = strict_1_2();
  options.version = stomp::Version::V1_1;
  const LintReport report = lint(stomp::wire("SEND\n\n^@\r\nSEND\n\n^@"), options, true);
  expect_violations(report, {{ParseError::UnknownCommand, 7, 9}});
  ASSERT_EQ(report.frames.size(), 2u);
  EXPECT_EQ(report.frames[1].offset, 9u);
}

TEST(Lint, LimitsComeFromTheOptions) {
  stomp::ParserOptions options = strict_1_2();
  options.limits.max_body = 4;
  const LintReport report = lint(
      stomp::wire("SEND\ndestination:/q\n\n12345^@SEND\ndestination:/q\n\n1234^@"), options, true);
  ASSERT_EQ(report.violations.size(), 1u);
  EXPECT_EQ(report.violations[0].failure.code, ParseError::BodyTooLarge);
  EXPECT_EQ(report.frames.size(), 1u);
}

TEST(Lint, ArbitraryBytesTerminateWithOrderedOffsets) {
  // Bad input never crashes or hangs: random streams biased towards STOMP's special octets.
  std::mt19937 rng(12345);
  const std::string alphabet =
      stomp::wire("SENDMESAGCTRIOP\n\n\n::\\\\^@^@^M abc-lengthn0123456789^xFF");
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<std::size_t> length(0, 300);
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = round % 3 == 0 ? "MESSAGE\ncontent-length:" : "";
    for (std::size_t n = length(rng); n > 0; --n) bytes.push_back(alphabet[pick(rng)]);
    for (bool resync : {true, false}) {
      const LintReport report = lint(bytes, strict_1_2(), resync);
      std::uint64_t last = 0;
      for (const Violation& v : report.violations) {
        ASSERT_GE(v.failure.offset, last) << stomp::show(bytes);
        ASSERT_LE(v.failure.offset, bytes.size()) << stomp::show(bytes);
        if (v.resumed_at) {
          ASSERT_GT(*v.resumed_at, v.failure.offset);
          last = *v.resumed_at;
        }
      }
      if (!resync) {
        ASSERT_LE(report.violations.size(), 1u);
      }
    }
  }
}

// --- printing ---

TEST(LintPrint, ListsFramesViolationsAndSummaryInStreamOrder) {
  const LintReport report = lint(
      stomp::wire("SEND\ndestination:/q\\c1\nx:\\n^H\n\nhi^@\nsend\n\n^@"), strict_1_2(), true);
  EXPECT_EQ(printed(report),
            "@0 frame SEND (2 headers, body 2 octets)\n"
            "    destination:/q:1\n"
            "    x:^J^H\n"
            "@34 violation UnknownCommand, FR-04 FR-23 (1.2#Augmented_BNF): unknown command "
            "\"send\"\n"
            "    resync: linting goes on at @41\n"
            "lint: 1 frame, 1 heart-beat, 1 violation\n");
  EXPECT_EQ(printed(report, {.quiet = true}),
            "@34 violation UnknownCommand, FR-04 FR-23 (1.2#Augmented_BNF): unknown command "
            "\"send\"\n"
            "    resync: linting goes on at @41\n"
            "lint: 1 frame, 1 heart-beat, 1 violation\n");
  EXPECT_NE(printed(report, {.verbose = true}).find("@33 heart-beat\n"), std::string::npos);
}

}  // namespace
}  // namespace stompcheck
