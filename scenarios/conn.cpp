#include "scenarios/conn.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <asio/write.hpp>

#include <stomp/encoder.hpp>
#include <stomp/errors.hpp>
#include <stomp/notation.hpp>
#include <stomp/stream.hpp>

#include "lint/checks.hpp"
#include "scenarios/session.hpp"
#include "scenarios/timeout.hpp"

namespace stompcheck {
namespace {

using stomp::Command;
using stomp::Version;
using Clock = std::chrono::steady_clock;

// The lint parser reads the strict grammar of the negotiated version, server commands only;
// the spec ambiguities of GRADING.md §9 (empty and 8-bit 1.0 values) are never graded.
// Until CONNECTED no version is agreed (an ERROR may answer a CONNECT for a version the
// broker does not speak), so whether header values are escaped is not settled: a ':' or an
// undefined escape there is not graded (GRADING.md §9.4).
stomp::Leniency before_connected() {
  stomp::Leniency l = stomp::Leniency::ambiguities();
  l.colon_in_value = true;
  l.undefined_escapes = true;
  return l;
}

constexpr std::size_t kMaxEvents = 10000;  // per connection; a flood is noted, not kept
constexpr std::size_t kUnitPrefix = 16;    // octets kept of a frame in progress

// The close-after-ERROR rule of a version (ER-01; GRADING.md §9.2).
std::string close_rule(Version v) {
  if (v == Version::V1_2) return "MUST close the connection just after it (1.2#ERROR)";
  if (v == Version::V1_1) return "SHOULD close the connection just after it (1.1#ERROR)";
  return "need not close the connection: 1.0 has no such rule (GRADING.md §9.2)";
}

// Octets no parser reads (a command outside the grammar, a bad content-length: GRADING.md
// §10.13): each NUL-ended piece counts as a frame whose receipt is the text of its first
// `receipt:` line, so that a RECEIPT answering it is matched, not taken for one never asked
// for. A command that is not one of the grammar is noted as SEND.
void noted_by_text(std::string_view rest, std::vector<Sent>& out) {
  while (!rest.empty()) {
    const std::size_t nul = rest.find('\0');
    std::string_view piece = rest.substr(0, nul);
    rest = nul == std::string_view::npos ? std::string_view{} : rest.substr(nul + 1);
    while (!piece.empty() && (piece.front() == '\n' || piece.front() == '\r')) {
      piece.remove_prefix(1);
    }
    if (piece.empty()) continue;
    std::string_view command = piece.substr(0, piece.find('\n'));
    if (!command.empty() && command.back() == '\r') command.remove_suffix(1);
    Sent s{.command = stomp::parse_command(command).value_or(Command::Send)};
    const std::string_view head = piece.substr(0, piece.find("\n\n"));
    constexpr std::string_view kReceipt = "\nreceipt:";
    if (const std::size_t at = head.find(kReceipt); at != std::string_view::npos) {
      std::string_view r = head.substr(at + kReceipt.size());
      r = r.substr(0, r.find('\n'));
      if (!r.empty() && r.back() == '\r') r.remove_suffix(1);
      s.receipt = std::string(r);
    }
    out.push_back(std::move(s));
  }
}

// The frames in raw octets, read as leniently as keeps values intact: what send_raw() sent.
std::vector<Sent> frames_in(std::string_view bytes, Version v) {
  const stomp::ParserOptions o{.version = v,
                               .origin = stomp::Origin::Client,
                               .lenient = stomp::Leniency::salvage(),
                               .limits = {}};
  std::vector<Sent> out;
  stomp::Parser parser(o);
  std::string_view in = bytes;
  std::size_t unit = 0;  // where the frame in progress began
  bool failed = false;
  while (!in.empty() && !failed) {
    const stomp::Step step = parser.feed(in);
    in.remove_prefix(step.consumed);
    failed = step.status == stomp::Status::Error;
    if (step.status != stomp::Status::Frame && step.status != stomp::Status::Heartbeat) continue;
    unit = bytes.size() - in.size();
    if (step.status == stomp::Status::Heartbeat) continue;
    const stomp::Frame f = parser.frame().to_frame();
    Sent s{.command = f.command};
    if (auto r = f.header("receipt")) s.receipt = std::string(*r);
    out.push_back(std::move(s));
  }
  if (failed || !parser.idle()) noted_by_text(bytes.substr(unit), out);
  std::size_t strict = 0;  // the frames the strict grammar reads, before it fails
  for (const stomp::Event& e : stomp::parse_all(
           bytes, {.version = v, .origin = stomp::Origin::Client, .lenient = {}, .limits = {}})) {
    if (e.kind == stomp::Status::Frame) ++strict;
  }
  for (std::size_t i = strict; i < out.size(); ++i) out[i].grammatical = false;
  return out;
}

// A size limit of the harness's own parser, not a rule of the grammar (FR-19).
bool is_limit(stomp::ParseError e) {
  using stomp::ParseError;
  return e == ParseError::TooManyHeaders || e == ParseError::LineTooLong ||
         e == ParseError::BodyTooLarge || e == ParseError::FrameTooLarge;
}

// "FR-06" from "FR-06 (1.2#Value_Encoding)".
std::string rule_id(stomp::ParseError e) {
  const std::string_view rule = stomp::rule_of(e);
  return std::string(rule.substr(0, rule.find(' ')));
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
    case Event::Kind::Timeout:
      return (e.detail.empty() ? std::string("nothing") : e.detail) + " within " +
             std::to_string(waited.count()) + " ms";
    case Event::Kind::Broken: return "octets that break the grammar: " + e.detail;
  }
  return "?";
}

Conn::Conn(Session& session, int index, asio::ip::tcp::socket socket, Version assumed)
    : session_(&session),
      index_(index),
      socket_(std::move(socket)),
      parser_({.version = assumed,
               .origin = stomp::Origin::Server,
               .lenient = before_connected(),
               .limits = session.settings().limits}),
      version_(assumed) {}

std::string Conn::name() const {
  std::string n = "#";  // appended: "#" + std::to_string is a false -Werror=restrict (g++ 12 -O3)
  n += std::to_string(index_);
  return n;
}

asio::awaitable<bool> Conn::send(const stomp::Frame& f) {
  stomp::Encoded e =
      stomp::encode(f, {.version = version_, .content_length = !f.body.empty(), .crlf = false});
  if (!e.ok()) {
    throw std::logic_error("scenario bug: " + describe(f) + " cannot be encoded in " +
                           std::string(stomp::to_string(version_)) + ": " +
                           std::string(stomp::to_string(e.error)));
  }
  std::vector<Sent> sent(1);
  sent.front().command = f.command;
  if (auto r = f.header("receipt")) sent.front().receipt = std::string(*r);
  co_return co_await write(std::move(e.bytes), std::move(sent));
}

asio::awaitable<bool> Conn::send_raw(std::string_view bytes) {
  co_return co_await write(std::string(bytes), frames_in(bytes, version_));
}

asio::awaitable<bool> Conn::write(std::string bytes, std::vector<Sent> frames) {
  if (ended_) co_return false;
  for (Sent& s : frames) {
    s.before = log_.size();
    sent_.push_back(std::move(s));
  }
  session_->record(index_, Direction::Sent, bytes);
  const auto deadline = Clock::now() + session_->settings().timeout;
  auto r = co_await within(asio::async_write(socket_, asio::buffer(bytes), kNoThrow), deadline);
  if (!r) {
    session_->note(name() + " write did not finish within the timeout");
    co_return false;
  }
  if (auto [ec, n] = *r; ec) {
    session_->note(name() + " write failed: " + ec.message());
    co_return false;
  }
  co_return true;
}

void Conn::drop() {
  std::error_code ignored;
  socket_.close(ignored);
  if (!ended_) {
    session_->note(name() + " dropped by the client");
    append({.kind = Event::Kind::Closed, .detail = "dropped by the client"});
  }
}

void Conn::consume(std::size_t seq) {
  used_[seq] = true;
  while (first_unused_ < used_.size() && used_[first_unused_]) ++first_unused_;
}

void Conn::append(Event e) {
  const bool last = e.kind == Event::Kind::Closed || e.kind == Event::Kind::Broken;
  if (ended_) return;
  if (!last && log_.size() >= kMaxEvents) {  // a flooding broker must not grow memory
    if (!flooded_) session_->note(name() + " too many events: later ones are not kept");
    flooded_ = true;
    return;
  }
  e.seq = log_.size();
  e.at_us = session_->now_us();
  ended_ = last;
  log_.push_back(std::move(e));
  used_.push_back(false);
}

asio::awaitable<void> Conn::read_once(Clock::time_point deadline) {
  auto r = co_await within(socket_.async_read_some(asio::buffer(buf_), kNoThrow), deadline);
  if (!r) co_return;
  auto [ec, n] = *r;
  if (ec) {
    const bool reset = ec != asio::error::eof;
    on_eof(reset ? ec.message() : "eof", reset);
    co_return;
  }
  const std::string_view chunk(buf_.data(), n);
  session_->record(index_, Direction::Received, chunk);
  received_ += n;
  parse(chunk);
}

asio::awaitable<std::optional<std::size_t>> Conn::reach(std::size_t seq,
                                                        Clock::time_point deadline) {
  while (seq >= log_.size()) {
    if (ended_) co_return log_.size() - 1;
    if (Clock::now() >= deadline) co_return std::nullopt;
    co_await read_once(deadline);
  }
  co_return seq;
}

Event Conn::timed_out() const {
  if (parser_.idle() || ended_) return {};
  const std::uint64_t pending = received_ - parser_.offset();
  return {.detail = std::to_string(pending) + (pending == 1 ? " octet" : " octets") +
                    " of an unfinished frame"};
}

asio::awaitable<Event> Conn::next_frame(Millis wait) {
  const auto deadline = Clock::now() + wait;
  for (std::size_t i = first_unused_;; ++i) {
    const auto got = co_await reach(i, deadline);
    if (!got) co_return timed_out();
    i = *got;
    const Event& e = log_[i];
    if (e.kind == Event::Kind::Closed || e.kind == Event::Kind::Broken) co_return e;
    if (e.kind == Event::Kind::Heartbeat) consume(i);  // skipped: no frame reader judges them
    if (used_[i]) continue;
    consume(i);
    co_return e;
  }
}

void Conn::on_eof(const std::string& why, bool reset) {
  session_->note(name() + " closed by the broker: " + why);
  if (!parser_.idle() && !ended_) {
    // A frame cut by the close. After an ERROR, on a reset, or when the cut frame is itself
    // the ERROR, the spec warns the last frame may be lost (1.2#Connection_Lingering, ER-05):
    // NON-STRICT at most; a clean close inside any other frame breaks the grammar (FR-01).
    parser_.finish();
    const bool lingering = error_seq_ || reset || unit_.rfind("ERROR", 0) == 0;
    session_->add("lint", "FR-01", version_, lingering ? Seen::Lingering : Seen::Broken,
                  "the stream ended inside a frame at offset " + std::to_string(parser_.offset()) +
                      (lingering ? " (a frame lost to the close: 1.2#Connection_Lingering)" : ""));
  }
  append({.kind = Event::Kind::Closed, .detail = why});
}

void Conn::parse(std::string_view in) {
  bool after_frame = false;  // the EOL right after a frame, in the same read (GRADING.md §10.6)
  while (!in.empty() && !ended_) {
    const stomp::Step step = parser_.feed(in);
    if (parser_.idle() || step.status != stomp::Status::NeedMore) {
      unit_.clear();
    } else if (unit_.size() < kUnitPrefix) {
      unit_.append(in.substr(0, std::min(step.consumed, kUnitPrefix - unit_.size())));
    }
    in.remove_prefix(step.consumed);
    if (step.status == stomp::Status::Frame) {
      stomp::Frame f = parser_.frame().to_frame();
      const std::size_t seq = log_.size();
      append({.kind = Event::Kind::Frame, .frame = f});
      on_frame(f, seq);
      after_frame = true;
    } else if (step.status == stomp::Status::Heartbeat) {
      append({.kind = Event::Kind::Heartbeat, .trailing = after_frame});
    } else if (step.status == stomp::Status::Error) {
      const stomp::ParseFailure& f = parser_.failure();
      const std::string what = std::string(stomp::to_string(f.code)) + " at offset " +
                               std::to_string(f.offset) + " of " + name() + ": " + f.reason + " (" +
                               std::string(stomp::rule_of(f.code)) + ")";
      if (is_limit(f.code)) {
        session_->harness_limit(what);
      } else {
        // Every frame the server sends must match the grammar (FR-01); the finding names the
        // rule the octets break.
        session_->add({"lint", rule_id(f.code), grade("FR-01", version_, Seen::Broken), what});
      }
      append({.kind = Event::Kind::Broken, .detail = what});
    }
  }
}

void Conn::on_frame(const stomp::Frame& f, std::size_t seq) {
  if (error_seq_) error_not_closed(describe(f) + " arrived after the ERROR");
  for (const FrameIssue& issue : check_server_frame(f, version_)) {
    session_->add("lint", issue.requirement, version_, Seen::Broken, issue.detail);
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
      if (!error_seq_) error_seq_ = seq;
      auto r = f.header("receipt-id");
      if (!r) break;
      for (Sent& s : sent_) {
        if (s.receipt != *r || s.error_seq) continue;
        s.error_seq = seq;
        if (s.receipt_seq) {
          session_->add("receipt-for-failed-frame", "RC-01", version_, Seen::Broken,
                        "RECEIPT " + std::string(*r) + " and then an ERROR for the same " +
                            std::string(stomp::to_string(s.command)) +
                            ": a RECEIPT means \"successfully processed\"");
        }
        break;
      }
      break;
    }
    case Command::Receipt: on_receipt(f, seq); break;
    default: break;
  }
}

void Conn::on_receipt(const stomp::Frame& f, std::size_t seq) {
  const std::string r(f.header("receipt-id").value_or(""));
  auto asked = std::find_if(sent_.begin(), sent_.end(),
                            [&](const Sent& s) { return s.receipt == r && !s.receipt_seq; });
  if (asked == sent_.end()) {
    const bool again =
        std::any_of(sent_.begin(), sent_.end(), [&](const Sent& s) { return s.receipt == r; });
    if (again) {
      session_->add("receipt-once", "RC-03", version_, Seen::Broken,
                    "a second RECEIPT for " + stomp::show(r));
    } else {
      session_->add("receipt-id", "RC-01", version_, Seen::Broken,
                    "RECEIPT receipt-id:" + stomp::show(r) + " answers no receipt we asked for");
    }
    return;
  }
  for (auto later = asked + 1; later != sent_.end(); ++later) {
    if (later->receipt && later->receipt_seq) {
      session_->add("receipt-order", "RC-03", version_, Seen::Noted,
                    "RECEIPT " + r + " arrived after RECEIPT " + *later->receipt +
                        ", which was asked for later (GRADING.md §10.12)");
      break;
    }
  }
  asked->receipt_seq = seq;
}

void Conn::error_not_closed(std::string_view what) {
  if (error_reported_) return;
  error_reported_ = true;
  session_->add("close-after-error", "ER-01", version_, Seen::Broken,
                "after an ERROR the server " + close_rule(version_) + "; " + std::string(what));
}

void Conn::close_judged() { error_reported_ = true; }

asio::awaitable<void> Conn::settle() {
  if (!error_seq_ || error_reported_) co_return;
  // The close must come within the close window after the ERROR; what is already buffered is
  // read in any case (the scenario may have stopped reading long before).
  const Settings& st = session_->settings();
  const std::int64_t error_at = log_[*error_seq_].at_us;
  const auto since = Millis{(session_->now_us() - error_at) / 1000};
  const auto deadline = Clock::now() + std::max(st.close_window - since, st.quiet);
  while (!ended_ && !error_reported_ && Clock::now() < deadline) co_await read_once(deadline);
  if (error_reported_) co_return;
  if (!ended_ || log_.back().kind != Event::Kind::Closed) {
    if (!ended_) {
      error_not_closed("the connection was still open " +
                       std::to_string((session_->now_us() - error_at) / 1000) +
                       " ms after the ERROR (--close-window " +
                       std::to_string(st.close_window.count()) + " ms)");
    }
    co_return;
  }
  session_->note(name() + " closed " + std::to_string((log_.back().at_us - error_at) / 1000) +
                 " ms after the ERROR");
}

}  // namespace stompcheck
