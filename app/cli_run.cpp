// `stompcheck run`: the conformance suite against a broker, or against the reference broker
// embedded on an ephemeral loopback port when no --broker is given.
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <asio/steady_timer.hpp>

#include "app/cli.hpp"
#include "app/credentials.hpp"
#include "broker/broker.hpp"
#include "reports/console.hpp"
#include "reports/file.hpp"
#include "reports/json.hpp"
#include "reports/junit.hpp"
#include "scenarios/catalogue.hpp"
#include "scenarios/runner.hpp"

namespace stompcheck::cli {
namespace {

struct RunArgs {
  std::optional<std::string> broker, login, passcode, vhost, profile, junit, json;
  std::optional<std::string> login_file, passcode_file;
  std::vector<std::string> versions{"1.0", "1.1", "1.2"};
  std::vector<std::string> only, exclude;
  bool strict = false;
  bool list = false;
  unsigned timeout_ms = 2000;
  unsigned close_window_ms = 2000;
  std::optional<unsigned> jobs;  // default: kEmbeddedJobs, or kExternalJobs with --broker
  stomp::Limits limits{};
};

int usage(const std::string& message) {
  std::cerr << "stompcheck run: " << message << '\n';
  return kExitUsage;
}

void print_list(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    std::string reqs;
    for (std::string_view r : c.scenario->requirements) {
      if (!reqs.empty()) reqs += ',';  // not ("" or ",") + string: g++ 12 -O3 false -Wrestrict
      reqs += r;
    }
    std::cout << c.id << "  " << reqs << "  " << to_string(case_level(c)) << "  "
              << c.scenario->title << '\n';
  }
  std::cout << cases.size() << " cases\n";
}

// The report path meaning standard output.
constexpr std::string_view kStdout = "-";

// The report paths checked before the first case (reports/file.hpp check_writable); the
// usage error, or empty when they are fine.
std::string check_report_paths(const RunArgs& args) {
  namespace fs = std::filesystem;
  if (args.json && args.junit && *args.json == kStdout && *args.junit == kStdout) {
    return "only one of --json and --junit may be '-' (standard output)";
  }
  for (const auto& [flag, path] : {std::pair{"--json", args.json}, {"--junit", args.junit}}) {
    if (!path || *path == kStdout) continue;
    if (const reports::WriteResult w = reports::check_writable(*path); !w.ok) {
      return std::string(flag) + ": " + w.error;
    }
  }
  if (args.json && args.junit && *args.json != kStdout) {
    std::error_code json_ec, junit_ec;
    const fs::path json = fs::weakly_canonical(fs::absolute(*args.json), json_ec);
    const fs::path junit = fs::weakly_canonical(fs::absolute(*args.junit), junit_ec);
    if (!json_ec && !junit_ec && json == junit) {
      return "--json '" + *args.json + "' and --junit '" + *args.junit +
             "' name the same file: give two paths";
    }
  }
  return {};
}

// Writes each requested report ('-': to standard output); false when one could not be
// written (said on stderr). `console` gets the "report: PATH" lines.
bool write_reports(const RunArgs& args, const RunResult& run, std::ostream& console) {
  bool ok = true;
  auto put = [&](const std::optional<std::string>& path, const std::string& text) {
    if (!path) return;
    if (*path == kStdout) {
      std::cout << text << std::flush;
      if (!std::cout) {
        std::cerr << "stompcheck run: cannot write the report to standard output\n";
        ok = false;
      }
      return;
    }
    const reports::WriteResult w = reports::write_atomically(*path, text);
    if (w.ok) {
      console << "report: " << *path << '\n';
    } else {
      std::cerr << "stompcheck run: " << w.error << '\n';
      ok = false;
    }
  };
  put(args.json, reports::to_json(run));
  put(args.junit, reports::to_junit(run));
  return ok;
}

// The exit status from the conformance cases alone (run_status): a broker-profile case never
// changes it (GRADING.md §7).
int exit_code(const RunResult& run, bool reports_ok) {
  if (run.info.interrupted) return kExitInterrupted;
  switch (run_status(run)) {
    case RunStatus::Failed: return kExitFindings;
    case RunStatus::HarnessError: return kExitHarness;
    case RunStatus::NothingRan:
      if (!reports_ok) return kExitHarness;
      if (tally(run.cases, run.info.strict).conformance.cases() == 0) {
        std::cerr << "stompcheck run: no conformance case ran (broker-profile cases never "
                     "decide the exit status)\n";
      } else {
        std::cerr << "stompcheck run: no scenario ran (every case was skipped)\n";
      }
      return kExitHarness;
    case RunStatus::Clean: return reports_ok ? kExitOk : kExitHarness;
  }
  return kExitBug;
}

int run_suite(const RunArgs& args) {
  Selection selection{.versions = {}, .only = args.only, .exclude = args.exclude};
  for (const std::string& v : args.versions) {
    auto parsed = stomp::parse_version(v);
    if (!parsed) return usage("--version wants 1.0, 1.1 and/or 1.2, got '" + v + "'");
    selection.versions.push_back(*parsed);
  }
  if (const auto unmatched = unmatched_only(catalogue(), selection); !unmatched.empty()) {
    return usage("--only '" + unmatched.front() +
                 "' matches no case (a glob on the case id, e.g. 'ack/*' or '*@1.2', or a "
                 "section name such as 'ack'; --list shows the ids)");
  }
  std::vector<Case> cases = select(catalogue(), selection);
  if (cases.empty()) return usage("no scenario matches the --version, --only and --exclude given");
  std::vector<stomp::Version> used;
  used.reserve(cases.size());
  for (const Case& c : cases) used.push_back(c.version);
  const Credentials creds = resolve_credentials(
      {"--login", args.login, args.login_file, "STOMPCHECK_LOGIN"},
      {"--passcode", args.passcode, args.passcode_file, "STOMPCHECK_PASSCODE"}, args.vhost, used);
  if (!creds.error.empty()) return usage(creds.error);
  if (args.list) {
    print_list(cases);
    return kExitOk;
  }
  if (std::string bad = check_report_paths(args); !bad.empty()) return usage(bad);
  // With a report on standard output, the console goes to standard error.
  const bool report_on_stdout = args.json == kStdout || args.junit == kStdout;
  std::ostream& console = report_on_stdout ? std::cerr : std::cout;
  RunOptions options;
  options.strict = args.strict;
  options.settings.timeout = Millis{args.timeout_ms};
  options.settings.quiet = std::min(options.settings.timeout, Millis{300});
  options.settings.close_window = Millis{args.close_window_ms};
  options.settings.limits = args.limits;
  options.jobs = args.jobs.value_or(args.broker ? kExternalJobs : kEmbeddedJobs);
  options.target.login = creds.login;
  options.target.passcode = creds.passcode;
  if (args.vhost) options.target.vhost = *args.vhost;
  options.profile = args.broker ? Profile{} : reference_profile();
  if (args.profile) {
    ProfileLoad p = load_profile(*args.profile);
    if (!p.error.empty()) return usage(p.error);
    options.profile = p.profile;
  }

  asio::io_context io;
  std::optional<broker::Broker> embedded;
  if (args.broker) {
    std::optional<HostPort> where = parse_host_port(*args.broker);
    if (!where) return usage("--broker wants HOST:PORT, got '" + *args.broker + "'");
    options.target.host = where->host;
    options.target.port = where->port;
    options.target_label = host_port(where->host, where->port);
  } else {
    embedded.emplace(io, broker::Config{.login = creds.login, .passcode = creds.passcode});
    if (embedded->error()) {
      std::cerr << "stompcheck run: cannot start the embedded broker: "
                << embedded->error().message() << '\n';
      return kExitHarness;
    }
    options.target.port = embedded->port();
    options.target_label =
        "embedded reference broker (127.0.0.1:" + std::to_string(embedded->port()) + ")";
  }
  console << "stompcheck run: " << cases.size() << " cases against " << options.target_label
          << " (timeout " << args.timeout_ms << " ms, jobs " << options.jobs
          << (args.strict ? ", strict" : "") << ")" << std::endl;

  // SIGINT / SIGTERM: every case in flight is cancelled at once, the reports are written and the
  // run exits 130. A second one exits at once, without the reports.
  asio::steady_timer stop(io, asio::steady_timer::time_point::max());
  asio::signal_set signals(io, SIGINT, SIGTERM);
  std::function<void(const std::error_code&, int)> on_signal = [&](const std::error_code& ec, int) {
    if (ec) return;
    if (interrupted(stop)) {
      std::cerr << "stompcheck run: interrupted again: exiting without the reports\n";
      std::_Exit(kExitInterrupted);
    }
    interrupt(stop);
    signals.async_wait(on_signal);
  };
  signals.async_wait(on_signal);
  RunResult run;
  auto progress = [&console](const CaseResult& r) {
    console << reports::case_line(r) << reports::case_detail(r) << std::flush;
  };
  asio::co_spawn(io, run_all(std::move(cases), options, progress, &stop),
                 [&](const std::exception_ptr& e, RunResult r) {
                   if (e) std::rethrow_exception(e);  // a bug: main() reports it
                   run = std::move(r);
                   signals.cancel();
                   if (embedded) embedded->stop();
                   io.stop();
                 });
  io.run();
  if (run.info.interrupted) {
    console << std::flush;
    std::cerr << "stompcheck run: interrupted after " << run.cases.size() << " of "
              << run.info.selected << " cases; reporting the cases that ran\n";
  }
  const bool reports_ok = write_reports(args, run, console);
  console << reports::summary_lines(run) << std::flush;
  return exit_code(run, reports_ok);
}

}  // namespace

Subcommand add_run(CLI::App& parent) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* app = parent.add_subcommand(
      "run",
      "Run the conformance scenarios against a broker (default: the embedded reference "
      "broker on an ephemeral loopback port). Exit 0: nothing failed; 1: a FAIL (or, with "
      "--strict, a NON-STRICT); 2: harness errors only, nothing ran, or a report could not be "
      "written; 64: usage (checked before the first case, report paths included); 70: "
      "internal error (a stompcheck bug); 130: interrupted (SIGINT / SIGTERM), after writing "
      "the reports of the cases that ran. Only conformance cases decide it: broker-profile "
      "results are reported apart.");
  app->add_option("--broker", args->broker, "Broker address HOST:PORT");
  auto* login = app->add_option("--login", args->login,
                                "CONNECT login (never printed); else --login-file, else "
                                "$STOMPCHECK_LOGIN");
  auto* passcode = app->add_option("--passcode", args->passcode,
                                   "CONNECT passcode (never printed, but ps shows it: prefer "
                                   "--passcode-file or $STOMPCHECK_PASSCODE)");
  app->add_option("--login-file", args->login_file,
                  "The login is FILE's first line (before $STOMPCHECK_LOGIN)")
      ->type_name("FILE")
      ->excludes(login);
  app->add_option("--passcode-file", args->passcode_file,
                  "The passcode is FILE's first line (before $STOMPCHECK_PASSCODE)")
      ->type_name("FILE")
      ->excludes(passcode);
  app->add_option("--vhost", args->vhost, "CONNECT host header, the virtual host (default /)");
  app->add_option("--profile", args->profile,
                  "Broker profile JSON: queue_prefix, topic_prefix, redelivers, name");
  app->add_option("--version", args->versions, "Versions to test, e.g. 1.2 or 1.1,1.2")
      ->delimiter(',')
      ->capture_default_str();
  app->add_option("--only", args->only,
                  "Run only cases whose id matches the glob, or the cases of a section named "
                  "without a glob (e.g. ack); repeatable; one that matches no case is an error");
  app->add_option("--exclude", args->exclude, "Skip cases whose id matches the glob (repeatable)");
  app->add_flag("--strict", args->strict, "NON-STRICT verdicts fail the run");
  app->add_option("--timeout", args->timeout_ms, "Milliseconds to wait for each broker reply")
      ->check(CLI::Range(1U, 600000U))
      ->capture_default_str();
  app->add_option("--jobs", args->jobs,
                  "Cases run at once (1 to " + std::to_string(kMaxJobs) + "); default " +
                      std::to_string(kEmbeddedJobs) + " on the embedded broker, " +
                      std::to_string(kExternalJobs) +
                      " with --broker (a broker that copes may be given more). The reports "
                      "list the cases in catalogue order whatever the value")
      ->type_name("N")
      ->check(CLI::Range(1U, kMaxJobs));
  app->add_option("--close-window", args->close_window_ms,
                  "Milliseconds within which the broker must close the connection after it "
                  "sent an ERROR (ER-01), independent of --timeout")
      ->check(CLI::Range(1U, 600000U))
      ->capture_default_str();
  add_limit_options(*app->add_option_group("Harness parser limits",
                                           "The limits of stompcheck's own parser for what the "
                                           "broker sends (not a requirement on the broker)"),
                    args->limits);
  app->add_option("--junit", args->junit,
                  "Write a JUnit XML report to FILE ('-': standard output, the console then "
                  "goes to standard error)");
  app->add_option("--json", args->json,
                  "Write a JSON report to FILE ('-': standard output, the console then goes to "
                  "standard error)");
  app->add_flag("--list", args->list, "List the selected cases and exit");
  return {app, [args] { return run_suite(*args); }};
}

}  // namespace stompcheck::cli
