// Session's injected defects (broker/faults.hpp): the head rewriting before the parser,
// a parse error at a size limit, SENDs processed late, late receipts, and the output bytes.
#include <string>
#include <utility>

#include <asio/co_spawn.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>

#include <stomp/errors.hpp>

#include "broker/session.hpp"

namespace stompcheck::broker {
namespace {

using stomp::Command;
using stomp::Version;
constexpr auto kNoThrow = asio::experimental::as_tuple(asio::use_awaitable);

bool limit_error(stomp::ParseError e) {
  using enum stomp::ParseError;
  return e == TooManyHeaders || e == LineTooLong || e == BodyTooLarge || e == FrameTooLarge;
}

// The first blank line of an encoded frame: where a heart-beat written mid-frame lands.
void insert_at_body(std::string& bytes, std::string_view what) {
  std::size_t blank = bytes.find("\n\n");
  if (blank != std::string::npos) bytes.insert(blank + 2, what);
}

}  // namespace
void Session::on_parse_error(const stomp::ParseFailure& f) {
  const Fault fault{std::string(stomp::to_string(f.code)), f.reason + " at stream offset " +
                                                               std::to_string(f.offset) + ": " +
                                                               std::string(stomp::rule_of(f.code))};
  if (limit_error(f.code)) {
    if (has(Defect::LimitSilentClose)) {
      finish();
      return;
    }
    if (has(Defect::LimitHang)) {
      deaf_ = true;
      return;
    }
    if (has(Defect::LimitNoClose)) {
      send_error(fault, std::nullopt, {});
      deaf_ = true;
      return;
    }
  }
  fail(fault, std::nullopt);
}

void Session::feed_rewritten(std::string_view in) {
  pending_.append(in);
  std::size_t at = 0;
  while (at < pending_.size() && !closing_ && !deaf_) {
    const std::string_view rest = std::string_view(pending_).substr(at);
    if (!parser_.idle() || rest.front() == '\n') {  // inside a frame, or a heart-beat: as is
      at += step(parser_.idle() ? rest.substr(0, 1) : rest);
      continue;
    }
    if (rest.front() == '\r' && rest.size() < 2) break;
    if (rest.front() == '\r' && rest[1] == '\n') {
      if (has(Defect::CrlfBetweenFramesRejected) && connected_ && version_ == Version::V1_2) {
        fail({"malformed frame", "CR before LF between frames"}, std::nullopt);
        break;
      }
      at += step(rest.substr(0, 2));
      continue;
    }
    const std::size_t end = head_length(rest);
    if (end == std::string_view::npos) {
      if (rest.size() > config_.limits.max_line) at += step(rest);  // let the limits judge it
      break;
    }
    Head head = rewrite_head(rest.substr(0, end), config_.defects, version_, connected_);
    at += end;
    if (!head.reject.empty()) {
      fail({"malformed frame", head.reject}, std::nullopt);
      break;
    }
    std::string_view h = head.bytes;
    while (!h.empty() && !closing_ && !deaf_) h.remove_prefix(step(h));
  }
  pending_.erase(0, at);
}

void Session::run_deferred() {
  std::vector<Deferred> ds = std::move(deferred_);
  deferred_.clear();
  for (Deferred& d : ds) {
    if (closing_ || broker_ == nullptr) return;  // a DISCONNECT came first: dropped
    if (std::optional<Fault> f = apply(broker_->state().send(id_, std::move(d.message), d.tx))) {
      fail(*f, std::nullopt);
      return;
    }
  }
}

void Session::flush_receipts() {
  std::vector<std::string> ids = std::move(late_);
  late_.clear();
  for (std::string& r : ids) {
    write({.command = Command::Receipt, .headers = {{"receipt-id", std::move(r)}}, .body = {}});
  }
}

asio::awaitable<void> Session::late_receipts(Ptr /*self*/) {
  asio::steady_timer t(socket_.get_executor(), std::chrono::milliseconds(50));
  co_await t.async_wait(kNoThrow);
  late_armed_ = false;
  if (!closing_) flush_receipts();
}

stomp::Encoded Session::encode_out(const stomp::Frame& f, stomp::EncodeOptions options) const {
  options.crlf = has(Defect::CrlfOutput) && connected_ && version_ == Version::V1_2;
  stomp::Encoded e;
  if (f.command == Command::Receipt && has(Defect::ReceiptWithBody)) {
    e = stomp::encode(f, options);
    if (e.ok()) e.bytes.insert(e.bytes.size() - 1, "ok");
  } else if (f.command == Command::Message && has(Defect::NoEscapeOutput)) {
    e.bytes = "MESSAGE\n";
    for (const stomp::Header& h : f.headers) e.bytes += h.name + ":" + h.value + "\n";
    if (options.content_length) e.bytes += "content-length:" + std::to_string(f.body.size()) + "\n";
    e.bytes += "\n" + f.body + std::string(1, '\0');
  } else {
    e = stomp::encode(f, options);
  }
  if (e.ok() && f.command == Command::Message && has(Defect::HeartbeatInsideFrame)) {
    insert_at_body(e.bytes, "\n");
  }
  if (e.ok() && has(Defect::EolAfterFrame)) e.bytes += options.crlf ? "\r\n" : "\n";
  return e;
}

}  // namespace stompcheck::broker
