#pragma once
// Verifiers: the only code that loops over what the broker sends. Each waits at most the
// session's timeout (quiet windows: Settings::quiet), skips heart-beats, keeps the frames it
// reads past for the next verifier, and fills Expected / Actual.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <asio/awaitable.hpp>

#include <stomp/frame.hpp>

#include "scenarios/outcome.hpp"
#include "scenarios/session.hpp"

namespace stompcheck {

// The next frame of `command` (any frame when none; with header `name` equal to `value` when
// a name is given), or the
// event that ended the wait: an ERROR frame (unless it is what was asked for), the close, a
// grammar violation, or the timeout. Other frames are kept for later.
struct Wanted {
  std::optional<stomp::Command> command{};  // none: any frame
  std::string_view name{};
  std::string_view value{};
};
asio::awaitable<Event> await_frame(Conn& c, Wanted w, Millis wait);

// CONNECTED (after a CONNECT written by the scenario); `out` receives it.
asio::awaitable<Outcome> expect_connected(Conn& c, stomp::Frame* out = nullptr);
// RECEIPT receipt-id:`id` (RC-01).
asio::awaitable<Outcome> expect_receipt(Conn& c, std::string_view id);
// The next MESSAGE into `out`.
asio::awaitable<Outcome> expect_message(Conn& c, stomp::Frame& out);
// `n` MESSAGEs into `out` (appended), within one timeout in all.
asio::awaitable<Outcome> expect_messages(Conn& c, std::size_t n, std::vector<stomp::Frame>& out);
// MESSAGEs on any of `conns` (out[i] gets those of conns[i]) until `n` arrived in all or
// the timeout passed, and then any more until no MESSAGE came for the quiet window (so a
// duplicate is seen). PASS when at least `n` arrived; an ERROR or a close is a FAIL.
asio::awaitable<Outcome> collect_messages(std::vector<Conn*> conns, std::size_t n,
                                          std::vector<std::vector<stomp::Frame>>& out);
// No MESSAGE for the quiet window (anything else but heart-beats and kept frames is a FAIL).
asio::awaitable<Outcome> expect_quiet(Conn& c, std::string_view why);
// The close (end of stream) within the timeout; a frame first is a FAIL.
asio::awaitable<Outcome> expect_close(Conn& c);

// How a scenario grades the ways a broker can refuse a frame (FR-06, FR-20, SD-02, ...).
struct Refusal {
  Verdict error_then_close = Verdict::Pass;
  Verdict error_left_open = Verdict::Fail;  // ER-01
  Verdict close_only = Verdict::NonStrict;  // no ERROR: ER-05, connection lingering
  Verdict accepted = Verdict::Fail;         // neither ERROR nor close within the timeout
};
// ERROR and then the close, graded by `r`; `error` receives the ERROR frame when one came.
asio::awaitable<Outcome> expect_refusal(Conn& c, Refusal r, stomp::Frame* error = nullptr);

// RECEIPT `id` and then the close: DISCONNECT (DC-01, DC-03, requirements §10.3). A close
// without the RECEIPT is NON-STRICT; a RECEIPT without the close is FAIL.
asio::awaitable<Outcome> expect_receipt_then_close(Conn& c, std::string_view id);

// Checks on one frame, no waiting: PASS, or FAIL naming the header.
Outcome expect_header(const stomp::Frame& f, std::string_view name, std::string_view value);
Outcome expect_has_header(const stomp::Frame& f, std::string_view name);

}  // namespace stompcheck
