// `stompcheck broker`: runs the reference broker until SIGINT or SIGTERM.
#include <chrono>
#include <csignal>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>

#include "app/cli.hpp"
#include "broker/broker.hpp"

namespace stompcheck::cli {
namespace {

struct BrokerArgs {
  std::string listen = "127.0.0.1:61643";
  std::optional<std::string> login, passcode;
  std::uint32_t heartbeat_send_ms = 1000;
  std::uint32_t heartbeat_receive_ms = 1000;
  stomp::Limits limits{};
  broker::Config bounds{};  // only the resource bounds are read from it
  std::uint64_t connect_timeout_ms = 10000, frame_timeout_ms = 30000, idle_timeout_ms = 300000;
  std::vector<std::string> faults;
  bool list_faults = false;
};

void print_faults() {
  for (const broker::DefectInfo& d : broker::defects()) {
    std::cout << d.name << "  " << broker::to_string(d.area) << "  "
              << (d.benign ? "benign" : "defect") << "  " << d.models << '\n';
  }
}

int run_broker(const BrokerArgs& args) {
  if (args.list_faults) {
    print_faults();
    return kExitOk;
  }
  broker::Defects defects;
  if (std::vector<std::string> bad = parse_defects(args.faults, defects); !bad.empty()) {
    std::cerr << "stompcheck broker: unknown --fault '" << bad.front()
              << "' (--list-faults lists them)\n";
    return kExitUsage;
  }
  std::optional<HostPort> where = parse_host_port(args.listen);
  if (!where) {
    std::cerr << "stompcheck broker: --listen wants HOST:PORT, got '" << args.listen << "'\n";
    return kExitUsage;
  }
  broker::ListenAddress address = broker::resolve_listen(where->host);
  if (!address.address) {
    std::cerr << "stompcheck broker: cannot listen on " << args.listen << ": " << address.problem
              << '\n';
    return kExitUsage;
  }
  asio::io_context io;
  broker::Config config{.host = where->host,
                        .port = where->port,
                        .login = args.login,
                        .passcode = args.passcode,
                        .limits = args.limits,
                        .heartbeat_send_ms = args.heartbeat_send_ms,
                        .heartbeat_receive_ms = args.heartbeat_receive_ms};
  config.max_outbound = args.bounds.max_outbound;
  config.max_buffered = args.bounds.max_buffered;
  config.connect_timeout = std::chrono::milliseconds(args.connect_timeout_ms);
  config.frame_timeout = std::chrono::milliseconds(args.frame_timeout_ms);
  config.idle_timeout = std::chrono::milliseconds(args.idle_timeout_ms);
  config.defects = defects;
  broker::Broker broker(io, config);
  if (broker.error()) {
    std::cerr << "stompcheck broker: cannot listen on " << args.listen << ": "
              << broker.error_text() << '\n';
    return kExitUsage;
  }
  const std::string host = address.address->to_string();
  const bool v6 = address.address->is_v6();
  std::cout << "listening on " << (v6 ? "[" + host + "]" : host) << ':' << broker.port()
            << std::endl;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const std::error_code&, int) {
    broker.stop();
    io.stop();
  });
  io.run();
  return kExitOk;
}

}  // namespace

std::vector<std::string> parse_defects(const std::vector<std::string>& names,
                                       broker::Defects& out) {
  std::vector<std::string> bad;
  for (const std::string& n : names) {
    if (auto d = broker::defect_named(n)) {
      out.set(*d);
    } else {
      bad.push_back(n);
    }
  }
  return bad;
}

Subcommand add_broker(CLI::App& parent) {
  auto args = std::make_shared<BrokerArgs>();
  CLI::App* app = parent.add_subcommand(
      "broker",
      "Run the reference STOMP 1.0/1.1/1.2 broker (/queue/NAME: competing consumers, "
      "/topic/NAME: fan-out) until SIGINT or SIGTERM.");
  app->add_option("--listen", args->listen,
                  "Address to bind, HOST:PORT (port 0: any free port; loopback by default)")
      ->capture_default_str();
  app->add_option("--login", args->login, "Required CONNECT login");
  app->add_option("--passcode", args->passcode, "Required CONNECT passcode");
  app->add_option("--heartbeat-send", args->heartbeat_send_ms,
                  "Offered server heart-beat interval in ms (0: none)")
      ->capture_default_str();
  app->add_option("--heartbeat-receive", args->heartbeat_receive_ms,
                  "Wanted client heart-beat interval in ms (0: none)")
      ->capture_default_str();
  add_limit_options(*app, args->limits);
  app->add_option("--max-outbound", args->bounds.max_outbound,
                  "Bytes waiting to be written to one connection: past it a topic message "
                  "closes it as a slow consumer, a queue message waits in its queue (0: no limit)")
      ->capture_default_str();
  app->add_option("--max-buffered", args->bounds.max_buffered,
                  "Bytes the broker holds in all (partial frames, queued messages, outbound "
                  "buffers) before the connection that passes it is closed (0: no limit)")
      ->capture_default_str();
  app->add_option("--connect-timeout", args->connect_timeout_ms,
                  "ms a new connection has to send CONNECT (0: none)")
      ->capture_default_str();
  app->add_option("--frame-timeout", args->frame_timeout_ms,
                  "ms a begun frame has to be complete (0: none)")
      ->capture_default_str();
  app->add_option("--idle-timeout", args->idle_timeout_ms,
                  "ms a connected client may send nothing, never less than twice its "
                  "heart-beat (0: none)")
      ->capture_default_str();
  app->add_option("--fault", args->faults,
                  "Inject the named defect or benign variant (repeatable; see --list-faults): "
                  "for testing a conformance suite, never for real use");
  app->add_flag("--list-faults", args->list_faults,
                "List the injectable defects and benign variants (name, area, kind, what it "
                "models) and exit");
  return {app, [args] { return run_broker(*args); }};
}

}  // namespace stompcheck::cli
