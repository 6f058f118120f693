#include "scenarios/session.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include <asio/connect.hpp>
#include <asio/ip/tcp.hpp>

#include <stomp/notation.hpp>

#include "scenarios/timeout.hpp"

namespace stompcheck {
namespace {

using stomp::Command;
using stomp::Version;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kEntryOctets = 4096;  // shown of one chunk in the transcript
constexpr std::size_t kTranscriptOctets =
    std::size_t{256} * 1024;  // per case, then one truncation note

}  // namespace

std::string host_port(const std::string& host, std::uint16_t port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Session::Session(asio::any_io_executor ex, Target target, Profile profile, const Settings& settings,
                 Version version, std::string tag)
    : ex_(std::move(ex)),
      target_(std::move(target)),
      profile_(std::move(profile)),
      settings_(settings),
      version_(version),
      tag_(std::move(tag)) {}

Session::~Session() = default;

std::string Session::queue(std::string_view name) const {
  return profile_.queue_prefix + tag_ + "." + std::string(name);
}

std::string Session::topic(std::string_view name) const {
  return profile_.topic_prefix + tag_ + "." + std::string(name);
}

std::string Session::receipt() { return "r-" + std::to_string(++receipts_); }

asio::awaitable<Link> Session::open() {
  const auto deadline = Clock::now() + settings_.timeout;
  const std::string where = host_port(target_.host, target_.port);
  const std::string within_ms = " within " + std::to_string(settings_.timeout.count()) + " ms";
  Link failed{.conn = nullptr,
              .outcome = {.verdict = Verdict::Error, .expected = "a TCP connection to " + where}};
  // A numeric address needs no resolving (nor a resolver thread racing the timeout).
  std::vector<asio::ip::tcp::endpoint> endpoints;
  std::error_code not_numeric;
  const asio::ip::address address = asio::ip::make_address(target_.host, not_numeric);
  if (!not_numeric) {
    endpoints.emplace_back(address, target_.port);
  } else {
    asio::ip::tcp::resolver resolver(ex_);
    auto resolved = co_await within(
        resolver.async_resolve(target_.host, std::to_string(target_.port), kNoThrow), deadline);
    if (!resolved || std::get<0>(*resolved)) {
      failed.outcome.actual = "cannot resolve " + target_.host +
                              (resolved ? ": " + std::get<0>(*resolved).message() : within_ms);
      co_return failed;
    }
    for (const auto& entry : std::get<1>(*resolved)) endpoints.push_back(entry.endpoint());
  }
  asio::ip::tcp::socket socket(ex_);
  auto connected = co_await within(asio::async_connect(socket, endpoints, kNoThrow), deadline);
  if (!connected || std::get<0>(*connected)) {
    failed.outcome.actual = "cannot connect to " + where +
                            (connected ? ": " + std::get<0>(*connected).message() : within_ms);
    co_return failed;
  }
  std::error_code ignored;
  socket.set_option(asio::ip::tcp::no_delay(true), ignored);
  const int index = static_cast<int>(conns_.size()) + 1;
  conns_.push_back(std::make_unique<Conn>(*this, index, std::move(socket), version_));
  note("#" + std::to_string(index) + " connected to " + where);
  co_return Link{.conn = conns_.back().get(), .outcome = {}};
}

stomp::Frame Session::connect_frame(std::vector<stomp::Header> extra, Command command) const {
  stomp::Frame f{.command = command, .headers = {}, .body = {}};
  if (version_ != Version::V1_0) {
    f.headers.push_back({"accept-version", std::string(stomp::to_string(version_))});
    f.headers.push_back({"host", target_.vhost});
  }
  if (target_.login) f.headers.push_back({"login", *target_.login});
  if (target_.passcode) f.headers.push_back({"passcode", *target_.passcode});
  if (version_ != Version::V1_0) f.headers.push_back({"heart-beat", "0,0"});
  for (stomp::Header& h : extra) {
    auto same = std::find_if(f.headers.begin(), f.headers.end(),
                             [&](const stomp::Header& d) { return d.name == h.name; });
    if (same != f.headers.end()) {
      same->value = std::move(h.value);
    } else {
      f.headers.push_back(std::move(h));
    }
  }
  return f;
}

asio::awaitable<Link> Session::connect(std::vector<stomp::Header> extra, bool negotiating) {
  Link link = co_await open();
  if (!link) co_return link;
  const std::string asked(stomp::to_string(version_));
  Outcome& o = link.outcome;
  o = {.verdict = Verdict::Fail, .expected = "CONNECTED version:" + asked, .actual = {}};
  o.requirement = "CN-06";
  const bool offers_10 = std::any_of(extra.begin(), extra.end(), [](const stomp::Header& h) {
    return h.name == "accept-version" && h.value.find("1.0") != std::string::npos;
  });
  if (!co_await link->send(connect_frame(std::move(extra)))) {
    o.actual = "the connection closed before CONNECT was written";
    link.conn = nullptr;
    co_return link;
  }
  const Event e = co_await link->next_frame(settings_.timeout);
  o.actual = describe(e, settings_.timeout);
  if (e.kind == Event::Kind::Frame && e.frame.command == Command::Connected) {
    auto v = e.frame.header("version");
    if (v == asked || (!v && version_ == Version::V1_0)) {
      o.verdict = Verdict::Pass;
      co_return link;
    }
    if (v) {  // CN-04: the version must be one the client offered
      o.requirement = "CN-04";
      o.actual = "CONNECTED version:" + stomp::show(*v) + " to a CONNECT that offered only " +
                 (version_ == Version::V1_0 ? "1.0 (no accept-version)" : asked);
    } else if (!offers_10) {
      // CN-03: no version means 1.0, which this CONNECT did not offer. Either the broker speaks
      // only 1.0 and owed an ERROR (CN-05), or it left out the version it chose (CN-06).
      const bool only_10 = co_await speaks_only_10();
      o.actual = "CONNECTED without a version header to accept-version:" + asked +
                 (only_10 ? " (a CONNECT offering 1.0," + asked +
                                " gets 1.0 too: the broker "
                                "speaks only 1.0, and owed an ERROR for no common version)"
                          : "");
      o.requirement = only_10 ? "CN-05" : "CN-06";
      o.verdict =
          only_10 && !negotiating ? Verdict::Skipped : grade(o.requirement, version_, Seen::Broken);
    }
  } else if (e.kind == Event::Kind::Frame && e.frame.command == Command::Error) {
    auto versions = e.frame.header("version");
    const bool other = versions && versions->find(asked) == std::string_view::npos;
    o.verdict = other ? Verdict::Skipped : Verdict::Error;
    o.actual = (other ? "the broker speaks only " + std::string(*versions) + ": "
                      : "the broker refused CONNECT (check --login, --passcode, --vhost): ") +
               o.actual;
  }
  link.conn = nullptr;
  co_return link;
}

asio::awaitable<Link> Session::connect_at(Version v, std::vector<stomp::Header> extra) {
  // The version under test is `v` while this CONNECT is written and answered (connect()
  // and the Conn it opens read version_), and again version() afterwards.
  const Version tested = std::exchange(version_, v);
  Link link = co_await connect(std::move(extra));
  version_ = tested;
  co_return link;
}

asio::awaitable<bool> Session::speaks_only_10() {
  Link probe = co_await open();
  if (!probe) co_return false;
  const std::string offer = "1.0," + std::string(stomp::to_string(version_));
  note(probe->name() + " probe: does the broker speak only 1.0? accept-version:" + offer);
  std::vector<stomp::Header> accept;
  accept.push_back({"accept-version", offer});
  const stomp::Frame connect = connect_frame(std::move(accept));
  if (!co_await probe->send(connect)) co_return false;
  const Event e = co_await probe->next_frame(settings_.timeout);
  probe->drop();
  if (e.kind != Event::Kind::Frame || e.frame.command != Command::Connected) co_return false;
  auto v = e.frame.header("version");
  co_return !v || *v == "1.0";
}

void Session::note(const std::string& text) { record(0, Direction::Note, text); }

void Session::record(int conn, Direction dir, std::string_view bytes) {
  if (truncated_) return;
  const std::chrono::microseconds at{now_us()};
  if (transcript_bytes_ >= kTranscriptOctets) {
    truncated_ = true;
    transcript_.push_back(
        {.at_us = at.count(),
         .conn = 0,
         .dir = Direction::Note,
         .data = "transcript truncated at " + std::to_string(kTranscriptOctets) + " octets"});
    return;
  }
  std::string data = dir == Direction::Note ? std::string(bytes)
                                            : stomp::show(bytes.substr(0, kEntryOctets), true);
  if (dir != Direction::Note && bytes.size() > kEntryOctets) {  // redact.cpp reads this form
    data += " ... (" + std::to_string(bytes.size() - kEntryOctets) + " more octets)";
  }
  transcript_bytes_ += data.size();
  transcript_.push_back({.at_us = at.count(), .conn = conn, .dir = dir, .data = std::move(data)});
}

std::int64_t Session::now_us() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start_).count();
}

void Session::add(std::string check, std::string_view requirement, Version v, Seen seen,
                  std::string detail) {
  add({std::move(check), std::string(requirement), grade(requirement, v, seen), std::move(detail)});
}

void Session::harness_limit(const std::string& detail) {
  harness_limited_ = true;
  add({"harness-limit", "FR-19", Verdict::Info,
       detail + ": beyond stompcheck's own limits (raise --max-headers, --max-line, --max-body "
                "or --max-frame); not the broker's fault"});
}

void Session::add(Finding f) {
  if (std::find(findings_.begin(), findings_.end(), f) == findings_.end()) {
    findings_.push_back(std::move(f));
  }
}

asio::awaitable<void> Session::finish() {
  for (auto& c : conns_) co_await c->settle();
  for (auto& c : conns_) c->drop();
}

}  // namespace stompcheck
