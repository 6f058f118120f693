#pragma once
// The stompcheck command line: one function per subcommand, each in its own cli_*.cpp.
// Nothing registers itself; main.cpp lists the subcommands.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <stomp/options.hpp>

namespace stompcheck::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;        // clean
inline constexpr int kExitFindings = 1;  // violations / failed cases
inline constexpr int kExitHarness = 2;   // run: no verdict on the broker (harness errors only)
inline constexpr int kExitUsage = 64;    // bad flag or unreadable input (EX_USAGE)
inline constexpr int kExitBug = 70;      // an exception escaped: a stompcheck bug (EX_SOFTWARE)
inline constexpr int kExitInterrupted = 130;  // run: stopped by SIGINT / SIGTERM (128 + SIGINT)

// A registered subcommand and the action to run when the command line selected it.
struct Subcommand {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};
// "HOST:PORT" or "[V6]:PORT"; nullopt when malformed (app/cli_options.cpp).
std::optional<HostPort> parse_host_port(const std::string& text);

// --max-headers, --max-line, --max-body, --max-frame into `limits` (app/cli_options.cpp).
void add_limit_options(CLI::App& app, stomp::Limits& limits);

// `stompcheck lint [FILE|-] ...`: lint a captured byte stream (app/cli_lint.cpp).
Subcommand add_lint(CLI::App& parent);
// `stompcheck run [--broker HOST:PORT] ...`: the conformance suite (app/cli_run.cpp).
Subcommand add_run(CLI::App& parent);
// `stompcheck coverage [--from RUN.json] ...`: requirement coverage (app/cli_coverage.cpp).
Subcommand add_coverage(CLI::App& parent);
// `stompcheck broker --listen HOST:PORT ...`: the reference broker (app/cli_broker.cpp).
Subcommand add_broker(CLI::App& parent);

}  // namespace stompcheck::cli
