// run_all with a stop signal: an interrupt cancels the case in flight at once (ERROR,
// "interrupted"), starts no other case, and the result says so.
#include <chrono>
#include <string>
#include <vector>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <gtest/gtest.h>

#include "scenarios/catalogue.hpp"
#include "scenarios/tests/peer.hpp"

namespace stompcheck::test {
namespace {

// Accepts, reads whatever comes, never answers.
void silent(PeerConn& conn) {
  while (!conn.stopping()) conn.read(100ms);
}

struct Interrupted {
  RunResult run;
  std::chrono::milliseconds took{};
};

// Runs the connect cases at 1.2 against `port` with a one-minute timeout, interrupting after
// `after` (or before the run starts when `after` is zero).
Interrupted run_interrupted(std::uint16_t port, std::chrono::milliseconds after) {
  std::vector<Case> cases =
      select(catalogue(), {.versions = {stomp::Version::V1_2}, .only = {"connect"}, .exclude = {}});
  RunOptions o;
  o.target.port = port;
  o.settings.timeout = Millis{60000};
  asio::io_context io;
  asio::steady_timer stop(io, asio::steady_timer::time_point::max());
  asio::steady_timer alarm(io, after);
  if (after.count() == 0) interrupt(stop);
  alarm.async_wait([&](const std::error_code&) { interrupt(stop); });
  Interrupted out;
  const auto start = std::chrono::steady_clock::now();
  asio::co_spawn(io, run_all(std::move(cases), o, {}, &stop),
                 [&](const std::exception_ptr& e, RunResult r) {
                   if (e) std::rethrow_exception(e);
                   out.run = std::move(r);
                   alarm.cancel();
                 });
  io.run();
  out.took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return out;
}

TEST(Interrupt, TheCaseInFlightEndsAtOnceAsAnErrorAndNoOtherStarts) {
  Peer peer(silent);
  const Interrupted r = run_interrupted(peer.port(), 200ms);
  EXPECT_LT(r.took, 5000ms);  // not the case bound (8 minutes and more)
  EXPECT_TRUE(r.run.info.interrupted);
  EXPECT_GT(r.run.info.selected, 1U);
  ASSERT_EQ(r.run.cases.size(), 1U);
  EXPECT_EQ(r.run.cases[0].verdict, Verdict::Error);
  EXPECT_EQ(r.run.cases[0].actual, "interrupted");
  EXPECT_EQ(r.run.cases[0].cited, "");  // about no requirement
}

TEST(Interrupt, AnInterruptBeforeTheFirstCaseRunsNone) {
  Peer peer(silent);
  const Interrupted r = run_interrupted(peer.port(), 0ms);
  EXPECT_TRUE(r.run.info.interrupted);
  EXPECT_TRUE(r.run.cases.empty());
}

TEST(Interrupt, AStopSignalNeverFiredLeavesTheRunUninterrupted) {
  Peer peer([](PeerConn& conn) {
    if (answer_connect(conn)) conn.read(2000ms);
  });
  std::vector<Case> cases = select(
      catalogue(),
      {.versions = {stomp::Version::V1_2}, .only = {"connect/stomp-frame@1.2"}, .exclude = {}});
  RunOptions o;
  o.target.port = peer.port();
  o.settings.timeout = Millis{500};
  asio::io_context io;
  asio::steady_timer stop(io, asio::steady_timer::time_point::max());
  RunResult run;
  asio::co_spawn(io, run_all(std::move(cases), o, {}, &stop),
                 [&](const std::exception_ptr& e, RunResult r) {
                   if (e) std::rethrow_exception(e);
                   run = std::move(r);
                 });
  io.run();
  EXPECT_FALSE(run.info.interrupted);
  EXPECT_EQ(run.info.selected, 1U);
  ASSERT_EQ(run.cases.size(), 1U);
  EXPECT_NE(run.cases[0].actual, "interrupted");
}

}  // namespace
}  // namespace stompcheck::test
