#include "broker/session.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <stomp/encoder.hpp>
#include <stomp/errors.hpp>

namespace stompcheck::broker {
namespace {

using stomp::Command;
using stomp::Version;
constexpr auto kNoThrow = asio::experimental::as_tuple(asio::use_awaitable);

// Headers the broker sets on MESSAGE itself; the rest of a SEND passes through (SD-03).
bool broker_header(std::string_view name) {
  constexpr std::array<std::string_view, 8> kOwn{"destination", "message-id",     "subscription",
                                                 "ack",         "content-length", "transaction",
                                                 "receipt",     "redelivered"};
  return std::find(kOwn.begin(), kOwn.end(), name) != kOwn.end();
}

// "1.0,1.2" -> the highest version both sides speak (1.2#Protocol_Negotiation); spaces
// around the items are tolerated (CN-04 INFO).
std::optional<Version> negotiate(std::string_view list, const Defects& d) {
  std::optional<Version> best;
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    auto v = stomp::parse_version(item);
    if (v && d.has(Defect::FirstListedVersion)) return v;
    if (v && (!best || (d.has(Defect::LowestVersion) ? *v < *best : *v > *best))) best = v;
  }
  return best;
}

// "cx,cy": two decimal integers (HB-01; 0 allowed, GRADING.md §10.9).
std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_heartbeat(std::string_view text) {
  std::size_t comma = text.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view s) -> std::optional<std::uint32_t> {
    std::uint32_t n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return n;
  };
  auto a = number(text.substr(0, comma));
  auto b = number(text.substr(comma + 1));
  if (!a || !b) return std::nullopt;
  return std::pair{*a, *b};
}

// Heart-beat interval in one direction: none if either side says 0, else the larger.
std::uint32_t interval(std::uint32_t sender, std::uint32_t receiver) {
  return sender == 0 || receiver == 0 ? 0 : std::max(sender, receiver);
}

Fault missing(std::string_view header, Command c) {
  return {"missing " + std::string(header) + " header",
          std::string(stomp::to_string(c)) + " requires the '" + std::string(header) +
              "' header (1.2#Frames_and_Headers)"};
}

constexpr std::size_t kKeepParserBuffer = std::size_t{1024} * 1024;

stomp::Leniency lenient_for(const Defects& d) {
  return {.undefined_escapes = d.has(Defect::UndefinedEscapesKept),
          .colon_in_value = d.has(Defect::ColonInValueKept),
          .body_on_any_command = d.has(Defect::BodyOnBodilessAccepted)};
}

std::string mangle_8bit(std::string s) {
  for (char& c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  }
  return s;
}

}  // namespace

Session::Session(asio::ip::tcp::socket socket, Broker& broker, SessionId id)
    : socket_(std::move(socket)),
      broker_(&broker),
      id_(id),
      config_(broker.config()),
      // Before CONNECT: the 1.2 rules, client commands only, but a body on any frame: 1.0
      // allows one on CONNECT, so on_connect judges it by the version asked for (FR-10).
      parser_({.version = Version::V1_2,
               .origin = stomp::Origin::Client,
               .lenient = {.body_on_any_command = true},
               .limits = broker.config().limits}),
      wake_(socket_.get_executor(), Clock::time_point::max()),
      heartbeat_(socket_.get_executor()),
      dog_(socket_.get_executor()),
      deadline_(socket_.get_executor()),
      usage_(broker.usage()) {}

void Session::start() {
  asio::co_spawn(socket_.get_executor(), read_loop(shared_from_this()), asio::detached);
  asio::co_spawn(socket_.get_executor(), write_loop(shared_from_this()), asio::detached);
  asio::co_spawn(socket_.get_executor(), deadline_loop(shared_from_this()), asio::detached);
}

void Session::stop() {
  broker_ = nullptr;
  closing_ = true;
  abandon();
}

void Session::abandon() {
  stopped_ = true;
  std::error_code ignored;
  socket_.close(ignored);
  wake_.cancel();
  heartbeat_.cancel();
  dog_.cancel();
  deadline_.cancel();
  queue_.clear();
  account_outbound(0, out_bytes_);
  usage_->inbound -= in_bytes_;
  in_bytes_ = 0;
}

void Session::finish() {
  if (closing_) return;
  closing_ = true;
  heartbeat_.cancel();
  dog_.cancel();
  wake_.cancel();
  closing_at_ = Clock::now();
  deadline_.cancel();
  usage_->inbound -= in_bytes_;  // nothing more is parsed: free the parser's buffer, once
  in_bytes_ = 0;                 // the frame being handled is done with
  asio::post(socket_.get_executor(), [self = shared_from_this()] { self->parser_.reset(); });
  if (broker_ != nullptr) broker_->detach(id_);
}

asio::awaitable<void> Session::read_loop(Ptr /*self*/) {
  std::array<char, 16384> buf{};
  while (!closing_) {
    auto [ec, n] = co_await socket_.async_read_some(asio::buffer(buf), kNoThrow);
    if (closing_) break;
    if (ec) {  // the client is done (TX-04, SB-07): flush what was queued, then close
      if (has(Defect::NoImplicitAbortOnDrop) && broker_ != nullptr && connected_) {
        apply(broker_->state().commit_all(id_));
      }
      finish();
      if (ec != asio::error::eof) abandon();
      break;
    }
    if (!has(Defect::EolNotLiveness)) last_read_ = Clock::now();
    if (deaf_) continue;
    std::string_view in(buf.data(), n);
    if (rewrites_heads(config_.defects)) {
      feed_rewritten(in);
    } else {
      while (!in.empty() && !closing_ && !deaf_) in.remove_prefix(step(in));
    }
    run_deferred();
    if (closing_) break;
    if (!parser_.idle() && !partial_) {  // a frame begins: its deadline may come first
      partial_ = true;
      frame_started_ = last_read_;
      deadline_.cancel();
    }
    account_inbound();
    if (in_bytes_ > 0 && over_cap(0, 0)) {  // blame only a connection that holds a part
      fail({"broker memory cap", "the broker holds over " + std::to_string(config_.max_buffered) +
                                     " buffered bytes (partial frames, queued messages, "
                                     "outbound buffers); this connection's frame passed it"},
           std::nullopt);
    }
  }
}

std::size_t Session::step(std::string_view in) {
  const stomp::Step step = parser_.feed(in);
  unit_bytes_ += step.consumed;
  const std::size_t unit = unit_bytes_;
  if (step.status == stomp::Status::Frame || step.status == stomp::Status::Heartbeat) {
    unit_bytes_ = 0;
    partial_ = false;
  }
  if (step.status == stomp::Status::Frame) {
    if (has(Defect::EolNotLiveness)) last_read_ = Clock::now();
    handle(parser_.frame());
    // A big frame leaves its buffer with the parser: free it (stream offsets in later
    // parse errors then count from here).
    if (unit > kKeepParserBuffer && !closing_) parser_.reset();
  } else if (step.status == stomp::Status::Error) {
    on_parse_error(parser_.failure());
  }
  return step.consumed;
}

asio::awaitable<void> Session::write_loop(Ptr /*self*/) {
  while (!stopped_) {
    if (queue_.empty()) {
      if (closing_) break;
      co_await wake_.async_wait(kNoThrow);
      continue;
    }
    std::string data;
    for (std::string& s : queue_) data += s;
    queue_.clear();
    writing_ = true;
    auto [ec, n] = co_await asio::async_write(socket_, asio::buffer(data), kNoThrow);
    writing_ = false;
    account_outbound(0, data.size());
    if (blocked_ && !closing_ && broker_ != nullptr && 2 * out_bytes_ <= config_.max_outbound) {
      blocked_ = false;  // half empty: queue messages may come again
      broker_->resume(id_);
    }
    last_write_ = Clock::now();
    if (ec) {
      finish();
      abandon();
    }
  }
  if (!stopped_) co_await linger();
}

asio::awaitable<void> Session::linger() {
  // Graceful close: send FIN, then drain what the client still sends so that closing does
  // not reset the connection before it read our last frame (1.2#Connection_Lingering).
  using namespace asio::experimental::awaitable_operators;
  std::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  asio::steady_timer deadline(socket_.get_executor(), config_.linger);
  std::array<char, 4096> sink{};
  while (!ec && !stopped_) {
    auto r = co_await (socket_.async_read_some(asio::buffer(sink), kNoThrow) ||
                       deadline.async_wait(kNoThrow));
    if (r.index() == 1) break;
    ec = std::get<0>(std::get<0>(r));
  }
  abandon();
}

asio::awaitable<void> Session::heartbeat_loop(Ptr /*self*/, std::chrono::milliseconds every) {
  while (!closing_) {
    heartbeat_.expires_at(last_write_ + every);
    co_await heartbeat_.async_wait(kNoThrow);
    if (closing_) break;
    if (Clock::now() - last_write_ >= every && queue_.empty() && !writing_) {
      const bool crlf = has(Defect::CrlfHeartbeats) && version_ == Version::V1_2;
      enqueue(crlf ? "\r\n" : "\n");  // HB-04: an EOL when there is nothing else to send
      last_write_ = Clock::now();
    }
  }
}

asio::awaitable<void> Session::watchdog(Ptr /*self*/, std::chrono::milliseconds silence) {
  while (!closing_) {
    dog_.expires_at(last_read_ + silence);
    co_await dog_.async_wait(kNoThrow);
    if (closing_) break;
    if (Clock::now() - last_read_ >= silence) {  // HB-05: silent for twice its interval
      finish();
      abandon();
    }
  }
}

void Session::enqueue(std::string bytes) {
  if (stopped_) return;
  account_outbound(bytes.size(), 0);
  queue_.push_back(std::move(bytes));
  wake_.cancel();
}

void Session::write(const stomp::Frame& f) {
  stomp::Encoded e =
      encode_out(f, {.version = version_, .content_length = !f.body.empty(), .crlf = false});
  if (e.ok()) enqueue(std::move(e.bytes));
}

void Session::fail(const Fault& fault, const std::optional<std::string>& receipt,
                   std::vector<stomp::Header> extra) {
  if (closing_) return;
  flush_receipts();
  if (has(Defect::CloseWithoutError)) {
    finish();
    return;
  }
  send_error(fault, receipt, std::move(extra));
  if (has(Defect::NoCloseAfterError)) {
    if (parser_.failure().code != stomp::ParseError::None) deaf_ = true;  // the parser is stuck
    return;
  }
  finish();
}

void Session::send_error(const Fault& fault, const std::optional<std::string>& receipt,
                         std::vector<stomp::Header> extra) {
  stomp::Frame error{.command = Command::Error, .headers = {}, .body = fault.detail + "\n"};
  if (!has(Defect::ErrorWithoutMessage)) error.headers.push_back({"message", fault.message});
  if (receipt && !has(Defect::ErrorWithoutReceiptId)) {
    error.headers.push_back({"receipt-id", *receipt});
  }
  for (stomp::Header& h : extra) error.headers.push_back(std::move(h));
  if (!has(Defect::ErrorWithoutContentType)) {
    error.headers.push_back({"content-type", "text/plain"});
  }
  const stomp::EncodeOptions options{.version = version_,
                                     .content_length = !has(Defect::ErrorWithoutContentLength)};
  stomp::Encoded e = encode_out(error, options);
  if (!e.ok()) {  // e.g. a receipt the version cannot carry: leave it out
    std::erase_if(error.headers, [](const stomp::Header& h) {
      return h.name != "message" && h.name != "content-type";
    });
    e = encode_out(error, options);
  }
  if (e.ok()) enqueue(std::move(e.bytes));
}

bool Session::deliver(const Delivery& d) {
  if (closing_) return true;
  stomp::Frame m{.command = Command::Message, .headers = {}, .body = d.message.body};
  std::string destination = d.message.destination;
  if (has(Defect::DestinationRewritten) && destination.starts_with("/queue/")) {
    destination = "/amq" + destination;
  }
  if (!has(Defect::NoDestination)) m.headers.push_back({"destination", destination});
  if (!has(Defect::NoMessageId)) m.headers.push_back({"message-id", d.message.id});
  if (!has(Defect::NoSubscriptionHeader)) {
    m.headers.push_back(
        {"subscription", has(Defect::WrongSubscription) ? d.message.destination : d.subscription});
  }
  // The ack header names the message in ACK/NACK (AK-06, 1.2#MESSAGE).
  if (!d.ack.empty() && version_ == Version::V1_2 && !has(Defect::NoAckHeader)) {
    m.headers.push_back({"ack", d.ack});
  }
  if (d.ack.empty() && version_ == Version::V1_2 && has(Defect::AckHeaderAlways)) {
    m.headers.push_back({"ack", "auto-" + d.message.id});
  }
  if (has(Defect::RedeliveredAlways)) {
    m.headers.push_back({"redelivered", d.message.redelivered ? "true" : "false"});
  } else if (d.message.redelivered && !has(Defect::NoRedeliveredHeader)) {
    m.headers.push_back({"redelivered", "true"});
  }
  if (has(Defect::ExtraMessageHeaders)) {
    m.headers.push_back({"expires", "0"});
    m.headers.push_back({"priority", "4"});
    m.headers.push_back({"timestamp", "1764547200000"});
  }
  std::vector<std::string> seen;
  for (const stomp::Header& h : d.message.headers) {
    if (has(Defect::ContentTypeDropped) && h.name == "content-type") continue;
    if (has(Defect::CollapseRepeatedHeaders)) {
      if (std::find(seen.begin(), seen.end(), h.name) != seen.end()) continue;
      seen.push_back(h.name);
    }
    m.headers.push_back(h);
  }
  if (has(Defect::BodyTrailingNewline)) m.body += '\n';
  const stomp::EncodeOptions options{
      .version = version_, .content_length = !m.body.empty() && !has(Defect::NoContentLength)};
  stomp::Encoded e = encode_out(m, options);
  if (e.error == stomp::EncodeError::Unrepresentable) {
    // A header this version cannot carry (1.0: LF, 8-bit, empty values; FR-22): drop it.
    std::erase_if(m.headers, [&](const stomp::Header& h) {
      return !stomp::encode({.command = Command::Message, .headers = {h}, .body = {}}, options)
                  .ok();
    });
    e = encode_out(m, options);
  }
  if (!e.ok()) return true;
  const bool room = config_.max_outbound == 0 || out_bytes_ == 0 ||
                    out_bytes_ + e.bytes.size() <= config_.max_outbound;
  if (d.message.destination.starts_with("/queue/")) {
    // Flow control: a queue message waits in its queue rather than here (moving it from
    // the queue to the buffer leaves max_buffered as it was).
    if (blocked_ || !room) {
      blocked_ = true;
      return false;
    }
    enqueue(std::move(e.bytes));
    return true;
  }
  const bool capped = over_cap(e.bytes.size(), 0);
  if (room && !capped) {
    enqueue(std::move(e.bytes));
    return true;
  }
  // A topic message cannot wait: slow consumer (or broker cap), drop what is not yet being
  // written, ERROR, close. Unacked queue messages go back to their queues (SB-07).
  std::size_t unsent = 0;
  for (const std::string& q : queue_) unsent += q.size();
  queue_.clear();
  account_outbound(0, unsent);
  if (!room) {
    fail({"slow consumer",
          "slow consumer: outbound buffer over " + std::to_string(config_.max_outbound) + " bytes"},
         std::nullopt);
  } else {
    fail({"broker memory cap", "the broker holds over " + std::to_string(config_.max_buffered) +
                                   " buffered bytes; a MESSAGE for this connection passed it"},
         std::nullopt);
  }
  return true;
}

void Session::handle(const stomp::FrameView& f) {
  if (f.command == Command::Stomp && has(Defect::StompFrameRejected)) {
    fail({"unknown command", "STOMP is not a command"}, f.get("receipt"));
    return;
  }
  if (f.command == Command::Connect || f.command == Command::Stomp) {
    if (connected_) {
      fail({"already connected", "a second CONNECT on one connection is not allowed"},
           f.get("receipt"));
      return;
    }
    on_connect(f);
    return;
  }
  if (!connected_) {
    if (has(Defect::SilentCloseBeforeConnect)) {
      finish();
      return;
    }
    fail({"not connected", "the first frame must be CONNECT or STOMP, not " +
                               std::string(stomp::to_string(f.command))},
         f.get("receipt"));
    return;
  }
  std::optional<std::string> receipt = f.get("receipt");
  const Command c = f.command;
  std::optional<std::string> echo = receipt;
  if (receipt && has(Defect::ReceiptIdRaw)) echo = std::string(f.find("receipt")->value);
  // disconnect-drops-pending-sends: late SENDs still come before any other frame's effect.
  if (c != Command::Send && c != Command::Disconnect) run_deferred();
  if (closing_) return;
  if (c == Command::Disconnect && has(Defect::DisconnectError)) {
    fail({"unexpected command", "DISCONNECT"}, receipt);
    return;
  }
  if (echo && has(Defect::ReceiptBeforeFailure)) {
    write({.command = Command::Receipt, .headers = {{"receipt-id", *echo}}, .body = {}});
  }
  if (std::optional<Fault> fault = on_frame(f)) {
    fail(*fault, receipt);
    return;
  }
  const bool suppressed = has(Defect::ReceiptBeforeFailure) ||
                          (c == Command::Subscribe && has(Defect::NoSubscribeReceipt)) ||
                          (c == Command::Send && has(Defect::NoSendReceipt)) ||
                          (c == Command::Disconnect && has(Defect::NoDisconnectReceipt));
  if (c == Command::Disconnect) {
    if (has(Defect::NoImplicitAbortOnDisconnect)) apply(broker_->state().commit_all(id_));
    flush_receipts();
  }
  // Only now, after success (RC-01); DISCONNECT then closes (DC-01).
  if (echo && !suppressed) {
    if (c == Command::Send && has(Defect::ReceiptsReordered)) {
      late_.push_back(*echo);
      if (!late_armed_) {
        late_armed_ = true;
        asio::co_spawn(socket_.get_executor(), late_receipts(shared_from_this()), asio::detached);
      }
    } else {
      write({.command = Command::Receipt, .headers = {{"receipt-id", *echo}}, .body = {}});
    }
  }
  if (c == Command::Disconnect && !has(Defect::NoCloseAfterDisconnect)) finish();
}

void Session::on_connect(const stomp::FrameView& f) {
  // CONNECT headers are never unescaped (FR-08): the parser leaves them literal.
  std::optional<Version> v = Version::V1_0;  // no accept-version: 1.0 (CN-03)
  if (auto accept = f.get("accept-version")) v = negotiate(*accept, config_.defects);
  if (!v && has(Defect::NoErrorOnVersionMismatch)) v = Version::V1_2;
  std::optional<std::string> login = f.get("login"), passcode = f.get("passcode");
  if (v && *v != Version::V1_0 && has(Defect::UnescapeConnect)) {
    for (const stomp::RawHeader& h : f.headers) {
      if (!stomp::unescape(h.value, stomp::Escaping::V1_2).ok()) {
        fail(
            {"UndefinedEscape", "undefined escape in CONNECT header '" + std::string(h.name) + "'"},
            std::nullopt);
        return;
      }
    }
    if (login) login = stomp::unescape(*login, stomp::Escaping::V1_2).value;
    if (passcode) passcode = stomp::unescape(*passcode, stomp::Escaping::V1_2).value;
  }
  if (!v) {  // CN-05: ERROR with the versions we speak, then close
    fail({"unsupported protocol version",
          "no common version; supported: 1.0,1.1,1.2 (1.2#Protocol_Negotiation)"},
         std::nullopt, {{"version", "1.0,1.1,1.2"}});
    return;
  }
  if (config_.login || config_.passcode) {
    bool ok = login == config_.login && passcode == config_.passcode;
    if (!ok) {
      fail({"authentication failed", "bad login or passcode (1.2#Connecting)"}, std::nullopt);
      return;
    }
  }
  std::uint32_t out_ms = 0, in_ms = 0;
  std::uint32_t sx = config_.heartbeat_send_ms, sy = config_.heartbeat_receive_ms;
  if (has(Defect::HeartbeatNone)) sx = sy = 0;
  if (has(Defect::HeartbeatFast)) sx = sy = 200;
  if (*v != Version::V1_0) {
    std::pair<std::uint32_t, std::uint32_t> c{0, 0};  // missing means 0,0 (HB-02)
    if (auto hb = f.get("heart-beat")) {
      auto parsed = parse_heartbeat(*hb);
      if (!parsed) {
        fail({"invalid heart-beat", "heart-beat must be two integers 'cx,cy' (HB-01)"},
             std::nullopt);
        return;
      }
      c = *parsed;
    }
    out_ms = interval(sx, c.second);
    in_ms = interval(c.first, sy);
    if (has(Defect::HeartbeatIgnoresOffer) && out_ms == 0) out_ms = sx;
    if (has(Defect::NoHeartbeats)) out_ms = 0;
    if (has(Defect::HeartbeatSlow)) out_ms *= 2;
  }
  if (*v != Version::V1_0 && !f.body.empty()) {  // FR-10: only 1.0 allows a CONNECT body
    fail({std::string(stomp::to_string(stomp::ParseError::BodyNotAllowed)),
          "CONNECT has a body in STOMP " + std::string(stomp::to_string(*v)) + ": " +
              std::string(stomp::rule_of(stomp::ParseError::BodyNotAllowed))},
         std::nullopt);
    return;
  }
  version_ = *v;
  parser_.set_version(*v);
  parser_.set_lenient(lenient_for(config_.defects));
  connected_ = true;
  broker_->state().open(id_, *v);
  stomp::Frame connected{.command = Command::Connected, .headers = {}, .body = {}};
  if (!has(Defect::NoVersionHeader)) {
    connected.headers.push_back({"version", std::string(stomp::to_string(*v))});
  }
  if (!has(Defect::NoServerHeader))
    connected.headers.push_back({"server", std::string(kServerName)});
  if (!has(Defect::NoSessionHeader)) {
    connected.headers.push_back({"session", "session-" + std::to_string(id_)});
  }
  if (has(Defect::ExtraConnectedHeaders)) {
    connected.headers.push_back({"user-id", "anonymous"});
    connected.headers.push_back({"x-cluster", "node-1"});
  }
  if (*v != Version::V1_0) {
    connected.headers.push_back(
        {"heart-beat", has(Defect::HeartbeatMalformedAnswer)
                           ? std::to_string(sx)
                           : std::to_string(sx) + "," + std::to_string(sy)});
  }
  write(connected);
  auto ex = socket_.get_executor();
  if (out_ms > 0) {
    asio::co_spawn(ex, heartbeat_loop(shared_from_this(), std::chrono::milliseconds(out_ms)),
                   asio::detached);
  }
  deadline_.cancel();  // from the CONNECT deadline to the idle one
  if (in_ms > 0) {
    const std::uint32_t allow = has(Defect::HeartbeatDropEarly) ? in_ms / 2 : 2 * in_ms;
    silence_ = std::chrono::milliseconds(allow);
    asio::co_spawn(ex, watchdog(shared_from_this(), std::chrono::milliseconds(allow)),
                   asio::detached);
  }
}

std::optional<Fault> Session::apply(Outcome o) {
  if (o.fault) return o.fault;
  if (broker_ != nullptr) broker_->dispatch(o.deliveries);
  return std::nullopt;
}

std::optional<Fault> Session::on_frame(const stomp::FrameView& f) {
  State& state = broker_->state();
  const Command c = f.command;
  switch (c) {
    case Command::Send: {
      stomp::Frame frame = f.to_frame();
      auto dest = frame.header("destination");
      if (!dest && has(Defect::SendMissingDestinationAccepted)) return std::nullopt;
      if (!dest) return missing("destination", c);  // SD-01
      Message m{.destination = std::string(*dest),
                .headers = {},
                .body = std::move(frame.body),
                .id = {}};
      if (has(Defect::NoUnescape)) {
        frame.headers.clear();
        for (const stomp::RawHeader& h : f.headers) {
          frame.headers.push_back({std::string(h.name), std::string(h.value)});
        }
      }
      for (stomp::Header& h : frame.headers) {
        if (broker_header(h.name)) continue;
        if (has(Defect::UserHeadersDropped) && h.name != "content-type") continue;
        if (has(Defect::EmptyHeaderDropped) && h.value.empty()) continue;
        if (has(Defect::Utf8Mangled)) h = {mangle_8bit(h.name), mangle_8bit(h.value)};
        m.headers.push_back(std::move(h));
      }
      constexpr std::size_t kCut = std::size_t{64} * 1024;
      if (has(Defect::LargeBodyTruncated) && m.body.size() > kCut) m.body.resize(kCut);
      if (over_cap(footprint(m), in_bytes_)) {
        return Fault{"broker memory cap", "the broker holds over " +
                                              std::to_string(config_.max_buffered) +
                                              " buffered bytes; this message would pass it"};
      }
      if (has(Defect::DisconnectDropsPendingSends)) {
        deferred_.push_back({std::move(m), f.get("transaction")});
        return std::nullopt;
      }
      return apply(state.send(id_, std::move(m), f.get("transaction")));
    }
    case Command::Subscribe: {
      auto dest = f.get("destination");
      if (!dest && has(Defect::SubscribeMissingDestinationAccepted)) return std::nullopt;
      if (!dest) return missing("destination", c);  // SB-01
      auto id = f.get("id");
      if (!id && version_ != Version::V1_0) return missing("id", c);  // SB-03
      std::string ack = f.get("ack").value_or("auto");
      auto mode = parse_ack_mode(ack, version_);
      if (!mode && has(Defect::InvalidAckModeAccepted)) mode = AckMode::Auto;
      if (!mode) return Fault{"invalid ack mode", "ack '" + ack + "' (1.2#SUBSCRIBE_ack_Header)"};
      return apply(state.subscribe(id_, id.value_or(""), *dest, *mode));
    }
    case Command::Unsubscribe: {
      auto id = f.get("id");
      auto dest = f.get("destination");
      if (!id && (version_ != Version::V1_0 || !dest)) return missing("id", c);  // US-01/02
      if (id && has(Defect::UnsubscribeIgnored)) return std::nullopt;
      if (!id && has(Defect::UnsubscribeByDestinationIgnored)) return std::nullopt;
      return apply(state.unsubscribe(id_, id.value_or(""), dest.value_or("")));
    }
    case Command::Ack:
    case Command::Nack: {
      AckRef ref;
      if (version_ == Version::V1_2) {
        auto id = f.get("id");
        if (!id) return missing("id", c);  // AK-01
        ref.id = *id;
      } else {
        auto mid = f.get("message-id");
        if (!mid) return missing("message-id", c);  // AK-02, AK-03
        ref.message_id = *mid;
        ref.subscription = f.get("subscription");
        if (!ref.subscription && version_ == Version::V1_1) return missing("subscription", c);
      }
      return apply(state.ack(id_, ref, c == Command::Nack, f.get("transaction")));
    }
    case Command::Begin:
    case Command::Commit:
    case Command::Abort: {
      auto tx = f.get("transaction");
      if (!tx) return missing("transaction", c);  // TX-01
      if (c == Command::Begin) return apply(state.begin(id_, *tx));
      if (c == Command::Commit) return apply(state.commit(id_, *tx));
      return apply(state.abort(id_, *tx));
    }
    case Command::Disconnect: return std::nullopt;
    default:
      return Fault{"unexpected command",
                   std::string(stomp::to_string(c)) + " is not a client frame (1.2#Client_Frames)"};
  }
}

}  // namespace stompcheck::broker
