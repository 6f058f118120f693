// stompcheck: STOMP conformance suite. One subcommand per task; each lives in cli_*.cpp.
#include <csignal>
#include <exception>
#include <iostream>
#include <vector>

#include "app/cli.hpp"
#include "model/version.hpp"

namespace {

int run(int argc, char** argv) {
  using namespace stompcheck::cli;
  CLI::App app{"stompcheck: STOMP 1.0/1.1/1.2 conformance suite", "stompcheck"};
  app.set_version_flag("--version", stompcheck::kToolVersion, "Print the version and exit");
  app.footer(
      "Exit status 70 in any subcommand: internal error (a stompcheck bug; please report it).");
  app.require_subcommand(1);
  const std::vector<Subcommand> subcommands{add_run(app), add_lint(app), add_broker(app),
                                            add_coverage(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help is a "parse error" with exit code 0; anything else is a usage error.
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  for (const Subcommand& sub : subcommands) {
    if (sub.app->parsed()) return sub.run();
  }
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  // A reader that closed the pipe (`stompcheck run | head`) must not kill the process before
  // it wrote its reports: a write to the closed pipe fails (EPIPE) and the stream goes bad.
  std::signal(SIGPIPE, SIG_IGN);
  // An exception here is a stompcheck bug, never a verdict on the input.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "stompcheck: internal error (a bug): " << e.what() << '\n';
  } catch (...) {
    std::cerr << "stompcheck: internal error (a bug): unknown exception\n";
  }
  return stompcheck::cli::kExitBug;
}
