#pragma once
// Selecting cases from the catalogue and running them one after another, each with a fresh
// Session, a time bound, and the end-of-case cross-cutting checks.
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "model/result.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/session.hpp"

namespace stompcheck {

// One scenario at one version.
struct Case {
  const Scenario* scenario = nullptr;
  std::string_view section;
  stomp::Version version = stomp::Version::V1_2;
  std::string id;        // "<slug>@<version>"
  bool profile = false;  // from its Section
};
// The level of a case at its version: that of its first requirement the catalogue has at
// that version (INFO when none applies).
Level case_level(const Case& c);

struct Selection {
  std::vector<stomp::Version> versions = kAllVersions;
  std::vector<std::string> only;     // globs (fnmatch) on the case id; empty: every case
  std::vector<std::string> exclude;  // globs on the case id
};
// The cases of `sections`, in catalogue order, at each selected version they apply to.
std::vector<Case> select(std::span<const Section> sections, const Selection& s);

struct RunOptions {
  Target target;
  Profile profile;
  Settings settings;
  bool strict = false;
  std::string target_label;  // for reports; never holds credentials
};

// The longest a case may take before it is ended with ERROR: every wait of a scenario is
// bounded by the timeout, so this bounds a broker that drips or floods.
Millis case_bound(const Settings& s);

// Runs one case; never throws (an exception from a scenario is an ERROR verdict, a bug).
// `tag` makes the case's destination names unique.
asio::awaitable<CaseResult> run_case(const Case& c, const RunOptions& o, std::string tag);

using Progress = std::function<void(const CaseResult&)>;
// Runs the cases in order; `progress` sees each result as it finishes; `stop` is polled
// between cases (SIGINT), and the cases not run are left out of the result.
asio::awaitable<RunResult> run_all(std::vector<Case> cases, RunOptions o, Progress progress,
                                   std::function<bool()> stop = {});

}  // namespace stompcheck
