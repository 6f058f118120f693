// `stompcheck lint`: streams a capture (file or stdin) through the Linter in 64 KiB chunks,
// printing each item as it is found, then the summary.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

constexpr std::size_t kChunk = std::size_t{64} * 1024;

// Feeds what `fd` yields to `linter` as it arrives, chunk by chunk, printing each item as it is
// found. Returns the read error, if one ended the stream early.
std::optional<int> lint_fd(int fd, Linter& linter, LintPrinter& printer) {
  std::vector<char> chunk(kChunk);
  for (;;) {
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n == 0) return std::nullopt;
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    linter.feed({chunk.data(), static_cast<std::size_t>(n)}, printer);
    std::cout.flush();
  }
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

  const bool stdin_ = args.file == "-";
  const std::string shown = stdin_ ? "standard input" : "'" + args.file + "'";
  const int fd = stdin_ ? STDIN_FILENO : ::open(args.file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::cerr << "stompcheck lint: cannot read " << shown << ": " << std::strerror(errno) << '\n';
    return kExitUsage;
  }
  Linter linter(options, {.resync = args.resync});
  LintPrinter printer(std::cout, {.quiet = args.quiet, .verbose = args.verbose});
  const std::optional<int> error = lint_fd(fd, linter, printer);
  if (!stdin_) ::close(fd);
  if (error) {
    // What was read is linted and summed up all the same; the status says it was not all.
    std::cout.flush();
    std::cerr << "stompcheck lint: cannot read " << shown;
    if (const std::uint64_t got = linter.counts().size; got > 0) {
      std::cerr << " after " << got << (got == 1 ? " octet" : " octets");
    }
    std::cerr << ": " << std::strerror(*error) << '\n';
  }
  linter.finish(printer);
  printer.end(linter.counts());
  std::cout.flush();
  if (error) return kExitUsage;
  return linter.counts().clean() ? kExitOk : kExitFindings;
}

}  // namespace

Subcommand add_lint(CLI::App& parent) {
  auto args = std::make_shared<LintArgs>();
  CLI::App* app = parent.add_subcommand(
      "lint",
      "Check a captured STOMP byte stream against the strict grammar of a version and, with "
      "--from server, the headers each server frame needs: print every frame, violation and "
      "warning with its offset and rule as it is read. Exit 0 when clean or with warnings only, "
      "1 on violations, 64 on usage errors or unreadable input.");
  app->add_option("file", args->file, "Capture to read; '-' or absent: standard input")
      ->option_text("FILE|-");
  app->add_option("--version", args->version, "Grammar to apply")
      ->check(CLI::IsMember({"1.0", "1.1", "1.2"}))
      ->capture_default_str();
  app->add_option("--from", args->from,
                  "Whose frames these are: only their commands pass; 'server' also checks the "
                  "headers of MESSAGE, RECEIPT and ERROR")
      ->check(CLI::IsMember({"client", "server", "any"}))
      ->capture_default_str();
  app->add_option("--lenient", args->lenient,
                  "Relax one rule (repeatable, or comma separated): a stomp::Leniency switch")
      ->check(CLI::IsMember(stomp::lenient_names()))
      ->delimiter(',');
  add_limit_options(*app, args->limits);
  app->add_flag("--resync,!--no-resync", args->resync,
                "After a violation, go on past the broken frame (default), or stop at the first");
  app->add_flag("-q,--quiet", args->quiet, "Print only violations, warnings and the summary");
  app->add_flag("-v,--verbose", args->verbose, "Also list every heart-beat");
  return {app, [args] { return run_lint(*args); }};
}

}  // namespace stompcheck::cli
