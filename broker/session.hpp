#pragma once
// One client connection: the read loop feeds the strict codec parser, a write queue sends
// frames in order, and timers keep heart-beats both ways (1.2#Heart-beating).
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>

#include <stomp/encoder.hpp>
#include <stomp/frame.hpp>
#include <stomp/parser.hpp>

#include "broker/broker.hpp"
#include "broker/state.hpp"

namespace stompcheck::broker {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(asio::ip::tcp::socket socket, Broker& broker, SessionId id);

  // Starts the read and write loops; they keep the session alive.
  void start();
  // Writes a MESSAGE for the delivery, encoded for this connection's version. False: a queue
  // message refused for want of room (flow control, Config::max_outbound), to give back.
  bool deliver(const Delivery& d);
  // Closes at once without a word (the broker is stopping).
  void stop();

 private:
  using Clock = std::chrono::steady_clock;
  using Ptr = std::shared_ptr<Session>;

  asio::awaitable<void> read_loop(Ptr self);
  asio::awaitable<void> write_loop(Ptr self);
  asio::awaitable<void> heartbeat_loop(Ptr self, std::chrono::milliseconds every);
  asio::awaitable<void> watchdog(Ptr self, std::chrono::milliseconds silence);
  asio::awaitable<void> linger();
  // Ends the connection when a deadline of Config passes (connect, frame, idle), and closes it
  // outright when a closing connection cannot flush within linger + 1 s (a reader that stalls).
  asio::awaitable<void> deadline_loop(Ptr self);
  struct Deadline {
    Clock::time_point at = Clock::time_point::max();
    Fault fault{};
  };
  Deadline next_deadline() const;
  // After a read: the partial frame the parser holds counts as inbound (max_buffered).
  void account_inbound();
  // Changes this session's outbound bytes and the broker-wide count.
  void account_outbound(std::size_t add, std::size_t remove);
  // Over max_buffered with `extra` more bytes (bytes already counted for this session aside).
  bool over_cap(std::size_t extra, std::size_t own) const;

  bool has(Defect d) const { return config_.defects.has(d); }
  // One parser step over `in` and what it completed; returns the octets consumed.
  std::size_t step(std::string_view in);
  // The head-rewriting defects: heads go through rewrite_head() before the parser.
  void feed_rewritten(std::string_view in);
  void on_parse_error(const stomp::ParseFailure& f);
  // disconnect-drops-pending-sends: the SENDs of the last read, processed after it.
  void run_deferred();
  // receipts-reordered: SEND receipts written late, and before anything that ends the session.
  void flush_receipts();
  asio::awaitable<void> late_receipts(Ptr self);
  // The bytes of a frame as this broker writes it (the output defects and variants).
  stomp::Encoded encode_out(const stomp::Frame& f, stomp::EncodeOptions options) const;
  void send_error(const Fault& fault, const std::optional<std::string>& receipt,
                  std::vector<stomp::Header> extra);
  void handle(const stomp::FrameView& f);
  void on_connect(const stomp::FrameView& f);
  std::optional<Fault> on_frame(const stomp::FrameView& f);
  std::optional<Fault> apply(Outcome o);
  void write(const stomp::Frame& f);
  void enqueue(std::string bytes);
  // Sends ERROR (with receipt-id when the frame had a receipt, ER-03), then closes (ER-01).
  void fail(const Fault& fault, const std::optional<std::string>& receipt,
            std::vector<stomp::Header> extra = {});
  // Stops reading, leaves the broker, and closes once the write queue is sent.
  void finish();
  // Closes the socket now (peer gone or silent).
  void abandon();

  asio::ip::tcp::socket socket_;
  Broker* broker_;
  SessionId id_;
  Config config_;
  stomp::Parser parser_;
  stomp::Version version_ = stomp::Version::V1_2;
  bool connected_ = false;
  bool closing_ = false;  // no more frames are read or handled
  bool stopped_ = false;  // the socket is closed
  std::deque<std::string> queue_;
  bool writing_ = false;
  asio::steady_timer wake_;       // the write loop sleeps on it while the queue is empty
  asio::steady_timer heartbeat_;  // server -> client EOLs
  asio::steady_timer dog_;        // client -> server silence
  Clock::time_point last_read_ = Clock::now();
  Clock::time_point last_write_ = Clock::now();
  asio::steady_timer deadline_;
  Clock::time_point started_ = Clock::now();
  Clock::time_point frame_started_{};  // the read that left a frame unfinished
  Clock::time_point closing_at_{};
  std::chrono::milliseconds silence_{0};  // HB-05 allowance, 0: no heart-beats from the client
  std::shared_ptr<Usage> usage_;
  std::size_t in_bytes_ = 0;    // partial frame held by the parser
  std::size_t out_bytes_ = 0;   // queued plus in flight
  std::size_t unit_bytes_ = 0;  // fed to the parser since the last unit it completed
  bool partial_ = false;
  // Injected defects (broker/faults.hpp).
  std::string pending_;  // bytes not yet given to the parser (head-rewriting defects)
  bool deaf_ = false;    // input is read and dropped (limit-hang, no-close-after-error)
  struct Deferred {
    Message message;
    std::optional<std::string> tx;
  };
  std::vector<Deferred> deferred_;
  std::vector<std::string> late_;  // receipt-ids not yet written
  bool late_armed_ = false;
  bool blocked_ = false;  // refused a queue message: none until the buffer is half empty // a frame
                          // is unfinished since frame_started_
};

}  // namespace stompcheck::broker
