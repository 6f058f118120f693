// run_all with jobs > 1: the cases really overlap (a peer sees their connections open at
// once), the results and the progress calls keep catalogue order whatever order the cases end
// in, and an interrupt ends them all. Proven by what the peer saw, never by how long it took.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
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

// What the peer saw of the connections, from their threads.
struct Gauge {
  std::mutex m;
  std::condition_variable cv;
  int arrived = 0;
  int active = 0;
  int peak = 0;                     // the most connections open at once
  std::vector<std::string> closed;  // the version each CONNECT asked for, in closing order
};

// Each connection waits (at most `hold`) until `barrier` connections arrived, then answers its
// CONNECT; but the 1.0 connection answers only once `barrier - 1` others closed (or `hold`
// passed).
Script gauged(Gauge& g, int barrier, std::chrono::milliseconds hold) {
  return [&g, barrier, hold](PeerConn& conn) {
    std::unique_lock lock(g.m);
    ++g.arrived;
    g.peak = std::max(g.peak, ++g.active);
    g.cv.notify_all();
    g.cv.wait_for(lock, hold, [&] { return g.arrived >= barrier; });
    lock.unlock();
    std::string version = "1.0";
    std::optional<stomp::Frame> f = conn.read();
    if (f) {
      const std::string accept(f->header("accept-version").value_or("1.0"));
      for (const char* v : {"1.1", "1.2"}) {
        if (accept.find(v) != std::string::npos) version = v;
      }
    }
    if (version == "1.0") {
      lock.lock();
      const auto others = static_cast<std::size_t>(barrier - 1);
      g.cv.wait_for(lock, hold, [&] { return g.closed.size() >= others; });
      lock.unlock();
    }
    conn.version = *stomp::parse_version(version);
    stomp::Frame connected{.command = stomp::Command::Connected, .headers = {}, .body = {}};
    if (version != "1.0") connected.headers.push_back({"version", version});
    if (f) conn.write(connected);
    while (!conn.stopping() && conn.read(2000ms)) {
    }
    lock.lock();
    --g.active;
    g.closed.push_back(version);
    g.cv.notify_all();
  };
}

// Waits (at most 5 s) until the peer saw `n` connections close: the last close may be noticed
// after run_all returned.
void settle(Gauge& g, std::unique_lock<std::mutex>& lock, std::size_t n) {
  g.cv.wait_for(lock, 5s, [&] { return g.closed.size() >= n; });
}

struct Ran {
  RunResult run;
  std::vector<std::string> progress;  // ids in the order progress saw them
  std::vector<std::string> selected;  // ids in catalogue order
};

Ran run_jobs(std::uint16_t port, unsigned jobs) {
  std::vector<Case> cases =
      select(catalogue(),
             {.versions = kAllVersions, .only = {"connect/negotiated-version@*"}, .exclude = {}});
  Ran out;
  for (const Case& c : cases) out.selected.push_back(c.id);
  RunOptions o;
  o.target.port = port;
  o.settings = {.timeout = Millis{3000}, .quiet = Millis{100}, .close_window = Millis{300}};
  o.jobs = jobs;
  asio::io_context io;
  asio::co_spawn(
      io,
      run_all(std::move(cases), o, [&out](const CaseResult& r) { out.progress.push_back(r.id); }),
      [&](const std::exception_ptr& e, RunResult r) {
        if (e) std::rethrow_exception(e);
        out.run = std::move(r);
      });
  io.run();
  return out;
}

std::vector<std::string> ids(const RunResult& run) {
  std::vector<std::string> out;
  for (const CaseResult& r : run.cases) out.push_back(r.id);
  return out;
}

TEST(Jobs, CasesOverlapAndKeepCatalogueOrderWhateverOrderTheyEndIn) {
  Gauge g;
  Peer peer(gauged(g, 3, 5s));
  const Ran r = run_jobs(peer.port(), 3);
  ASSERT_EQ(r.selected.size(), 3U);
  EXPECT_EQ(r.selected.front(), "connect/negotiated-version@1.0");
  std::unique_lock lock(g.m);
  settle(g, lock, 3);
  EXPECT_EQ(g.peak, 3);  // all three cases had a connection open at once
  // The 1.0 case, first in the catalogue, ended last: its connection closed after the others.
  ASSERT_EQ(g.closed.size(), 3U);
  EXPECT_EQ(g.closed.back(), "1.0");
  EXPECT_EQ(ids(r.run), r.selected);
  EXPECT_EQ(r.progress, r.selected);
  EXPECT_EQ(r.run.info.selected, 3U);
  EXPECT_FALSE(r.run.info.interrupted);
}

// The same peer with one job: the 1.0 case cannot wait for the others, which start after it.
TEST(Jobs, OneJobRunsTheCasesOneAfterAnother) {
  Gauge g;
  Peer peer(gauged(g, 3, 200ms));
  const Ran r = run_jobs(peer.port(), 1);
  std::unique_lock lock(g.m);
  settle(g, lock, 3);
  EXPECT_EQ(g.closed, (std::vector<std::string>{"1.0", "1.1", "1.2"}));
  EXPECT_EQ(ids(r.run), r.selected);
  EXPECT_EQ(r.progress, r.selected);
}

// An interrupt ends every case in flight (ERROR, "interrupted") and starts no other.
TEST(Jobs, AnInterruptEndsEveryCaseInFlightAndStartsNoOther) {
  Peer peer([](PeerConn& conn) {
    while (!conn.stopping()) conn.read(100ms);
  });
  std::vector<Case> cases =
      select(catalogue(), {.versions = {stomp::Version::V1_2}, .only = {"connect"}, .exclude = {}});
  ASSERT_GT(cases.size(), 3U);
  RunOptions o;
  o.target.port = peer.port();
  o.settings.timeout = Millis{60000};
  o.jobs = 3;
  asio::io_context io;
  asio::steady_timer stop(io, asio::steady_timer::time_point::max());
  asio::steady_timer alarm(io, 200ms);
  alarm.async_wait([&](const std::error_code&) { interrupt(stop); });
  RunResult run;
  asio::co_spawn(io, run_all(std::move(cases), o, {}, &stop),
                 [&](const std::exception_ptr& e, RunResult r) {
                   if (e) std::rethrow_exception(e);
                   run = std::move(r);
                   alarm.cancel();
                 });
  io.run();
  EXPECT_TRUE(run.info.interrupted);
  ASSERT_EQ(run.cases.size(), 3U);  // the three in flight; none started after
  for (const CaseResult& r : run.cases) {
    EXPECT_EQ(r.verdict, Verdict::Error) << r.id;
    EXPECT_EQ(r.actual, "interrupted") << r.id;
  }
}

}  // namespace
}  // namespace stompcheck::test
