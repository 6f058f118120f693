#pragma once
// Verifiers: the only code that loops over what the broker sends. Each reads a connection's
// event log forward in wire order, waits at most the session's timeout (quiet windows:
// Settings::quiet), skips heart-beats, leaves the frames it does not judge for the next
// verifier, grades through the one grading table and fills Expected / Actual.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <asio/awaitable.hpp>

#include <stomp/frame.hpp>

#include "model/grading.hpp"
#include "scenarios/outcome.hpp"
#include "scenarios/session.hpp"

namespace stompcheck {

// An outcome graded by the table: `seen` on `requirement` at version `v`.
Outcome judge(std::string_view requirement, stomp::Version v, Seen seen, std::string expected,
              std::string actual);

// Every check of a step: each one that does not pass after the first is recorded as a
// finding of the case (so no check hides the next, GRADING.md §10.14); returns the first
// that does not pass, or a PASS.
Outcome all_of(Session& s, std::vector<Outcome> checks);

// The first frame not yet consumed of `command` (any frame when none; with header `name`
// equal to `value` when a name is given), now consumed; or what ended the wait: an ERROR
// (unless it is what was asked for), the close, a grammar violation, or the timeout.
struct Wanted {
  std::optional<stomp::Command> command{};  // none: any frame
  std::string_view name{};
  std::string_view value{};
};
asio::awaitable<Event> await_frame(Conn& c, Wanted w, Millis wait);
// The first frame, close or grammar violation on the wire after log entry `seq` (consumed
// or not: "after X" is wire order), heart-beats skipped; a frame found is consumed.
asio::awaitable<Event> await_after(Conn& c, std::size_t seq, Millis wait);

// CONNECTED (after a CONNECT written by the scenario); `out` receives it. Graded by CN-06.
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
// The close (end of stream) within the timeout; a frame first is a FAIL (DC-03).
asio::awaitable<Outcome> expect_close(Conn& c);

// The requirements that grade a refusal (FR-06, FR-20, SD-02, ...), through the table:
// `requirement` grades a frame accepted (Broken) and a close without ERROR (Lingering, ER-05);
// `close` grades an ERROR that the close does not follow within Settings::close_window.
struct Refusal {
  std::string_view requirement;
  std::string_view close = "ER-01";
};
// ERROR and then the close just after it, graded by `r`; `error` receives the ERROR frame
// when one came. It also judges what answered the refused frame (the last one written before
// the ERROR): a RECEIPT for it is a FAIL (RC-01), a missing receipt-id on the ERROR a SHOULD
// (ER-03). The close latency is always in Actual.
asio::awaitable<Outcome> expect_refusal(Conn& c, Refusal r, stomp::Frame* error = nullptr);

// RECEIPT `id` and then the close: DISCONNECT (DC-01, DC-03, GRADING.md §10.3). A close
// without the RECEIPT is NON-STRICT (Lingering); a RECEIPT without the close is FAIL.
asio::awaitable<Outcome> expect_receipt_then_close(Conn& c, std::string_view id);

// Checks on one frame, no waiting: PASS, or `requirement` broken at `v`, naming the header.
Outcome expect_header(stomp::Version v, std::string_view requirement, const stomp::Frame& f,
                      std::string_view name, std::string_view value);
Outcome expect_has_header(stomp::Version v, std::string_view requirement, const stomp::Frame& f,
                          std::string_view name);

}  // namespace stompcheck
