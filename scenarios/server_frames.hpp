#pragma once
// Verifiers and steps for the server-frame cases (MESSAGE, RECEIPT, ERROR) and the size-limit
// cases (FR-19). Like verify.hpp, these are the only code here that reads incoming events.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <asio/awaitable.hpp>

#include <stomp/frame.hpp>

#include "scenarios/outcome.hpp"
#include "scenarios/session.hpp"

namespace stompcheck {

// A frame written with its receipt header (`receipt`) before the RECEIPTs are awaited.
struct Asked {
  std::string receipt;
  std::string what;  // "SUBSCRIBE", for Expected / Actual
};

// Writes `f` with a fresh receipt header and returns what was asked (pipelined receipts).
asio::awaitable<Asked> ask_receipt(Conn& c, stomp::Frame f);

// Each RECEIPT of `asked`, all within one timeout: one outcome each, RC-01 (the receipt-id)
// and RC-04 (an empty body) judged for each one.
asio::awaitable<std::vector<Outcome>> expect_receipts(Conn& c, const std::vector<Asked>& asked);

// Every header of `sent` (receipt excepted) in `m` with its value (`requirement` broken when
// one is lost or changed), and the body octet for octet (MS-08): one outcome per header.
std::vector<Outcome> carried(stomp::Version v, std::string_view requirement,
                             const stomp::Frame& sent, const stomp::Frame& m);

// How long a size-limit case may go on growing: no step begins after it.
inline constexpr Millis kGrowthBound{8000};

// One dimension of a frame that the size-limit cases grow (FR-19).
struct Dimension {
  std::string_view name;  // "header count"
  std::string_view unit;  // "headers", "octets"
  std::size_t start = 0;  // the first size tried; doubled at each step
  std::size_t cap = 0;    // the last size tried
  // The SEND to `destination` (its first header) at size `n`, without a receipt.
  stomp::Frame (*frame)(const std::string& destination, std::size_t n) = nullptr;
};

// Grows `d` by doubling on one connection, each SEND with a receipt, within a time bound
// (kGrowthBound), until the broker refuses. While the MESSAGE it leads to fits the harness's
// own limits (Settings::limits), it comes back through a topic subscription and must be
// unchanged (MS-06, MS-08: FAIL). The refusal is graded (GRADING.md §1, FR-19): ERROR then the
// close PASS, a close without ERROR NON-STRICT (1.0: INFO), an ERROR without the close ER-01
// (1.2) or FR-19 (1.1), neither a RECEIPT nor an ERROR nor the close within the timeout (a
// hang, after 4 more timeouts for a late answer) FAIL. No refusal up to the cap or the time
// bound, or a RECEIPT that comes late, is INFO. Actual has the largest size accepted.
asio::awaitable<Outcome> grow(Session& s, const Dimension& d);

}  // namespace stompcheck
