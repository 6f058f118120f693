// Hundreds of MiB of generated frames through one Linter in 64 KiB chunks: the counts come out
// right and the peak resident set grows by far less than the stream (getrusage).
#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "lint/lint.hpp"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STOMPCHECK_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define STOMPCHECK_ASAN 1
#endif

#ifdef STOMPCHECK_ASAN
// ASan keeps freed blocks in a quarantine of 256 MiB by default, which would count as growth.
// NOLINTNEXTLINE(bugprone-reserved-identifier): the hook ASan documents for default options
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=8"; }
#endif

namespace stompcheck {
namespace {

constexpr std::size_t kChunk = std::size_t{64} * 1024;
constexpr std::uint64_t kStream = std::uint64_t{256} << 20;
constexpr long kMaxGrowthKiB = 64L * 1024;

long max_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// An endless server stream, made frame by frame: MESSAGEs with every header the checks want
// and bodies of 0 to 2 KiB (NULs in some), a 300 KiB one every 97th, heart-beats between, and
// with `broken_every`, a broken frame of one of four kinds in place of every n-th.
class Generator {
 public:
  explicit Generator(std::size_t broken_every, std::size_t big = std::size_t{300} * 1024)
      : broken_every_(broken_every), big_(big) {}

  // Fills `out` with the next octets of the stream.
  void fill(std::string& out, std::size_t n) {
    out.clear();
    while (out.size() < n) {
      if (pos_ == frame_.size()) next();
      const std::size_t take = std::min(n - out.size(), frame_.size() - pos_);
      out.append(frame_, pos_, take);
      pos_ += take;
    }
  }
  // What the Linter should have found in the octets handed out once the stream ends at a
  // frame boundary (see at_boundary()).
  std::size_t frames = 0;
  std::size_t heartbeats = 0;
  std::size_t violations = 0;
  bool at_boundary() const { return pos_ == frame_.size(); }

 private:
  void next() {
    ++n_;
    frame_.clear();
    pos_ = 0;
    const std::string id = std::to_string(n_);
    if (broken_every_ != 0 && n_ % broken_every_ == 0) {
      ++violations;
      switch ((n_ / broken_every_) % 4) {
        case 0:  // undefined escape; the salvage skips the body with its NULs whole
          frame_ = "MESSAGE\ndestination:/q\nmessage-id:" + id + "\nsubscription:0\n" +
                   "content-length:6\nx:\\t\n\nA" + std::string(1, '\0') + "B" +
                   std::string(1, '\0') + "C" + std::string(2, '\0');
          break;
        case 1:  // unreadable content-length: past the next NUL
          frame_ = "MESSAGE\ncontent-length:x\n\nabc" + std::string(1, '\0');
          break;
        case 2:  // lowercase command
          frame_ = "message\ndestination:/q\n\n" + std::string(1, '\0');
          break;
        default: {  // a big broken frame, NULs in its body, that the salvage reads whole
          std::string body(big_, 'b');
          for (std::size_t i = 0; i < big_; i += 4096) body[i] = '\0';
          frame_ = "MESSAGE\ncontent-length:" + std::to_string(big_) + "\nx:\\t\n\n" + body +
                   std::string(1, '\0');
          break;
        }
      }
    } else {
      const std::size_t size = n_ % 97 == 0 ? big_ : (n_ * 37) % 2048;
      std::string body(size, 'a');
      if (n_ % 3 == 0 && size > 10) body[size / 2] = '\0';
      frame_ = "MESSAGE\ndestination:/queue/grind\nmessage-id:ID-" + id +
               "\nsubscription:sub-0\nack:m-" + id +
               "\ncontent-type:application/octet-stream\ncontent-length:" + std::to_string(size) +
               "\n\n" + body + std::string(1, '\0');
      ++frames;
    }
    const bool crlf = n_ % 5 == 0;
    frame_ += crlf ? "\r\n" : "\n";
    ++heartbeats;
  }

  std::size_t broken_every_;
  std::size_t big_;
  std::size_t n_ = 0;
  std::string frame_;
  std::size_t pos_ = 0;
};

class Counting final : public LintSink {
 public:
  std::size_t frames = 0;
  std::size_t heartbeats = 0;
  std::size_t violations = 0;
  std::size_t issues = 0;
  std::uint64_t last = 0;
  bool ordered = true;
  void frame(const LintFrame& f) override {
    ++frames;
    see(f.offset);
  }
  void heartbeat(std::uint64_t offset) override {
    ++heartbeats;
    see(offset);
  }
  void violation(const Violation& v) override {
    ++violations;
    see(v.failure.offset);
  }
  void issue(const LintIssue& i) override {
    ++issues;
    see(i.offset);
  }

 private:
  void see(std::uint64_t offset) {
    ordered = ordered && offset >= last;
    last = offset;
  }
};

void grind(std::size_t broken_every, const stomp::ParserOptions& options, std::size_t big) {
  const long before = max_rss_kib();
  Generator gen(broken_every, big);
  Linter linter(options);
  Counting sink;
  std::string chunk;
  chunk.reserve(kChunk);
  std::uint64_t total = 0;
  while (total < kStream || !gen.at_boundary()) {
    gen.fill(chunk, kChunk);
    total += chunk.size();
    linter.feed(chunk, sink);
    // Stop at a frame boundary past kStream, so that every expected count is final.
    while (total >= kStream && !gen.at_boundary()) {
      gen.fill(chunk, 1);
      total += 1;
      linter.feed(chunk, sink);
    }
  }
  linter.finish(sink);
  const long growth = max_rss_kib() - before;
  std::cout << "linted " << (total >> 20) << " MiB in 64 KiB chunks: " << sink.frames << " frames, "
            << sink.violations << " violations; max RSS grew by " << growth / 1024 << " MiB\n";
  EXPECT_EQ(sink.frames, gen.frames);
  EXPECT_EQ(sink.heartbeats, gen.heartbeats);
  EXPECT_EQ(sink.violations, gen.violations);
  EXPECT_EQ(sink.issues, 0u);
  EXPECT_TRUE(sink.ordered);
  EXPECT_EQ(linter.counts().size, total);
  EXPECT_EQ(linter.counts().violations, gen.violations);
  EXPECT_LT(growth, kMaxGrowthKiB) << "KiB of peak RSS growth";
}

stomp::ParserOptions server() { return {.origin = stomp::Origin::Server}; }

TEST(LintGrind, ValidFramesInBoundedMemory) { grind(0, server(), std::size_t{300} * 1024); }

TEST(LintGrind, BrokenFrameEvery50InBoundedMemory) { grind(50, server(), std::size_t{300} * 1024); }

TEST(LintGrind, FramesNearTheFrameLimitInBoundedMemory) {
  // 4 MiB frames, big broken ones included: memory is a few times max_frame, not the stream.
  stomp::ParserOptions options = server();
  options.limits.max_body = std::size_t{4} << 20;
  options.limits.max_frame = (std::size_t{4} << 20) + 4096;
  grind(7, options, (std::size_t{4} << 20) - 1);
}

}  // namespace
}  // namespace stompcheck
