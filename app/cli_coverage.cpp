// `stompcheck coverage`: which requirement rows of the catalogue the cases cite (static, from
// the scenario catalogue) or cover (from the verdicts of a saved `stompcheck run --json`).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "model/coverage.hpp"
#include "reports/file.hpp"
#include "reports/json.hpp"
#include "scenarios/catalogue.hpp"
#include "scenarios/runner.hpp"

namespace stompcheck::cli {
namespace {

struct CoverageArgs {
  std::optional<std::string> from, json;
  std::vector<std::string> versions;  // empty: all, or the report's with --from
  bool require_full = false;
};

int usage(const std::string& message) {
  std::cerr << "stompcheck coverage: " << message << '\n';
  return kExitUsage;
}

// The whole file, or the reason it cannot be read (strerror).
std::optional<std::string> read_file(const std::string& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    error = std::strerror(EISDIR);
    return std::nullopt;
  }
  std::string text;
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::strerror(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

// Every case of the catalogue at `versions`, not run.
std::vector<CoveredCase> catalogue_cases(const std::vector<stomp::Version>& versions) {
  std::vector<CoveredCase> out;
  const Selection all{.versions = versions, .only = {}, .exclude = {}};
  for (const Case& c : select(catalogue(), all)) {
    out.push_back(CoveredCase{
        .id = c.id,
        .version = c.version,
        .requirements = {c.scenario->requirements.begin(), c.scenario->requirements.end()},
        .verdict = std::nullopt});
  }
  return out;
}

int run_coverage_command(const CoverageArgs& args) {
  std::vector<stomp::Version> versions;
  for (const std::string& v : args.versions) {
    const auto parsed = stomp::parse_version(v);
    if (!parsed) return usage("--versions wants 1.0, 1.1 and/or 1.2, got '" + v + "'");
    versions.push_back(*parsed);
  }
  const bool json_on_stdout = args.json && *args.json == "-";
  if (args.json && !json_on_stdout) {
    if (const reports::WriteResult w = reports::check_writable(*args.json); !w.ok) {
      return usage("--json: " + w.error);
    }
  }
  std::vector<CoveredCase> cases;
  if (args.from) {
    std::string error;
    const std::optional<std::string> text = read_file(*args.from, error);
    if (!text) return usage("--from: cannot read '" + *args.from + "': " + error);
    ReportLoad report = load_run_report(*text, *args.from);
    if (!report.error.empty()) return usage("--from: " + report.error);
    if (versions.empty()) versions = report.versions;
    cases = std::move(report.cases);
  } else {
    if (versions.empty()) versions = kAllVersions;
    cases = catalogue_cases(versions);
  }
  const Coverage cov = compute_coverage(cases, args.from.has_value(), versions);
  // With the JSON on standard output, the rows go to standard error.
  std::ostream& console = json_on_stdout ? std::cerr : std::cout;
  for (const CoverageRow& r : cov.rows) console << coverage_line(r, cov.from_verdicts) << '\n';
  int status = kExitOk;
  if (args.json) {
    const std::string text = reports::to_json(cov);
    if (json_on_stdout) {
      std::cout << text << std::flush;
    } else if (const reports::WriteResult w = reports::write_atomically(*args.json, text); w.ok) {
      console << "report: " << *args.json << '\n';
    } else {
      std::cerr << "stompcheck coverage: " << w.error << '\n';
      status = kExitHarness;
    }
  }
  console << coverage_totals(cov) << '\n' << std::flush;
  if (args.require_full && !cov.full()) {
    std::cerr << "stompcheck coverage: --require-full: " << (cov.req.rows - cov.req.covered)
              << " REQ and " << (cov.rec.rows - cov.rec.covered) << " REC rows not covered\n";
    return kExitFindings;
  }
  return status;
}

}  // namespace

Subcommand add_coverage(CLI::App& parent) {
  auto args = std::make_shared<CoverageArgs>();
  CLI::App* app = parent.add_subcommand(
      "coverage",
      "Requirement coverage: for each requirement of the catalogue at each version it applies "
      "to, its level (REQ = MUST, REC = SHOULD, OPT = MAY, INFO), whether it is covered and "
      "the cases that cite it; rows a client cannot observe are listed with the reason. "
      "Static (from the scenario catalogue: cited by a case at that version), or with --from "
      "from a run's verdicts (covered by a case that ran with a verdict other than SKIPPED or "
      "ERROR). The last line gives the totals. Exit 0; 1: --require-full and a REQ or REC row "
      "is not covered; 2: the --json report could not be written; 64: usage, or a --from file "
      "that is unreadable or not a run report.");
  app->add_option("--from", args->from,
                  "Verdicts from a saved `stompcheck run --json` report (its versions unless "
                  "--versions is given)")
      ->type_name("RUN.json");
  app->add_option("--json", args->json,
                  "Write the coverage as JSON to FILE ('-': standard output, the rows then go "
                  "to standard error)")
      ->type_name("FILE");
  app->add_option("--versions", args->versions, "Versions whose rows to list, e.g. 1.2 or 1.1,1.2")
      ->delimiter(',');
  app->add_flag("--require-full", args->require_full,
                "Exit 1 unless every observable REQ and REC row is covered");
  return {app, [args] { return run_coverage_command(*args); }};
}

}  // namespace stompcheck::cli
