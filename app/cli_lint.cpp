// `stompcheck lint`: reads a capture (file or stdin), lints it, prints the report.
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <utility>

#include <stomp/options.hpp>

#include "app/cli.hpp"
#include "lint/lint.hpp"

namespace stompcheck::cli {
namespace {

struct LintArgs {
  std::string file = "-";
  std::string version = "1.2";
  std::string from = "any";
  std::vector<std::string> lenient;
  stomp::Limits limits{};
  bool resync = true;
  bool quiet = false;
  bool verbose = false;
};

// The whole of `file` ("-": standard input), or nullopt with `error` set.
std::optional<std::string> read_all(const std::string& file, std::string& error) {
  const bool stdin_ = file == "-";
  std::FILE* in = stdin_ ? stdin : std::fopen(file.c_str(), "rb");
  if (in == nullptr) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::string bytes;
  std::array<char, std::size_t{64} * 1024> chunk{};
  std::size_t n = 0;
  while ((n = std::fread(chunk.data(), 1, chunk.size(), in)) > 0) bytes.append(chunk.data(), n);
  const bool failed = std::ferror(in) != 0;
  const int saved = errno;
  if (!stdin_) std::fclose(in);
  if (failed) {
    error = std::strerror(saved);
    return std::nullopt;
  }
  return bytes;
}

stomp::Origin origin_of(const std::string& from) {
  if (from == "client") return stomp::Origin::Client;
  if (from == "server") return stomp::Origin::Server;
  return stomp::Origin::Any;
}

int run_lint(const LintArgs& args) {
  stomp::ParserOptions options{
      .version = stomp::parse_version(args.version).value_or(stomp::Version::V1_2),
      .origin = origin_of(args.from),
      .limits = args.limits,
  };
  for (const std::string& name : args.lenient) stomp::set_lenient(options.lenient, name);

  std::string error;
  const std::optional<std::string> bytes = read_all(args.file, error);
  if (!bytes) {
    const std::string shown = args.file == "-" ? "standard input" : "'" + args.file + "'";
    std::cerr << "stompcheck lint: cannot read " << shown << ": " << error << '\n';
    return kExitUsage;
  }
  const LintReport report = lint(*bytes, options, args.resync);
  print(std::cout, report, {.quiet = args.quiet, .verbose = args.verbose});
  return report.clean() ? kExitOk : kExitFindings;
}

}  // namespace

Subcommand add_lint(CLI::App& parent) {
  auto args = std::make_shared<LintArgs>();
  CLI::App* app = parent.add_subcommand(
      "lint",
      "Check a captured STOMP byte stream against the strict grammar of a version: print "
      "every frame and every violation with its offset and rule. Exit 0 when clean, 1 on "
      "violations, 64 on usage errors.");
  app->add_option("file", args->file, "Capture to read; '-' or absent: standard input")
      ->option_text("FILE|-");
  app->add_option("--version", args->version, "Grammar to apply")
      ->check(CLI::IsMember({"1.0", "1.1", "1.2"}))
      ->capture_default_str();
  app->add_option("--from", args->from, "Whose frames these are: only their commands pass")
      ->check(CLI::IsMember({"client", "server", "any"}))
      ->capture_default_str();
  app->add_option("--lenient", args->lenient,
                  "Relax one rule (repeatable, or comma separated): a stomp::Leniency switch")
      ->check(CLI::IsMember(stomp::lenient_names()))
      ->delimiter(',');
  add_limit_options(*app, args->limits);
  app->add_flag("--resync,!--no-resync", args->resync,
                "After a violation, go on past the broken frame (default), or stop at the first");
  app->add_flag("-q,--quiet", args->quiet, "Print only violations and the summary");
  app->add_flag("-v,--verbose", args->verbose, "Also list every heart-beat");
  return {app, [args] { return run_lint(*args); }};
}

}  // namespace stompcheck::cli
