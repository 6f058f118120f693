// The whole catalogue against the reference broker, in process: every case PASSes (the
// reference broker is the suite's oracle, and the suite the broker's).
#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <gtest/gtest.h>

#include "broker/broker.hpp"
#include "scenarios/catalogue.hpp"
#include "scenarios/runner.hpp"

namespace stompcheck {
namespace {

TEST(Selftest, EveryCasePassesOnTheReferenceBroker) {
  asio::io_context io;
  broker::Broker broker(io, {});
  ASSERT_FALSE(broker.error()) << broker.error().message();
  RunOptions o;
  o.target.port = broker.port();
  o.profile = reference_profile();
  o.jobs = kEmbeddedJobs;  // as `stompcheck run` on the embedded broker
  std::vector<Case> cases = select(catalogue(), {});
  ASSERT_GT(cases.size(), 60U);
  RunResult run;
  asio::co_spawn(io, run_all(cases, o, {}), [&](const std::exception_ptr& e, RunResult r) {
    if (e) std::rethrow_exception(e);
    run = std::move(r);
    broker.stop();
  });
  io.run();
  ASSERT_EQ(run.cases.size(), cases.size());
  for (const CaseResult& r : run.cases) {
    EXPECT_EQ(r.verdict, Verdict::Pass)
        << r.id << "\n  expected: " << r.expected << "\n  actual:   " << r.actual;
    EXPECT_TRUE(r.findings.empty()) << r.id << ": " << r.findings.front().detail;
  }
}

}  // namespace
}  // namespace stompcheck
