#pragma once
// Selecting cases from the catalogue and running them, up to RunOptions::jobs at once on the
// run's executor, each with a fresh Session, a time bound, and the end-of-case cross-cutting
// checks.
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>

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
  // Globs (fnmatch) on the case id, or a bare section name without glob characters ("ack":
  // every case whose id starts "ack/"); empty: every case.
  std::vector<std::string> only;
  std::vector<std::string> exclude;  // globs on the case id
};
// The cases of `sections`, in catalogue order, at each selected version they apply to.
std::vector<Case> select(std::span<const Section> sections, const Selection& s);
// The --only patterns that match no case of `sections` at the selected versions (whatever
// --exclude says), in the order given: a usage error, for a typo must not select nothing.
std::vector<std::string> unmatched_only(std::span<const Section> sections, const Selection& s);

struct RunOptions {
  Target target;
  Profile profile;
  Settings settings;
  bool strict = false;
  std::string target_label;  // for reports; never holds credentials
  // Cases in flight at once (each owns its Session, connections and destinations); 0 counts
  // as 1.
  unsigned jobs = 1;
};
// The bounds of --jobs.
inline constexpr unsigned kMaxJobs = 64;
// The default --jobs: the embedded reference broker takes many cases at once; an external
// broker gets one at a time (some need it), unless the user raises it.
inline constexpr unsigned kEmbeddedJobs = 8;
inline constexpr unsigned kExternalJobs = 1;

// The longest a case may take before it is ended with ERROR: every wait of a scenario is
// bounded by the timeout, so this bounds a broker that drips or floods.
Millis case_bound(const Settings& s);

// The run's stop signal: a timer that interrupt() expires (from a SIGINT / SIGTERM handler on
// the run's executor). A case in flight races it and is cancelled at once.
void interrupt(asio::steady_timer& stop);
bool interrupted(const asio::steady_timer& stop);

// Runs one case; never throws (an exception from a scenario is an ERROR verdict, a bug).
// `tag` makes the case's destination names unique. When `stop` is interrupted first, the case
// is cancelled and its verdict is ERROR, actual "interrupted".
asio::awaitable<CaseResult> run_case(const Case& c, const RunOptions& o, std::string tag,
                                     asio::steady_timer* stop = nullptr);

using Progress = std::function<void(const CaseResult&)>;
// Runs the cases, up to o.jobs at once, starting them in order. RunResult::cases and the calls
// of `progress` are in the order of `cases` whatever order they finish in (a result is held
// until those before it finished), so every report is the same for any jobs. Once `stop` is
// interrupted every case in flight ends (ERROR) and no other starts: the cases that ran are a
// prefix of `cases`, the result says info.interrupted, and info.selected is cases.size().
asio::awaitable<RunResult> run_all(std::vector<Case> cases, RunOptions o, Progress progress,
                                   asio::steady_timer* stop = nullptr);

}  // namespace stompcheck
