// Required headers (1.2#Frames_and_Headers): each REQUIRED header of each client command left
// out in turn, generated from one table. Each frame is otherwise complete (with a receipt, on
// a fresh connection; ACK and NACK answer a real client-mode MESSAGE, COMMIT and ABORT follow
// a BEGIN, UNSUBSCRIBE a SUBSCRIBE), and the refusal is graded by the row's first requirement
// that applies at the version (must_refuse(); GRADING.md §10.13). Rows graded INFO there
// (SB-03, TX-01) or whose row grades this reaction INFO (ACK, NACK) record it.
#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "model/requirements.hpp"
#include "scenarios/cases/cases.hpp"
#include "scenarios/malformed.hpp"

namespace stompcheck::cases {
namespace {

using stomp::Command;
using stomp::Version;

struct Row {
  std::string_view id;
  Command command;
  std::string_view header;  // the one left out
  std::vector<std::string_view> requirements;
  std::string_view close;  // what grades an ERROR without the close (SD-02, SB-02: 1.1 too)
  std::string_view spec;
  std::vector<Version> versions;
  // The requirement's row grades the reaction INFO ("INFO: ACK without id", AK-01; AK-02 and
  // AK-05 the same for 1.1 and NACK): recorded, whatever the catalogue level.
  bool info = false;
};

// One row per client command and REQUIRED header (1.2#Frames_and_Headers; 1.1 and 1.0 ACK).
// clang-format off
const std::array<Row, 13> kRows{{
    {"headers/missing-destination-send", Command::Send, "destination", {"SD-01", "SD-02"}, "SD-02", "1.2#SEND", kAllVersions},
    {"headers/missing-destination-subscribe", Command::Subscribe, "destination", {"SB-01", "SB-02"}, "SB-02", "1.2#SUBSCRIBE", kAllVersions},
    {"headers/missing-id-subscribe", Command::Subscribe, "id", {"SB-03"}, "SB-02", "1.2#SUBSCRIBE_id_Header", kSince11},
    {"headers/missing-id-unsubscribe", Command::Unsubscribe, "id", {"US-01", "US-02"}, "ER-01", "1.2#UNSUBSCRIBE", kAllVersions},
    {"headers/missing-id-ack", Command::Ack, "id", {"AK-01"}, "ER-01", "1.2#ACK", kOnly12, true},
    {"headers/missing-message-id-ack", Command::Ack, "message-id", {"AK-02", "AK-03"}, "ER-01", "1.1#ACK", {Version::V1_0, Version::V1_1}, true},
    {"headers/missing-subscription-ack", Command::Ack, "subscription", {"AK-02"}, "ER-01", "1.1#ACK", {Version::V1_1}, true},
    {"headers/missing-id-nack", Command::Nack, "id", {"AK-05"}, "ER-01", "1.2#NACK", kOnly12, true},
    {"headers/missing-message-id-nack", Command::Nack, "message-id", {"AK-05"}, "ER-01", "1.1#NACK", {Version::V1_1}, true},
    {"headers/missing-subscription-nack", Command::Nack, "subscription", {"AK-05"}, "ER-01", "1.1#NACK", {Version::V1_1}, true},
    {"headers/missing-transaction-begin", Command::Begin, "transaction", {"TX-01"}, "ER-01", "1.2#BEGIN", kAllVersions},
    {"headers/missing-transaction-commit", Command::Commit, "transaction", {"TX-01"}, "ER-01", "1.2#COMMIT", kAllVersions},
    {"headers/missing-transaction-abort", Command::Abort, "transaction", {"TX-01"}, "ER-01", "1.2#ABORT", kAllVersions},
}};
// clang-format on

// The complete frame of `row` on `c`, after what it needs first (a MESSAGE to acknowledge,
// a transaction, a subscription); not PASS when that went wrong.
asio::awaitable<Outcome> complete_frame(Session& s, Conn& c, const Row& row, stomp::Frame& f) {
  const std::string q = s.queue();
  f = {.command = row.command, .headers = {}, .body = {}};
  switch (row.command) {
    case Command::Send:
      f.headers = {{"destination", q}};
      f.body = "m";
      break;
    case Command::Subscribe: f.headers = {{"destination", q}, {"id", "sub-0"}}; break;
    case Command::Unsubscribe: {
      // Without its id, this UNSUBSCRIBE names no subscription in 1.0 either (US-02).
      if (auto o = co_await subscribe(c, q, "sub-0"); !o) co_return o;
      f.headers = {{"id", "sub-0"}};
      break;
    }
    case Command::Ack:
    case Command::Nack: {
      if (auto o = co_await subscribe(c, q, "sub-0", "client"); !o) co_return o;
      if (auto o = co_await send_to(c, q, "m"); !o) co_return o;
      stomp::Frame m;
      if (auto o = co_await expect_message(c, m); !o) co_return o;
      f = ack_of(c, m, row.command);
      break;
    }
    case Command::Commit:
    case Command::Abort: {
      const stomp::Frame begin{
          .command = Command::Begin, .headers = {{"transaction", "tx-1"}}, .body = {}};
      if (auto o = co_await with_receipt(c, begin); !o) co_return o;
      f.headers = {{"transaction", "tx-1"}};
      break;
    }
    default: f.headers = {{"transaction", "tx-1"}}; break;
  }
  co_return Outcome{};
}

// The row's frame without its header: refused (ERROR, then the close) or, where the row's
// level is INFO, the reaction recorded.
asio::awaitable<Outcome> missing(Session& s, const Row& row) {
  auto c = co_await s.connect();
  if (!c) co_return c.outcome;
  stomp::Frame f;
  if (auto o = co_await complete_frame(s, *c, row, f); !o) co_return o;
  std::erase_if(f.headers, [&](const stomp::Header& h) { return h.name == row.header; });
  const std::string r = s.receipt();
  f.headers.push_back({"receipt", r});
  co_await c->send(f);
  const auto applies = std::find_if(
      row.requirements.begin(), row.requirements.end(),
      [&](std::string_view id) { return find_requirement(id)->at(s.version()) != nullptr; });
  const Refusal refusal{.requirement = *applies, .close = row.close};
  if (!row.info && level_at(refusal.requirement, s.version()) != Level::Info) {
    co_return co_await expect_reaction(*c, r, must_refuse(refusal.requirement, refusal.close));
  }
  co_return co_await expect_reaction(*c, r, recorded(refusal.requirement, refusal.close));
}

// Scenario::run is a capture-less function pointer, so each row gets its own instance of
// this template, which knows its row by index.
template <std::size_t I>
asio::awaitable<Outcome> run_row(Session& s) {
  co_return co_await missing(s, kRows[I]);
}

template <std::size_t... I>
std::vector<Scenario> generate(std::index_sequence<I...> /*rows*/) {
  return {Scenario{.id = kRows[I].id,
                   .requirements = kRows[I].requirements,
                   .spec = kRows[I].spec,
                   .title = "",
                   .versions = kRows[I].versions,
                   .run = &run_row<I>}...};
}

}  // namespace

std::span<const Scenario> headers() {
  static const std::vector<Scenario> all = [] {
    std::vector<Scenario> out = generate(std::make_index_sequence<kRows.size()>{});
    static std::vector<std::string> titles;  // the scenarios' titles point into it
    titles.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      const Row& row = kRows[i];
      titles.push_back(std::string(stomp::to_string(row.command)) + " without " +
                       std::string(row.header) +
                       " (otherwise complete, with a receipt): ERROR, "
                       "then the close");
      out[i].title = titles.back();
    }
    return out;
  }();
  return all;
}

}  // namespace stompcheck::cases
