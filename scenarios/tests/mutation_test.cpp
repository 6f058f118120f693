// The mutation self-test: each defect injected into its own embedded reference broker, the
// whole catalogue run against it. A defect must be caught on its expected requirement with its
// expected grade, and cases about other requirements must keep the clean broker's graded
// verdicts (a FAIL, NON-STRICT or ERROR that was not there names an allowed requirement); a
// benign variant must give no FAIL and no NON-STRICT anywhere. Prints the mutation score.
//
// STOMPCHECK_MUTATION_FAULTS=a,b runs only those faults (development);
// STOMPCHECK_MUTATION_THREADS=N runs N brokers at once (default 6: the cases mostly wait).
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <gtest/gtest.h>

#include "broker/broker.hpp"
#include "broker/faults.hpp"
#include "model/requirements.hpp"
#include "scenarios/catalogue.hpp"
#include "scenarios/runner.hpp"
#include "scenarios/tests/mutation_expect.hpp"

namespace stompcheck::test {
namespace {

// Faults whose `awaits` case is not in the catalogue are reported as waiting; while this is
// true they do not fail the test (for a branch that adds defects before their cases).
constexpr bool kTolerateWaiting = false;

RunResult run_against(const broker::Defects& defects, const std::vector<Case>& cases,
                      void (*profile)(Profile&) = nullptr) {
  asio::io_context io;
  broker::Config config;
  config.defects = defects;
  broker::Broker broker(io, config);
  if (broker.error()) throw std::runtime_error("broker: " + broker.error_text());
  RunOptions o;
  o.target.port = broker.port();
  o.profile = reference_profile();
  if (profile != nullptr) profile(o.profile);
  o.jobs = kEmbeddedJobs;  // as `stompcheck run` on the embedded broker
  // Several brokers share the cores: the size-limit cases move megabytes, and a reply late
  // for want of CPU must not read as a changed verdict.
  o.settings.timeout = Millis{5000};
  RunResult run;
  asio::co_spawn(io, run_all(cases, o, {}), [&](const std::exception_ptr& e, RunResult r) {
    if (e) std::rethrow_exception(e);
    run = std::move(r);
    broker.stop();
  });
  io.run();
  return run;
}

std::vector<std::string> split(const char* text) {
  std::vector<std::string> out;
  if (text == nullptr) return out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

bool serious(Verdict v) { return v == Verdict::Fail || v == Verdict::NonStrict; }

struct Judged {
  std::string fault;
  bool benign = false;
  bool waiting = false;              // its planned case is not in the catalogue yet
  std::string caught_by;             // the case (and how) that caught it; empty: missed
  std::vector<std::string> alarms;   // changes outside the allowed requirements
  std::vector<std::string> changed;  // every changed verdict and serious finding (diagnosis)
};

Judged judge(const Expectation& x, const RunResult& base, const RunResult& run,
             const std::set<std::string, std::less<>>& slugs) {
  Judged j;
  j.fault = std::string(x.fault);
  j.benign = x.requirement.empty();
  std::set<std::string, std::less<>> allowed{std::string(x.requirement)};
  for (std::string_view a : x.also) allowed.emplace(a);
  std::map<std::string, Verdict> before;
  for (const CaseResult& r : base.cases) before[r.id] = r.verdict;
  for (const CaseResult& r : run.cases) {
    if (!j.benign && j.caught_by.empty()) {
      if (r.verdict == x.grade && r.cited == x.requirement) {
        j.caught_by = r.id + " (" + std::string(to_string(r.verdict)) + " " + r.cited + ")";
      }
      for (const Finding& f : r.findings) {
        if (j.caught_by.empty() && f.grade == x.grade && f.requirement == x.requirement) {
          j.caught_by = r.id + " (finding " + f.check + " " + f.requirement + ")";
        }
      }
    }
    const auto was = before.find(r.id);
    const bool changed = was == before.end() || was->second != r.verdict;
    if (changed)
      j.changed.push_back(r.id + " " + std::string(to_string(r.verdict)) + " " + r.cited);
    for (const Finding& f : r.findings) {
      if (serious(f.grade)) {
        j.changed.push_back(r.id + " finding " + std::string(to_string(f.grade)) + " " +
                            f.requirement);
      }
    }
    auto alarm = [&](const std::string& what) {
      j.alarms.push_back(r.id + ": " + what + "\n      actual: " + r.actual.substr(0, 300));
    };
    if (j.benign) {
      if (serious(r.verdict)) alarm(std::string(to_string(r.verdict)) + " " + r.cited);
      continue;
    }
    // INFO, UNSUPPORTED and SKIPPED record behaviour (a defect may change what is recorded,
    // and a size-limit case's largest accepted size depends on the machine's load): only a
    // verdict that grades the broker, or a harness ERROR, must name an allowed requirement.
    if (changed && (serious(r.verdict) || r.verdict == Verdict::Error) &&
        !allowed.contains(r.cited)) {
      alarm(std::string(to_string(r.verdict)) + " cites " + r.cited);
    }
    for (const Finding& f : r.findings) {
      if (serious(f.grade) && !allowed.contains(f.requirement)) {
        alarm(std::string(to_string(f.grade)) + " finding " + f.check + " " + f.requirement);
      }
    }
  }
  j.waiting = !j.benign && j.caught_by.empty() && !x.awaits.empty() && !slugs.contains(x.awaits);
  return j;
}

TEST(Mutation, TheTableNamesEveryDefectOnceWithKnownRequirements) {
  std::map<std::string_view, int> seen;
  for (const Expectation& x : mutation_expectations()) {
    ++seen[x.fault];
    const auto d = broker::defect_named(x.fault);
    ASSERT_TRUE(d.has_value()) << x.fault;
    EXPECT_EQ(broker::info(*d).benign, x.requirement.empty()) << x.fault;
    if (!x.requirement.empty()) {
      EXPECT_NE(find_requirement(x.requirement), nullptr) << x.fault << " " << x.requirement;
      EXPECT_TRUE(serious(x.grade)) << x.fault;
    }
    for (std::string_view a : x.also) EXPECT_NE(find_requirement(a), nullptr) << x.fault << a;
  }
  for (const broker::DefectInfo& d : broker::defects()) EXPECT_EQ(seen[d.name], 1) << d.name;
  std::map<broker::Area, int> per_area;
  int benign = 0;
  for (const broker::DefectInfo& d : broker::defects()) {
    if (d.benign) {
      ++benign;
    } else {
      ++per_area[d.area];
    }
  }
  EXPECT_GE(broker::defects().size() - static_cast<std::size_t>(benign), 60U);
  EXPECT_GE(benign, 15);
  for (int a = 0; a <= static_cast<int>(broker::Area::Profile); ++a) {
    EXPECT_GE(per_area[static_cast<broker::Area>(a)], 3)
        << broker::to_string(static_cast<broker::Area>(a));
  }
}

TEST(Mutation, EveryDefectIsCaughtAndNoBenignVariantIsBlamed) {
  const std::vector<Case> cases = select(catalogue(), {});
  std::set<std::string, std::less<>> slugs;
  for (const Case& c : cases) slugs.emplace(c.scenario->id);
  const std::vector<std::string> only = split(std::getenv("STOMPCHECK_MUTATION_FAULTS"));
  std::vector<const Expectation*> todo;
  for (const Expectation& x : mutation_expectations()) {
    if (only.empty() || std::find(only.begin(), only.end(), x.fault) != only.end()) {
      todo.push_back(&x);
    }
  }
  ASSERT_FALSE(todo.empty()) << "STOMPCHECK_MUTATION_FAULTS names no fault";
  const char* threads_env = std::getenv("STOMPCHECK_MUTATION_THREADS");
  const unsigned threads =
      threads_env != nullptr ? static_cast<unsigned>(std::atoi(threads_env)) : 6U;

  const RunResult base = run_against({}, cases);
  for (const CaseResult& r : base.cases) {
    ASSERT_FALSE(serious(r.verdict)) << "the clean broker: " << r.id << " " << r.actual;
  }

  std::vector<Judged> results(todo.size());
  std::atomic<std::size_t> next{0};
  std::mutex print;
  auto worker = [&] {
    for (std::size_t i = next++; i < todo.size(); i = next++) {
      broker::Defects d;
      d.set(*broker::defect_named(todo[i]->fault));
      results[i] = judge(*todo[i], base, run_against(d, cases, todo[i]->profile), slugs);
      const Judged& j = results[i];
      std::lock_guard lock(print);
      std::cout << (j.benign ? (j.alarms.empty() ? "CLEAN     " : "BLAMED    ")
                             : (!j.caught_by.empty() ? "DETECTED  "
                                                     : (j.waiting ? "WAITING   " : "MISSED    ")))
                << j.fault << "  "
                << (j.benign
                        ? ""
                        : (!j.caught_by.empty()
                               ? "by " + j.caught_by
                               : "expected " + std::string(todo[i]->requirement) + " " +
                                     std::string(to_string(todo[i]->grade)) +
                                     (j.waiting ? ", awaits " + std::string(todo[i]->awaits) : "")))
                << '\n';
      for (const std::string& a : j.alarms) std::cout << "    false alarm: " << a << '\n';
      if (!j.benign && j.caught_by.empty() && !j.waiting) {
        for (const std::string& c : j.changed) std::cout << "    changed: " << c << '\n';
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1U, threads); ++t) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();

  std::size_t faults = 0, detected = 0, waiting = 0, benign = 0, clean = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Judged& j = results[i];
    if (j.benign) {
      ++benign;
      if (j.alarms.empty()) ++clean;
      EXPECT_TRUE(j.alarms.empty()) << j.fault << ": a benign variant was blamed";
      continue;
    }
    ++faults;
    if (!j.caught_by.empty()) ++detected;
    if (j.waiting) ++waiting;
    if (!(j.waiting && kTolerateWaiting)) {
      EXPECT_FALSE(j.caught_by.empty()) << j.fault << ": not caught on " << todo[i]->requirement;
    }
    EXPECT_TRUE(j.alarms.empty()) << j.fault << ": cases unrelated to it changed";
  }
  const double percent =
      faults == 0 ? 100.0 : 100.0 * static_cast<double>(detected) / static_cast<double>(faults);
  std::cout << "mutation score: " << detected << "/" << faults << " (" << static_cast<int>(percent)
            << "%); benign: " << clean << "/" << benign << " clean";
  if (waiting > 0) std::cout << "; " << waiting << " waiting for planned cases";
  std::cout << std::endl;
}

}  // namespace
}  // namespace stompcheck::test
