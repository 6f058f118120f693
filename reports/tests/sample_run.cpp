#include "reports/tests/sample_run.hpp"

#include <string>
#include <utility>
#include <vector>

#include "reports/text.hpp"

namespace stompcheck::reports::testing {
namespace {

using stomp::Version;

TranscriptEntry sent(std::int64_t at_us, std::string data, int conn = 1) {
  return {.at_us = at_us, .conn = conn, .dir = Direction::Sent, .data = std::move(data)};
}

TranscriptEntry received(std::int64_t at_us, std::string data, int conn = 1) {
  return {.at_us = at_us, .conn = conn, .dir = Direction::Received, .data = std::move(data)};
}

TranscriptEntry note(std::int64_t at_us, std::string text) {
  return {.at_us = at_us, .conn = 0, .dir = Direction::Note, .data = std::move(text)};
}

const std::string kConnect12 = "STOMP^J\naccept-version:1.2^J\nhost:/^J\n^J\n^@";
const std::string kConnected12 = "CONNECTED^J\nversion:1.2^J\nserver:ref/0.1^J\n^J\n^@";

CaseResult pass_case() {
  return {
      .id = "connect/stomp-frame@1.2",
      .scenario = "connect/stomp-frame",
      .version = Version::V1_2,
      .section = "Connecting",
      .requirements = {"CN-01"},
      .spec = "1.2#CONNECT_or_STOMP_Frame",
      .level = Level::Must,
      .title = "A STOMP frame gets a CONNECTED frame",
      .verdict = Verdict::Pass,
      .expected = "CONNECTED with version:1.2",
      .actual = "CONNECTED with version:1.2",
      .cited = {},
      .sentence = {},
      // An INFO finding on a PASS: shown and counted, never changes the verdict.
      .findings = {{.check = "receipt-order",
                    .requirement = "RC-01",
                    .grade = Verdict::Info,
                    .detail = "RECEIPT r-2 came before r-1"}},
      .duration_us = 3210,
      .transcript = {sent(120, kConnect12), received(2950, kConnected12)},
  };
}

CaseResult fail_case() {
  return {
      .id = "frames/undefined-escape@1.2",
      .scenario = "frames/undefined-escape",
      .version = Version::V1_2,
      .section = "Frames",
      .requirements = {"FR-06", "ER-01"},
      .spec = "1.2#Value_Encoding",
      .level = Level::Must,
      .title = "An undefined escape (\\t) is a fatal error",
      .verdict = Verdict::Fail,
      .expected = "ERROR frame, then the connection closes",
      .actual = "MESSAGE with header a:<&\">' and a \x01 octet",
      .cited = "FR-06",
      .sentence =
          "\"Undefined escape sequences such as `\\t` \xE2\x80\xA6 MUST be treated as a fatal "
          "protocol error.\" In 1.1, `\\r` is also undefined.",
      .findings = {{.check = "lint",
                    .requirement = "FR-06",
                    .grade = Verdict::Fail,
                    .detail = "undefined escape \\t at offset 42"},
                   {.check = "close-after-error",
                    .requirement = "ER-01",
                    .grade = Verdict::Info,
                    .detail = "no ERROR frame was sent"}},
      .duration_us = 12345,
      .transcript = {sent(0, kConnect12), received(1001, kConnected12),
                     sent(1500, "SEND^J\ndestination:/queue/t-1^J\na:b\\t^J\n^J\n^@"),
                     // Raw control octets, as a buggy recorder might store them.
                     received(11999, "MESSAGE^J\na:\x1b[31m\x01\x7f^J\n^J\n^@"),
                     note(12345, "timed out after 10 ms waiting for the connection to close")},
  };
}

CaseResult non_strict_case() {
  return {
      .id = "heart-beat/server-honours-cy@1.1",
      .scenario = "heart-beat/server-honours-cy",
      .version = Version::V1_1,
      .section = "Heart-beating",
      .requirements = {"HB-03"},
      .spec = "1.1#Heart-beating",
      .level = Level::Should,
      .title = "The broker sends heart-beats at the negotiated interval",
      .verdict = Verdict::NonStrict,
      .expected = "a heart-beat at least every 100 ms",
      .actual = "a gap of 250 ms",
      .cited = {},
      .sentence = {},
      .findings = {{.check = "heart-beat",
                    .requirement = "HB-03",
                    .grade = Verdict::NonStrict,
                    .detail = "gap 250 ms > 100 ms"}},
      .duration_us = 1000499,
      .transcript = {sent(0, "CONNECT^J\naccept-version:1.1^J\nheart-beat:0,100^J\n^J\n^@"),
                     received(900, "CONNECTED^J\nversion:1.1^J\nheart-beat:100,0^J\n^J\n^@"),
                     received(101000, "^J"), received(351000, "^J")},
  };
}

CaseResult info_case() {
  return {
      .id = "connect/server-header@1.2",
      .scenario = "connect/server-header",
      .version = Version::V1_2,
      .section = "Connecting",
      .requirements = {"CN-09"},
      .spec = "1.2#CONNECTED_Frame",
      .level = Level::Info,
      .title = "What the server header says",
      .verdict = Verdict::Info,
      .expected = "",
      .actual = "server:Brökr/2.0 \xE2\x9C\x93",  // valid UTF-8 stays as it is
      .cited = {},
      .sentence = {},
      .findings = {},
      .duration_us = 1500,
      .transcript = {sent(0, kConnect12), received(1499, kConnected12)},
  };
}

CaseResult unsupported_case() {
  return {
      .id = "subscribe/ack-client-individual@1.1",
      .scenario = "subscribe/ack-client-individual",
      .version = Version::V1_1,
      .section = "Frames",
      .requirements = {"SB-04"},
      .spec = "1.1#SUBSCRIBE_ack_Header",
      .level = Level::May,
      .title = "ack:client-individual",
      .verdict = Verdict::Unsupported,
      .expected = "MESSAGE frames acknowledged one by one",
      .actual = "ERROR: unknown ack mode",
      .cited = {},
      .sentence = {},
      .findings = {},
      .duration_us = 4000,
      .transcript = {},
  };
}

CaseResult skipped_case() {
  return {
      .id = "connect/stomp-frame@1.0",
      .scenario = "connect/stomp-frame",
      .version = Version::V1_0,
      .section = "Connecting",
      .requirements = {},
      .spec = "1.0#CONNECT",
      .level = Level::Must,
      .title = "A STOMP frame gets a CONNECTED frame",
      .verdict = Verdict::Skipped,
      .expected = "",
      .actual = "version 1.0 not selected",
      .cited = {},
      .sentence = {},
      .findings = {},
      .duration_us = 0,
      .transcript = {},
  };
}

CaseResult error_case() {
  return {
      .id = "receipts/disconnect-receipt@1.2",
      .scenario = "receipts/disconnect-receipt",
      .version = Version::V1_2,
      .section = "Receipts",
      .requirements = {"RC-03"},
      .spec = "1.2#DISCONNECT",
      .level = Level::Should,
      .title = "DISCONNECT with a receipt gets a RECEIPT",
      .verdict = Verdict::Error,
      .expected = "RECEIPT with receipt-id:77",
      .actual = "connection reset by peer after \xC3\x28\xFF\xFE\xED\xA0\x80 (invalid UTF-8)",
      .cited = {},
      .sentence = {},
      .findings = {{.check = "receipt",
                    .requirement = "RC-03",
                    .grade = Verdict::Error,
                    .detail = "read: Connection reset by peer"}},
      .duration_us = 999,
      .transcript = {sent(0, kConnect12), received(400, kConnected12),
                     sent(500, "DISCONNECT^J\nreceipt:77^J\n^J\n^@"),
                     note(998, "read error: Connection reset by peer \xC0\xAF")},
  };
}

// Broker-profile cases (GRADING.md §7): tallied apart, never failing the run.
CaseResult profile_case(const std::string& slug, std::string title, Verdict verdict) {
  const bool passed = verdict == Verdict::Pass;
  return {
      .id = slug + "@1.2",
      .scenario = slug,
      .version = Version::V1_2,
      .section = "Broker profile",
      .requirements = {"SD-06"},
      .spec = "1.2#Protocol_Overview",
      .level = Level::Info,
      .title = std::move(title),
      .profile = true,
      .verdict = verdict,
      .expected = passed ? "m0..m9 once each, split between the 2 subscribers" : "10 + 10 messages",
      .actual = passed ? "6 + 4 messages (10 distinct)" : "5 + 5 messages",
      .cited = passed ? "" : "SD-06",
      .sentence = passed ? ""
                         : "The destination is opaque; delivery and reliability semantics are "
                           "server-specific.",
      .findings = {},
      .duration_us = passed ? 20000 : 2001000,
      .transcript = {},
  };
}

}  // namespace

RunResult sample_run(bool strict) {
  return {
      .info = {.tool = "stompcheck 0.1.0",
               .target = "127.0.0.1:61613",
               .started = "2026-12-01T08:00:00Z",
               .duration_us = 1234567,
               .strict = strict,
               .versions = {"1.0", "1.1", "1.2"},
               .interrupted = false,
               .selected = 9},
      // Connecting appears again after Heart-beating: its suite collects both.
      .cases = {pass_case(), fail_case(), non_strict_case(), info_case(), unsupported_case(),
                skipped_case(), error_case(),
                profile_case("profile/queue-competing-consumers",
                             "queue: 10 messages, 2 subscribers: every message delivered exactly "
                             "once",
                             Verdict::Pass),
                profile_case("profile/topic-fan-out",
                             "topic: 2 subscribers both get all 10 messages; a later subscriber "
                             "gets none",
                             Verdict::Fail)},
  };
}

RunResult all_octets_run() {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  RunResult run;
  run.info = {.tool = all,
              .target = all,
              .started = all,
              .duration_us = 1,
              .strict = true,
              .versions = {all}};
  for (const bool profile : {false, true}) {
    for (const Verdict v : kAllVerdicts) {
      run.cases.push_back({
          .id = all,
          .scenario = all,
          .version = Version::V1_2,
          .section = all,
          .requirements = {all, all},
          .spec = "1.2#" + all,
          .level = Level::Must,
          .title = all,
          .profile = profile,
          .verdict = v,
          .expected = all,
          .actual = all,
          .cited = all,
          .sentence = all,
          .findings = {{.check = all, .requirement = all, .grade = v, .detail = all}},
          .duration_us = 1,
          .transcript = {sent(1, all), note(2, all)},
      });
    }
  }
  return run;
}

}  // namespace stompcheck::reports::testing
