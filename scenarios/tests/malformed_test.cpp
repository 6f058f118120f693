// The malformed-input verifiers (scenarios/malformed.hpp) against scripted brokers that
// misbehave in one way each: every reaction GRADING.md §10.13 names gets its grade.
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include <stomp/notation.hpp>

#include "scenarios/tests/peer.hpp"

namespace stompcheck::test {
namespace {

std::string explain(const CaseResult& r) {
  std::string out = std::string(to_string(r.verdict)) + " " + r.id + "\n  expected: " + r.expected +
                    "\n  actual:   " + r.actual;
  for (const TranscriptEntry& t : r.transcript) {
    out += "\n  " + std::to_string(t.conn) + " " + std::string(to_string(t.dir)) + " " + t.data;
  }
  return out;
}

// After CONNECTED, reads one frame (or unparseable octets), then `react`s.
Script after_one(std::function<void(PeerConn&, const std::optional<stomp::Frame>&)> react) {
  return [react = std::move(react)](PeerConn& c) {
    if (!answer_connect(c)) return;
    react(c, c.read(1000ms));
  };
}

void error_then(PeerConn& c, bool close) {
  c.write(stomp::wire("ERROR^Jmessage:bad frame^J^J^@"));
  if (close) {
    c.close();
  } else {
    std::this_thread::sleep_for(1000ms);
  }
}

// Every frame with a receipt gets its RECEIPT: the broker accepts whatever it can parse.
Script accepting() {
  return [](PeerConn& c) {
    if (!answer_connect(c)) return;
    while (auto f = c.read()) {
      if (auto r = f->header("receipt")) {
        c.write(stomp::wire("RECEIPT^Jreceipt-id:" + std::string(*r) + "^J^J^@"));
      }
    }
  };
}

CaseResult run(const Script& script, std::string_view id) {
  Peer peer(script);
  return run_one(peer.port(), id);
}

TEST(Malformed, ErrorThenCloseIsAPass) {
  const auto r = run(after_one([](PeerConn& c, auto&) { error_then(c, true); }),
                     "frames/undefined-escape@1.2");
  EXPECT_EQ(r.verdict, Verdict::Pass) << explain(r);
}

TEST(Malformed, ACloseWithoutErrorIsNonStrict) {
  const auto r =
      run(after_one([](PeerConn& c, auto&) { c.close(); }), "frames/undefined-escape@1.2");
  EXPECT_EQ(r.verdict, Verdict::NonStrict) << explain(r);
}

TEST(Malformed, AHangFails) {
  const auto r = run(after_one([](PeerConn&, auto&) { std::this_thread::sleep_for(1000ms); }),
                     "frames/content-length-short@1.2");
  EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
}

// (The scripted peer reads only what its lenient parser can: the well-formed violations.)
TEST(Malformed, AcceptingAMustRowFails) {
  for (const char* id : {"frames/undefined-escape@1.2", "headers/missing-destination-send@1.2",
                         "headers/missing-id-unsubscribe@1.2"}) {
    const auto r = run(accepting(), id);
    EXPECT_EQ(r.verdict, Verdict::Fail) << explain(r);
  }
}

TEST(Malformed, InfoRowsRecordAnyReactionButTheErrorStillOwesTheClose) {
  const auto refused =
      run(after_one([](PeerConn& c, auto&) { error_then(c, true); }), "frames/unknown-command@1.2");
  EXPECT_EQ(refused.verdict, Verdict::Pass) << explain(refused);
  const auto open = run(after_one([](PeerConn& c, auto&) { error_then(c, false); }),
                        "frames/unknown-command@1.2");
  EXPECT_EQ(open.verdict, Verdict::Fail) << explain(open);
  const auto accepted = run(accepting(), "headers/missing-transaction-begin@1.2");
  EXPECT_EQ(accepted.verdict, Verdict::Info) << explain(accepted);
}

}  // namespace
}  // namespace stompcheck::test
