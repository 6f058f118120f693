// The whole catalogue against peers that misbehave at the socket level: every case still
// ends with a verdict (no wait is unbounded), nothing crashes, and the report is written.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "reports/file.hpp"
#include "reports/json.hpp"
#include "scenarios/catalogue.hpp"
#include "scenarios/tests/peer.hpp"

namespace stompcheck::test {
namespace {

// Sleeps `d` in slices, returning early when the peer stops.
void nap(const PeerConn& c, std::chrono::milliseconds d) {
  for (auto t = 0ms; t < d && !c.stopping(); t += 10ms) std::this_thread::sleep_for(10ms);
}

// `may_pass`: the peer answers CONNECT properly, so the connect scenarios may pass.
void run_catalogue_against(const Script& script, const std::string& name, bool may_pass = false) {
  Peer peer(script);
  RunOptions o;
  o.target.port = peer.port();
  o.settings = {.timeout = 100ms, .quiet = 30ms};
  o.target_label = name;
  const std::vector<Case> cases = select(catalogue(), {});
  asio::io_context io;
  RunResult run;
  asio::co_spawn(io, run_all(cases, o, {}), [&](const std::exception_ptr& e, RunResult r) {
    if (e) std::rethrow_exception(e);
    run = std::move(r);
  });
  io.run();
  ASSERT_EQ(run.cases.size(), cases.size());
  for (const CaseResult& r : run.cases) {
    if (!may_pass) {
      EXPECT_NE(r.verdict, Verdict::Pass) << name << ": " << r.id << ": " << r.actual;
    }
    EXPECT_FALSE(r.expected.empty() && r.actual.empty()) << name << ": " << r.id;
    EXPECT_EQ(r.actual.find("did not finish in time"), std::string::npos) << name << ": " << r.id;
  }
  const auto path = std::filesystem::temp_directory_path() /
                    ("stompcheck-hostile-" + name + "-" + std::to_string(::getpid()) + ".json");
  const reports::WriteResult w = reports::write_atomically(path.string(), reports::to_json(run));
  ASSERT_TRUE(w.ok) << w.error;
  std::ifstream in(path);
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  std::filesystem::remove(path);
  ASSERT_FALSE(j.is_discarded()) << "the report of " << name << " is not JSON";
  EXPECT_EQ(j["cases"].size(), cases.size());
}

TEST(Hostile, NeverAnswers) {
  run_catalogue_against([](PeerConn& c) { nap(c, 10s); }, "silent");
}

TEST(Hostile, ClosesMidFrame) {
  run_catalogue_against(
      [](PeerConn& c) {
        if (!c.read()) return;
        c.write("CONNECTED\nversion:1.2\nserv");
        c.close();
      },
      "mid-frame");
}

TEST(Hostile, SendsGarbage) {
  run_catalogue_against(
      [](PeerConn& c) {
        std::mt19937 rng(static_cast<unsigned>(c.index));
        std::string junk(4096, '\0');
        for (char& ch : junk) ch = static_cast<char>(rng());
        c.write(junk);
        nap(c, 10s);
      },
      "garbage");
}

TEST(Hostile, DripsOneBytePerSecond) {
  run_catalogue_against(
      [](PeerConn& c) {
        if (!c.read()) return;
        for (char ch : std::string("CONNECTED\nversion:1.2\n\n") + '\0') {
          c.write(std::string_view(&ch, 1));
          nap(c, 1000ms);
          if (c.stopping()) return;
        }
      },
      "drip");
}

TEST(Hostile, FloodsHeartBeats) {
  run_catalogue_against(
      [](PeerConn& c) {
        const std::string eols(65536, '\n');
        while (!c.stopping() && c.write(eols)) {
        }
      },
      "eol-flood");
}

TEST(Hostile, FloodsFrames) {
  run_catalogue_against(
      [](PeerConn& c) {
        if (!answer_connect(c)) return;
        std::string burst;
        for (int i = 0; i < 200; ++i) {
          burst += "MESSAGE\ndestination:/queue/x\nmessage-id:" + std::to_string(i) +
                   "\nsubscription:nobody\ncontent-length:3\n\nabc" + std::string(1, '\0');
        }
        while (!c.stopping() && c.write(burst)) {
        }
      },
      "frame-flood", /*may_pass=*/true);
}

}  // namespace
}  // namespace stompcheck::test
