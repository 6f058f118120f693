#include "scenarios/runner.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <exception>
#include <memory>
#include <optional>
#include <random>
#include <utility>

#include <asio/co_spawn.hpp>
#include <asio/this_coro.hpp>

#include "model/requirements.hpp"
#include "model/version.hpp"
#include "scenarios/redact.hpp"
#include "scenarios/timeout.hpp"

namespace stompcheck {
namespace {

using Clock = std::chrono::steady_clock;

// A pattern without glob characters and without '/' or '@' names a section: "ack" selects
// "ack/..." (a plain fnmatch would match only a case whose whole id is "ack").
bool matches(const std::string& pattern, const std::string& id) {
  if (pattern.find_first_of("*?[/@") == std::string::npos) {
    return id.size() > pattern.size() && id.compare(0, pattern.size(), pattern) == 0 &&
           id[pattern.size()] == '/';
  }
  return ::fnmatch(pattern.c_str(), id.c_str(), 0) == 0;
}

bool any_glob(const std::vector<std::string>& globs, const std::string& id) {
  for (const std::string& g : globs) {
    if (matches(g, id)) return true;
  }
  return false;
}

// "connect/stomp-frame" at 1.2 -> "<run>.connect.stomp-frame.12": a destination-safe name.
std::string case_tag(const std::string& run, const Case& c) {
  std::string tag = "stompcheck." + run + ".";
  for (char ch : c.scenario->id) tag += ch == '/' ? '.' : ch;
  tag += '.';
  for (char ch : stomp::to_string(c.version)) {
    if (ch != '.') tag += ch;
  }
  return tag;
}

std::string run_id() {
  std::random_device rd;
  const auto now =
      static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  std::uint64_t v = (now ^ (std::uint64_t{rd()} << 16U)) & 0xFFFFFFU;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 6; ++i, v >>= 4U) out += kHex[v & 0xFU];
  return out;
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The body and the end-of-case checks, in one awaitable the case bound can race. It never
// throws: the race waits for the first to *succeed*, so an exception must become a value.
asio::awaitable<Outcome> body_and_checks(const Scenario& sc, Session& s) {
  Outcome o;
  try {
    o = co_await sc.run(s);
    co_await s.finish();
  } catch (const std::exception& e) {
    o = {.verdict = Verdict::Error,
         .expected = "a verdict",
         .actual = std::string("internal error (a stompcheck bug): ") + e.what()};
  }
  co_return o;
}

// The result of `op`, or nullopt when `stop` is interrupted first (then `op` is cancelled).
asio::awaitable<std::optional<Outcome>> race_stop(asio::awaitable<Outcome> op,
                                                  asio::steady_timer& stop) {
  using namespace asio::experimental::awaitable_operators;
  if (interrupted(stop)) co_return std::nullopt;
  auto r = co_await (std::move(op) || stop.async_wait(kNoThrow));
  if (r.index() != 0) co_return std::nullopt;
  co_return std::optional<Outcome>(std::move(std::get<0>(r)));
}

// The first requirement of the case that the catalogue has at the case's version.
std::pair<std::string_view, const Statement*> first_applicable(const Case& c) {
  for (std::string_view id : c.scenario->requirements) {
    const Requirement* r = find_requirement(id);
    if (r == nullptr) throw std::logic_error("unknown requirement id '" + std::string(id) + "'");
    if (const Statement* st = r->at(c.version)) return {id, st};
  }
  return {{}, nullptr};
}

// The shared state of run_all's workers, all on the run's one executor (so plain fields).
// Shared with them: should run_all itself be cancelled, the workers still own what they use.
struct Pool {
  std::vector<Case> cases;
  RunOptions options;
  std::string run_id;
  asio::steady_timer* stop = nullptr;
  Progress progress;
  std::vector<std::optional<CaseResult>> results;  // by catalogue index, filled as they end
  std::size_t next = 0;                            // the next case to start
  std::size_t reported = 0;                        // results handed to progress, in catalogue order
  std::size_t running = 0;                         // workers not yet finished
  std::exception_ptr error;  // the first a worker threw (a bug), rethrown by run_all
  asio::steady_timer done;   // cancelled when the last worker finishes
};

// Takes the next case until none is left or the run is interrupted; hands every result that
// completes the catalogue-order prefix to progress.
asio::awaitable<void> worker(std::shared_ptr<Pool> p) {
  while (p->next < p->cases.size() && (p->stop == nullptr || !interrupted(*p->stop))) {
    const std::size_t i = p->next++;
    const Case& c = p->cases[i];
    p->results[i] = co_await run_case(c, p->options, case_tag(p->run_id, c), p->stop);
    for (; p->reported < p->results.size() && p->results[p->reported]; ++p->reported) {
      if (p->progress) p->progress(*p->results[p->reported]);
    }
  }
}

}  // namespace

std::vector<Case> select(std::span<const Section> sections, const Selection& sel) {
  std::vector<Case> out;
  for (const Section& section : sections) {
    for (const Scenario& sc : section.scenarios) {
      for (stomp::Version v : sc.versions) {
        if (std::find(sel.versions.begin(), sel.versions.end(), v) == sel.versions.end()) continue;
        std::string id = std::string(sc.id) + "@" + std::string(stomp::to_string(v));
        if (!sel.only.empty() && !any_glob(sel.only, id)) continue;
        if (any_glob(sel.exclude, id)) continue;
        out.push_back({.scenario = &sc,
                       .section = section.name,
                       .version = v,
                       .id = std::move(id),
                       .profile = section.profile});
      }
    }
  }
  return out;
}

std::vector<std::string> unmatched_only(std::span<const Section> sections, const Selection& sel) {
  std::vector<std::string> out;
  for (const std::string& pattern : sel.only) {
    const Selection one{.versions = sel.versions, .only = {pattern}, .exclude = {}};
    if (select(sections, one).empty()) out.push_back(pattern);
  }
  return out;
}

Level case_level(const Case& c) {
  const Statement* st = first_applicable(c).second;
  return st ? st->level : Level::Info;
}

Millis case_bound(const Settings& s) {
  return 8 * s.timeout + 4 * s.quiet + 2 * s.close_window + Millis{1000};
}

void interrupt(asio::steady_timer& stop) {
  stop.expires_at(asio::steady_timer::time_point::min());  // also ends the waits in flight
}

bool interrupted(const asio::steady_timer& stop) {
  return stop.expiry() == asio::steady_timer::time_point::min();
}

asio::awaitable<CaseResult> run_case(const Case& c, const RunOptions& o, std::string tag,
                                     asio::steady_timer* stop) {
  const Scenario& sc = *c.scenario;
  CaseResult r{.id = c.id,
               .scenario = std::string(sc.id),
               .version = c.version,
               .section = std::string(c.section),
               .requirements = {sc.requirements.begin(), sc.requirements.end()},
               .spec = std::string(sc.spec),
               .level = case_level(c),
               .title = std::string(sc.title),
               .profile = c.profile,
               .verdict = Verdict::Error,
               .expected = {},
               .actual = {},
               .cited = {},
               .sentence = {},
               .findings = {},
               .duration_us = 0,
               .transcript = {}};
  const auto start = Clock::now();
  Session session(co_await asio::this_coro::executor, o.target, o.profile, o.settings, c.version,
                  std::move(tag));
  const Millis bound = case_bound(o.settings);
  Outcome outcome{.verdict = Verdict::Error,
                  .expected = "a verdict within " + std::to_string(bound.count()) + " ms",
                  .actual = "the scenario did not finish in time (every wait is bounded: a bug)"};
  bool cut_short = false;  // by an interrupt
  if (stop == nullptr) {
    if (auto done = co_await within(body_and_checks(sc, session), start + bound)) {
      outcome = std::move(*done);
    }
  } else {
    // The stop timer's wait ends (aborted by interrupt(), or at once when already expired)
    // only on an interrupt: then the body is cancelled where it waits.
    auto done = co_await within(race_stop(body_and_checks(sc, session), *stop), start + bound);
    if (done && *done) outcome = std::move(**done);
    if (done && !*done) {
      cut_short = true;
      outcome.expected = "a verdict";
      outcome.actual = "interrupted";
    }
  }
  r.findings = session.take_findings();
  r.verdict = outcome.verdict;
  r.expected = std::move(outcome.expected);
  r.actual = std::move(outcome.actual);
  r.cited =
      outcome.requirement.empty() ? std::string(first_applicable(c).first) : outcome.requirement;
  // A later check of the same step that named no requirement (all_of) is a consequence of
  // what the case's verdict is about (GRADING.md §10.14: every finding names a requirement).
  for (Finding& f : r.findings) {
    if (f.requirement.empty()) f.requirement = r.cited;
  }
  for (const Finding& f : r.findings) r.verdict = worse(r.verdict, f.grade);
  if (r.verdict != outcome.verdict) {  // a cross-cutting check decided: say which
    for (const Finding& f : r.findings) {
      if (f.grade != r.verdict) continue;
      r.expected = r.expected + "; and no check finds a violation";
      r.actual = std::string(to_string(outcome.verdict)) + " on its own (" + r.actual + "), but " +
                 f.check + " " + f.requirement + ": " + f.detail;
      r.cited = f.requirement;
      break;
    }
  }
  // A frame beyond the harness's own limits leaves the case unjudged: the harness's business
  // (FR-19 is noted), never a broker FAIL.
  if (session.harness_limited() && r.verdict != Verdict::Pass) {
    r.verdict = Verdict::Error;
    r.actual = "stompcheck's own size limits stopped the case (see harness-limit): " + r.actual;
    r.cited = "FR-19";
  }
  if (r.verdict == Verdict::Pass || (cut_short && r.verdict == Verdict::Error)) {
    r.cited.clear();  // an interrupted case is about no requirement
  } else if (const Requirement* req = find_requirement(r.cited)) {
    const Statement* st = req->at(c.version);
    r.sentence = st ? st->sentence : "";
  }
  r.transcript = session.take_transcript();
  r.duration_us =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
  std::vector<std::string> secrets;
  for (const auto& s : {o.target.login, o.target.passcode}) {
    if (s && !s->empty()) secrets.push_back(*s);
  }
  redact(r, secrets);
  co_return r;
}

asio::awaitable<RunResult> run_all(std::vector<Case> cases, RunOptions o, Progress progress,
                                   asio::steady_timer* stop) {
  RunResult run;
  run.info.tool = kToolVersion;
  run.info.target = o.target_label;
  run.info.started = utc_now();
  run.info.strict = o.strict;
  run.info.selected = cases.size();
  for (const Case& c : cases) {
    const std::string v(stomp::to_string(c.version));
    if (std::find(run.info.versions.begin(), run.info.versions.end(), v) ==
        run.info.versions.end()) {
      run.info.versions.push_back(v);
    }
  }
  std::sort(run.info.versions.begin(), run.info.versions.end());
  const auto start = Clock::now();
  const auto executor = co_await asio::this_coro::executor;
  const std::size_t n = cases.size();
  const std::size_t workers = std::min<std::size_t>(std::max(o.jobs, 1U), n);
  auto pool = std::make_shared<Pool>(
      Pool{.cases = std::move(cases),
           .options = std::move(o),
           .run_id = run_id(),
           .stop = stop,
           .progress = std::move(progress),
           .results = std::vector<std::optional<CaseResult>>(n),
           .next = 0,
           .reported = 0,
           .running = 0,
           .error = {},
           .done = asio::steady_timer(executor, asio::steady_timer::time_point::max())});
  for (std::size_t w = 0; w < workers; ++w) {
    ++pool->running;
    asio::co_spawn(executor, worker(pool), [pool](const std::exception_ptr& e) {
      if (e && !pool->error) pool->error = e;
      if (--pool->running == 0) pool->done.cancel();
    });
  }
  if (pool->running > 0) co_await pool->done.async_wait(kNoThrow);
  if (pool->error) std::rethrow_exception(pool->error);
  for (std::optional<CaseResult>& r : pool->results) {
    if (!r) break;  // the cases that ran are a prefix
    run.cases.push_back(std::move(*r));
  }
  run.info.interrupted = stop != nullptr && interrupted(*stop);
  run.info.duration_us =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
  co_return run;
}

}  // namespace stompcheck
