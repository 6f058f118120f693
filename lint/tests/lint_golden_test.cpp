// stompcheck::lint against the codec's golden cases (codec/tests/golden/*.txt): the lint loop
// must report what the parser's own event log says, at the same offsets.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "codec/tests/golden_file.hpp"
#include "lint/lint.hpp"

namespace stompcheck {
namespace {

struct ExpectedError {
  std::string code;
  std::uint64_t offset = 0;
};

// "error Code @N" -> {Code, N}; nullopt for any other event line.
std::optional<ExpectedError> parse_error_event(std::string_view line) {
  constexpr std::string_view kPrefix = "error ";
  if (line.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  line.remove_prefix(kPrefix.size());
  const std::size_t at = line.find(" @");
  if (at == std::string_view::npos) return std::nullopt;
  ExpectedError out{.code = std::string(line.substr(0, at))};
  const std::string_view digits = line.substr(at + 2);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out.offset);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return out;
}

std::string where(const golden::Case& c) {
  return c.file + ":" + std::to_string(c.line) + " " + c.name;
}

TEST(LintGolden, FirstViolationIsTheGoldenError) {
  const std::vector<golden::Case> cases = golden::load_dir(golden::golden_dir());
  ASSERT_FALSE(cases.empty()) << "no golden cases under " << golden::golden_dir();
  std::size_t checked = 0;
  for (const golden::Case& c : cases) {
    if (c.events.empty()) continue;
    const std::optional<ExpectedError> expected = parse_error_event(c.events.back());
    if (!expected) continue;
    ++checked;
    SCOPED_TRACE(where(c));
    const LintReport report = lint(c.input, c.options, /*resync=*/false);
    ASSERT_EQ(report.violations.size(), 1u);
    const stomp::ParseFailure& failure = report.violations.front().failure;
    EXPECT_EQ(stomp::to_string(failure.code), expected->code);
    EXPECT_EQ(failure.offset, expected->offset);
    EXPECT_EQ(report.checked, expected->offset);
  }
  EXPECT_GT(checked, 0u) << "no golden case ends in an error";
}

TEST(LintGolden, FramesAndHeartbeatsMatchTheEventLog) {
  // Without resync, lint sees exactly the events the golden log lists before any error.
  for (const golden::Case& c : golden::load_dir(golden::golden_dir())) {
    SCOPED_TRACE(where(c));
    auto starts = [&c](std::string_view prefix) {
      return static_cast<std::size_t>(
          std::count_if(c.events.begin(), c.events.end(), [prefix](const std::string& e) {
            return std::string_view(e).substr(0, prefix.size()) == prefix;
          }));
    };
    const LintReport report = lint(c.input, c.options, /*resync=*/false);
    EXPECT_EQ(report.frames.size(), starts("frame "));
    EXPECT_EQ(report.heartbeats, starts("heartbeat"));
    EXPECT_EQ(report.violations.size(), starts("error "));
  }
}

TEST(LintGolden, AnyChunkingGivesTheSameReport) {
  // Every case fed in chunks of these sizes, each in a buffer of exactly its size.
  for (const golden::Case& c : golden::load_dir(golden::golden_dir())) {
    SCOPED_TRACE(where(c));
    for (bool resync : {true, false}) {
      const LintReport whole = lint(c.input, c.options, resync);
      for (std::size_t size : {1u, 2u, 3u, 4u, 5u, 7u, 11u, 16u, 64u, 4096u}) {
        Linter linter(c.options, {.resync = resync});
        LintCollector collector;
        for (std::size_t pos = 0; pos < c.input.size(); pos += size) {
          const std::size_t n = std::min(size, c.input.size() - pos);
          auto chunk = std::make_unique<char[]>(n);
          std::memcpy(chunk.get(), c.input.data() + pos, n);
          linter.feed({chunk.get(), n}, collector);
        }
        linter.finish(collector);
        ASSERT_EQ(collector.take(linter.counts()), whole)
            << "chunk " << size << " resync " << resync;
      }
    }
  }
}

}  // namespace
}  // namespace stompcheck
