// The heart-beat verifiers (scenarios/heartbeat_watch.hpp) and the cases built on them against
// scripted peers: PASS when the peer beats on time, FAIL (or UNSUPPORTED) when it does not.
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "scenarios/heartbeat_watch.hpp"
#include "scenarios/tests/peer.hpp"

namespace stompcheck::test {
namespace {

// RECEIPTs for every frame that asks, until the client goes away.
void serve_receipts(PeerConn& c) {
  while (auto f = c.read(8000ms)) {  // longer than any watch window
    if (auto r = f->header("receipt")) {
      c.write({.command = stomp::Command::Receipt,
               .headers = {{"receipt-id", std::string(*r)}},
               .body = {}});
    }
  }
}

// CONNECTED heart-beat:`value`, then an EOL every `every` (never when 0) for `count` beats,
// then receipts.
Script beating(std::string value, std::chrono::milliseconds every, int count) {
  return [value, every, count](PeerConn& c) {
    if (!answer_connect(c, {{"heart-beat", value}})) return;
    for (int i = 0; every.count() > 0 && i < count; ++i) {
      std::this_thread::sleep_for(every);
      if (!c.write("\n")) return;
    }
    serve_receipts(c);
  };
}

void expect_verdict(const Script& script, std::string_view id, Verdict want) {
  Peer peer(script);
  // A generous reply timeout: a loaded machine must not fail the CONNECT (the watch windows
  // do not depend on it).
  const CaseResult r =
      run_one(peer.port(), id, {.timeout = 2000ms, .quiet = 100ms, .close_window = 300ms});
  std::string log;
  for (const TranscriptEntry& t : r.transcript)
    log +=
        "\n  " + std::to_string(t.at_us / 1000) + " ms #" + std::to_string(t.conn) + " " + t.data;
  EXPECT_EQ(r.verdict, want) << id << "\n  expected: " << r.expected << "\n  actual:   " << r.actual
                             << log;
}

TEST(Agreed, TheMaxRuleInBothDirections) {
  using std::chrono::milliseconds;
  auto b = agreed("0,0", "1000,1000");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->to_server, milliseconds(0));
  EXPECT_EQ(b->to_client, milliseconds(0));
  b = agreed("300,400", "1000,200");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->to_server, milliseconds(300));   // MAX(cx, sy)
  EXPECT_EQ(b->to_client, milliseconds(1000));  // MAX(sx, cy)
  b = agreed("0,300", "500,0");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->to_server, milliseconds(0));
  EXPECT_EQ(b->to_client, milliseconds(500));
  b = agreed("300,0", "0,500");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->to_server, milliseconds(500));
  EXPECT_EQ(b->to_client, milliseconds(0));
  EXPECT_FALSE(agreed("0,0", "a,b"));
  EXPECT_FALSE(agreed("0,0", "0,-1"));
  EXPECT_FALSE(agreed("0,0", "1000"));
  EXPECT_EQ(tolerance(milliseconds(1000)), milliseconds(1750));
}

// Offer 0,200 against sx=100: pings due every 200 ms, tolerance 550 ms, window 1 s.
TEST(ServerPings, OnTimePassLateOrMissingFail) {
  const char* id = "heartbeat/server-pings-on-time@1.2";
  expect_verdict(beating("100,0", 200ms, 8), id, Verdict::Pass);
  expect_verdict(beating("100,0", 700ms, 3), id, Verdict::Fail);
  expect_verdict(beating("100,0", 0ms, 0), id, Verdict::Fail);
  expect_verdict(beating("0,0", 0ms, 0), id, Verdict::Pass);  // sx=0: none due
}

TEST(NoneWhenZero, UnaskedHeartbeatsFailTheFramesOwnEolDoesNot) {
  const char* id = "heartbeat/none-when-zero@1.2";
  expect_verdict(beating("100,0", 200ms, 20), id, Verdict::Fail);
  const Script trailing = [](PeerConn& c) {
    if (!answer_connect(c, {{"heart-beat", "0,0"}})) return;
    c.write("\n");  // the EOL after CONNECTED's NUL, in its own write (GRADING.md §10.6)
    serve_receipts(c);
  };
  expect_verdict(trailing, id, Verdict::Pass);
}

// Offer 200,0 against sy=200: the client promises data every 200 ms.
TEST(SilentClient, DroppedAfterTheIntervalPassesEarlyFailsNeverIsUnsupported) {
  const char* id = "heartbeat/silent-client-dropped@1.2";
  auto closing_after = [](std::chrono::milliseconds after) -> Script {
    return [after](PeerConn& c) {
      if (!answer_connect(c, {{"heart-beat", "0,200"}})) return;
      std::this_thread::sleep_for(after);
      c.close();
    };
  };
  expect_verdict(closing_after(450ms), id, Verdict::Pass);
  expect_verdict(closing_after(50ms), id, Verdict::Fail);
  expect_verdict(beating("0,200", 0ms, 0), id, Verdict::Unsupported);
}

TEST(KeptAlive, AClientKeepingItsPromiseMustNotBeDropped) {
  const Script drops = [](PeerConn& c) {
    if (!answer_connect(c, {{"heart-beat", "0,200"}})) return;
    std::this_thread::sleep_for(300ms);
    c.close();
  };
  expect_verdict(drops, "heartbeat/eol-counts-as-liveness@1.2", Verdict::Fail);
  expect_verdict(beating("0,200", 0ms, 0), "heartbeat/eol-counts-as-liveness@1.2", Verdict::Pass);
}

}  // namespace
}  // namespace stompcheck::test
