#include "scenarios/session.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include <asio/connect.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/write.hpp>

#include <stomp/encoder.hpp>
#include <stomp/errors.hpp>
#include <stomp/notation.hpp>
#include <stomp/stream.hpp>

#include "scenarios/timeout.hpp"

namespace stompcheck {
namespace {

using stomp::Command;
using stomp::Version;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kEntryOctets = 4096;             // shown of one chunk in the transcript
constexpr std::size_t kTranscriptOctets = 256 * 1024;  // per case, then one truncation note

// The lint parser reads the strict grammar of the negotiated version, server commands only;
// the spec ambiguities of requirements §9 (empty and 8-bit 1.0 values) are never graded.
// Until CONNECTED no version is agreed (an ERROR may answer a CONNECT for a version the
// broker does not speak), so whether header values are escaped is not settled: a ':' or an
// undefined escape there is not graded (requirements §9.4).
stomp::Leniency before_connected() {
  stomp::Leniency l = stomp::Leniency::ambiguities();
  l.colon_in_value = true;
  l.undefined_escapes = true;
  return l;
}

// ER-01 is a MUST in 1.2, a SHOULD in 1.1 (outside SEND, SUBSCRIBE and size limits, which
// scenarios grade themselves) and absent from 1.0 (requirements §9.2).
Verdict close_after_error_grade(Version v) {
  if (v == Version::V1_2) return Verdict::Fail;
  return v == Version::V1_1 ? Verdict::NonStrict : Verdict::Info;
}

// The receipt headers of frames in raw octets, read as leniently as keeps values intact.
std::vector<std::string> receipts_in(std::string_view bytes, Version v) {
  const stomp::ParserOptions o{.version = v,
                               .origin = stomp::Origin::Client,
                               .lenient = stomp::Leniency::salvage(),
                               .limits = {}};
  std::vector<std::string> out;
  for (const stomp::Event& e : stomp::parse_all(bytes, o)) {
    if (e.kind != stomp::Status::Frame) continue;
    if (auto r = e.frame.header("receipt")) out.emplace_back(*r);
  }
  return out;
}

// Header checks the output lint applies to server frames (requirements §6).
std::optional<std::string> missing_header(const stomp::Frame& f, Version v) {
  auto need = [&](std::string_view name) -> std::optional<std::string> {
    if (f.header(name)) return std::nullopt;
    return std::string(stomp::to_string(f.command)) + " without the required '" +
           std::string(name) + "' header";
  };
  if (f.command == Command::Receipt) return need("receipt-id");  // RC-01
  if (f.command != Command::Message) return std::nullopt;
  if (auto m = need("destination")) return m;           // MS-01
  if (auto m = need("message-id")) return m;            // MS-03
  if (v != Version::V1_0) return need("subscription");  // MS-04
  return std::nullopt;
}

}  // namespace

std::string describe(const stomp::Frame& f) {
  std::string out(stomp::to_string(f.command));
  for (const stomp::Header& h : f.headers) {
    out += ' ' + stomp::show(h.name) + ':' + stomp::show(h.value);
  }
  if (!f.body.empty()) out += " body(" + std::to_string(f.body.size()) + " octets)";
  return out;
}

std::string describe(const Event& e, Millis waited) {
  switch (e.kind) {
    case Event::Kind::Frame: return describe(e.frame);
    case Event::Kind::Heartbeat: return "a heart-beat EOL";
    case Event::Kind::Closed: return "the connection closed (" + e.detail + ")";
    case Event::Kind::Timeout: return "nothing within " + std::to_string(waited.count()) + " ms";
    case Event::Kind::Broken: return "octets that break the grammar: " + e.detail;
  }
  return "?";
}

// ---------------------------------------------------------------------------------------
// Conn

Conn::Conn(Session& session, int index, asio::ip::tcp::socket socket, Version assumed)
    : session_(&session),
      index_(index),
      socket_(std::move(socket)),
      parser_({.version = assumed,
               .origin = stomp::Origin::Server,
               .lenient = before_connected(),
               .limits = {}}),
      version_(assumed) {}

asio::awaitable<bool> Conn::send(const stomp::Frame& f) {
  stomp::Encoded e =
      stomp::encode(f, {.version = version_, .content_length = !f.body.empty(), .crlf = false});
  if (!e.ok()) {
    throw std::logic_error("scenario bug: " + describe(f) + " cannot be encoded in " +
                           std::string(stomp::to_string(version_)) + ": " +
                           std::string(stomp::to_string(e.error)));
  }
  if (auto r = f.header("receipt")) requested_.emplace_back(*r);
  co_return co_await write(std::move(e.bytes));
}

asio::awaitable<bool> Conn::send_raw(std::string_view bytes) {
  for (std::string& r : receipts_in(bytes, version_)) requested_.push_back(std::move(r));
  co_return co_await write(std::string(bytes));
}

asio::awaitable<bool> Conn::write(std::string bytes) {
  if (closed_) co_return false;
  session_->record(index_, Direction::Sent, bytes);
  const auto deadline = Clock::now() + session_->settings().timeout;
  auto r = co_await within(asio::async_write(socket_, asio::buffer(bytes), kNoThrow), deadline);
  if (!r) {
    session_->note("#" + std::to_string(index_) + " write did not finish within the timeout");
    co_return false;
  }
  if (auto [ec, n] = *r; ec) {
    session_->note("#" + std::to_string(index_) + " write failed: " + ec.message());
    co_return false;
  }
  co_return true;
}

void Conn::keep(stomp::Frame f) {
  constexpr std::size_t kMaxKept = 1000;  // a flooding broker must not grow memory
  if (kept_.size() >= kMaxKept) {
    if (!flooded_)
      session_->note("#" + std::to_string(index_) +
                     " too many unread frames: " + "later ones are dropped");
    flooded_ = true;
    return;
  }
  kept_.push_back(std::move(f));
}

void Conn::drop() {
  std::error_code ignored;
  socket_.close(ignored);
  if (!closed_) session_->note("#" + std::to_string(index_) + " dropped by the client");
  closed_ = true;
  close_reason_ = "dropped by the client";
}

asio::awaitable<Event> Conn::next(Millis wait) {
  if (!kept_.empty()) {
    Event e{.kind = Event::Kind::Frame, .frame = std::move(kept_.front()), .detail = {}};
    kept_.pop_front();
    co_return e;
  }
  const auto deadline = Clock::now() + wait;
  while (pending_.empty()) {
    if (broken_) co_return Event{.kind = Event::Kind::Broken, .frame = {}, .detail = close_reason_};
    if (closed_) co_return Event{.kind = Event::Kind::Closed, .frame = {}, .detail = close_reason_};
    auto r = co_await within(socket_.async_read_some(asio::buffer(buf_), kNoThrow), deadline);
    if (!r) co_return Event{};
    auto [ec, n] = *r;
    if (ec) {
      closed_ = true;
      close_reason_ = ec == asio::error::eof ? "eof" : ec.message();
      session_->note("#" + std::to_string(index_) + " closed by the broker: " + close_reason_);
      if (!parser_.idle() && !broken_) {
        parser_.finish();
        session_->add(
            {"lint", "FR-01", Verdict::Fail,
             "the stream ended inside a frame at offset " + std::to_string(parser_.offset())});
      }
      continue;
    }
    const std::string_view chunk(buf_.data(), n);
    session_->record(index_, Direction::Received, chunk);
    parse(chunk);
  }
  Event e = std::move(pending_.front());
  pending_.pop_front();
  co_return e;
}

asio::awaitable<Event> Conn::next_frame(Millis wait) {
  const auto deadline = Clock::now() + wait;
  Event e;
  do {
    if (Clock::now() >= deadline && kept_.empty()) co_return Event{};
    e = co_await next(remaining(deadline));
  } while (e.kind == Event::Kind::Heartbeat);
  co_return e;
}

void Conn::parse(std::string_view in) {
  while (!in.empty() && !broken_) {
    const stomp::Step step = parser_.feed(in);
    in.remove_prefix(step.consumed);
    if (step.status == stomp::Status::Frame) {
      stomp::Frame f = parser_.frame().to_frame();
      on_frame(f);
      pending_.push_back({.kind = Event::Kind::Frame, .frame = std::move(f), .detail = {}});
    } else if (step.status == stomp::Status::Heartbeat) {
      pending_.push_back({.kind = Event::Kind::Heartbeat, .frame = {}, .detail = {}});
    } else if (step.status == stomp::Status::Error) {
      const stomp::ParseFailure& f = parser_.failure();
      broken_ = true;
      close_reason_ = std::string(stomp::to_string(f.code)) + " at offset " +
                      std::to_string(f.offset) + " of #" + std::to_string(index_) + ": " +
                      f.reason + " (" + std::string(stomp::rule_of(f.code)) + ")";
      session_->add({"lint", "FR-01", Verdict::Fail, close_reason_});
      pending_.push_back({.kind = Event::Kind::Broken, .frame = {}, .detail = close_reason_});
    }
  }
}

void Conn::on_frame(const stomp::Frame& f) {
  if (error_seen_) error_not_closed(describe(f) + " arrived after the ERROR");
  if (auto m = missing_header(f, version_)) session_->add({"lint", "FR-01", Verdict::Fail, *m});
  // FR-13 (requirements §10.1): a body without content-length is NON-STRICT from 1.1 on.
  if (!f.body.empty() && version_ != Version::V1_0 && !f.header("content-length")) {
    session_->add({"content-length", "FR-13", Verdict::NonStrict,
                   describe(f) + " has a body but no content-length"});
  }
  switch (f.command) {
    case Command::Connected: {
      auto v = f.header("version");
      version_ = v ? stomp::parse_version(*v).value_or(Version::V1_0) : Version::V1_0;
      parser_.set_version(version_);
      parser_.set_lenient(stomp::Leniency::ambiguities());
      connected_ = f;
      break;
    }
    case Command::Error: {
      error_seen_ = true;
      auto r = f.header("receipt-id");
      if (r && received_.count(std::string(*r)) != 0) {
        session_->add({"receipt-for-failed-frame", "RC-01", Verdict::Fail,
                       "RECEIPT " + std::string(*r) +
                           " and then an ERROR for the same frame: a RECEIPT means "
                           "\"successfully processed\""});
      }
      break;
    }
    case Command::Receipt: {
      const std::string r(f.header("receipt-id").value_or(""));
      auto asked = std::find(requested_.begin(), requested_.end(), r);
      if (asked == requested_.end()) {
        session_->add(
            {"receipt-id", "RC-01", Verdict::Fail,
             "RECEIPT receipt-id:" + stomp::show(r) + " answers no receipt we asked for"});
      } else if (received_.count(r) != 0) {
        session_->add({"receipt-once", "RC-03", Verdict::NonStrict,
                       "a second RECEIPT for " + stomp::show(r)});
      } else {
        for (auto later = asked + 1; later != requested_.end(); ++later) {
          if (received_.count(*later) != 0) {
            session_->add({"receipt-order", "RC-03", Verdict::Info,
                           "RECEIPT " + r + " arrived after RECEIPT " + *later +
                               ", which was asked for later (requirements §10.12)"});
            break;
          }
        }
        received_.insert(r);
      }
      break;
    }
    default: break;
  }
}

void Conn::error_not_closed(std::string_view what) {
  if (error_reported_) return;
  error_reported_ = true;
  const char* rule = version_ == Version::V1_2
                         ? "after an ERROR the server MUST close the connection (1.2#ERROR)"
                     : version_ == Version::V1_1
                         ? "after an ERROR the server SHOULD close the connection (1.1#ERROR)"
                         : "1.0 has no rule to close after an ERROR (requirements §9.2)";
  session_->add({"close-after-error", "ER-01", close_after_error_grade(version_),
                 std::string(rule) + "; " + std::string(what)});
}

void Conn::close_judged() { error_reported_ = true; }

asio::awaitable<void> Conn::settle() {
  if (!error_seen_ || error_reported_) co_return;
  const auto deadline = Clock::now() + session_->settings().timeout;
  while (!closed_ && !broken_ && !error_reported_) {
    const Event e = co_await next_frame(remaining(deadline));
    if (e.kind == Event::Kind::Timeout) {
      error_not_closed("the connection was still open " +
                       std::to_string(session_->settings().timeout.count()) +
                       " ms after the ERROR");
    }
  }
}

// ---------------------------------------------------------------------------------------
// Session

Session::Session(asio::any_io_executor ex, const Target& target, const Profile& profile,
                 const Settings& settings, Version version, std::string tag)
    : ex_(std::move(ex)),
      target_(target),
      profile_(profile),
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
  const std::string where = target_.host + ":" + std::to_string(target_.port);
  asio::ip::tcp::resolver resolver(ex_);
  auto resolved = co_await within(
      resolver.async_resolve(target_.host, std::to_string(target_.port), kNoThrow), deadline);
  Link failed{.conn = nullptr,
              .outcome = {.verdict = Verdict::Error, .expected = "a TCP connection to " + where}};
  if (!resolved || std::get<0>(*resolved)) {
    failed.outcome.actual = "cannot resolve " + target_.host +
                            (resolved ? ": " + std::get<0>(*resolved).message() : ": timeout");
    co_return failed;
  }
  asio::ip::tcp::socket socket(ex_);
  auto connected =
      co_await within(asio::async_connect(socket, std::get<1>(*resolved), kNoThrow), deadline);
  if (!connected || std::get<0>(*connected)) {
    failed.outcome.actual = "cannot connect to " + where + ": " +
                            (connected ? std::get<0>(*connected).message() : "timeout");
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

asio::awaitable<Link> Session::connect(std::vector<stomp::Header> extra) {
  Link link = co_await open();
  if (!link) co_return link;
  const std::string asked(stomp::to_string(version_));
  Outcome& o = link.outcome;
  o = {.verdict = Verdict::Fail, .expected = "CONNECTED version:" + asked, .actual = {}};
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
    if (!v) {  // CN-03: no version means 1.0, so the broker does not speak the one asked for
      o.verdict = Verdict::Skipped;
      o.actual = "CONNECTED without a version header: the broker speaks 1.0, not " + asked;
    } else {  // CN-04: the version must be one the client offered
      o.actual = "CONNECTED version:" + stomp::show(*v) + " to a CONNECT that offered only " +
                 (version_ == Version::V1_0 ? "1.0 (no accept-version)" : asked);
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

void Session::note(std::string text) { record(0, Direction::Note, text); }

void Session::record(int conn, Direction dir, std::string_view bytes) {
  if (truncated_) return;
  const auto at = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start_);
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
  if (dir != Direction::Note && bytes.size() > kEntryOctets) {
    data += " ... (" + std::to_string(bytes.size() - kEntryOctets) + " more octets)";
  }
  transcript_bytes_ += data.size();
  transcript_.push_back({.at_us = at.count(), .conn = conn, .dir = dir, .data = std::move(data)});
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
