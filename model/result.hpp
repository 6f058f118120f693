#pragma once
// The plain result model of a conformance run: what every report writer reads. Values only.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <stomp/command.hpp>

namespace stompcheck {

// Graded verdicts (GRADING.md, grade table). Declaration order is report order.
enum class Verdict : std::uint8_t {
  Pass,
  Fail,         // a MUST broken
  NonStrict,    // a SHOULD broken: fails the run only under --strict
  Info,         // recorded behaviour, no normative rule
  Unsupported,  // a MAY feature absent
  Skipped,      // not applicable to this broker (e.g. it does not speak the version)
  Error,        // harness or network trouble, not the broker's fault
};
inline constexpr std::size_t kVerdicts = 7;

// "PASS", "FAIL", "NON-STRICT", "INFO", "UNSUPPORTED", "SKIPPED", "ERROR".
std::string_view to_string(Verdict v);
// The verdict of a case from two grades: FAIL > ERROR > NON-STRICT > the first of the two.
// So a FAIL or NON-STRICT finding overrides PASS / INFO / UNSUPPORTED / SKIPPED, and an
// observed FAIL stands even when the harness then failed.
Verdict worse(Verdict a, Verdict b);
// Does this verdict fail the run (exit code 1)?
bool fails_run(Verdict v, bool strict);

// RFC 2119 level of the requirement a scenario checks.
enum class Level : std::uint8_t { Must, Should, May, Info };
std::string_view to_string(Level l);  // "MUST", "SHOULD", "MAY", "INFO"

enum class Direction : std::uint8_t { Sent, Received, Note };
std::string_view to_string(Direction d);  // "C>S", "S>C", "note"

// One timestamped line of a case's wire transcript.
struct TranscriptEntry {
  std::int64_t at_us = 0;  // since the case started
  int conn = 0;            // which of the case's connections (1, 2, ...); 0 for notes
  Direction dir = Direction::Note;
  std::string data;  // octets in caret notation (stomp::show, LF kept), or the note's text
  bool operator==(const TranscriptEntry&) const = default;
};

// What a cross-cutting check (lint, close after ERROR, receipts) found on an exchange.
struct Finding {
  std::string check;        // e.g. "lint", "close-after-error", "receipt-for-failed-frame"
  std::string requirement;  // e.g. "ER-01"
  Verdict grade = Verdict::Info;
  std::string detail;
  bool operator==(const Finding&) const = default;
};

struct CaseResult {
  std::string id;        // "<scenario slug>@<version>", e.g. "connect/stomp-frame@1.2"
  std::string scenario;  // the slug
  stomp::Version version = stomp::Version::V1_2;
  std::string section;  // spec section, e.g. "Connecting": one JUnit testsuite each
  std::vector<std::string> requirements;  // catalogue ids, e.g. {"CN-01"}
  std::string spec;                       // citation "1.2#CONNECT_or_STOMP_Frame"
  Level level = Level::Must;  // of the first requirement at this version (the catalogue's)
  std::string title;
  bool profile = false;  // a broker-profile case (GRADING.md §7): tallied apart, never fails a run
  Verdict verdict = Verdict::Error;
  std::string expected;
  std::string actual;
  std::string cited;     // the requirement the verdict is about (when not PASS), e.g. "MS-03"
  std::string sentence;  // its specification sentence at this version, h2spec style
  std::vector<Finding> findings;  // every check that noted something, graded
  std::int64_t duration_us = 0;
  std::vector<TranscriptEntry> transcript;
  bool operator==(const CaseResult&) const = default;
};

struct RunInfo {
  std::string tool;     // "stompcheck 0.1.0" (model/version.hpp kToolVersion)
  std::string target;   // "127.0.0.1:61613", or "embedded reference broker (127.0.0.1:PORT)"
  std::string started;  // ISO 8601 UTC, e.g. "2026-12-01T08:00:00Z"
  std::int64_t duration_us = 0;
  bool strict = false;
  std::vector<std::string> versions;  // as selected, e.g. {"1.0", "1.1", "1.2"}
  // A run cut short (SIGINT / SIGTERM): the cases after the one in flight did not run, and
  // that one is an ERROR ("interrupted"). `selected` counts the cases the run was to run;
  // RunResult::cases holds the ones that ran.
  bool interrupted = false;
  std::size_t selected = 0;
  bool operator==(const RunInfo&) const = default;
};

struct RunResult {
  RunInfo info;
  std::vector<CaseResult> cases;  // in run order (catalogue order)
  bool operator==(const RunResult&) const = default;
};

// One kind of case counted: per verdict, the two numbers of the closing "N passed, N failed"
// line, and what the cross-cutting checks found (so an INFO finding on a PASS is counted).
struct Tally {
  std::array<std::size_t, kVerdicts> count{};
  std::size_t of(Verdict v) const { return count[static_cast<std::size_t>(v)]; }
  std::size_t failed = 0;  // verdicts that fail the run (were these conformance cases)
  std::size_t passed = 0;  // verdicts that neither fail the run nor are ERROR / SKIPPED
  std::array<std::size_t, kVerdicts> findings{};  // findings per grade, over all the cases
  std::size_t findings_of(Verdict grade) const { return findings[static_cast<std::size_t>(grade)]; }
  std::size_t with_findings = 0;  // cases with at least one finding
  std::size_t cases() const;      // the sum of count
  bool operator==(const Tally&) const = default;
};

// A run counted, conformance and broker-profile cases apart (GRADING.md §7: profile results
// are reported separately). Only `conformance` decides the run (run_status).
struct RunTally {
  Tally conformance;  // cases with profile == false
  Tally profile;      // cases with profile == true
  bool operator==(const RunTally&) const = default;
};
RunTally tally(const std::vector<CaseResult>& cases, bool strict);

// What a run says about the broker, from its conformance cases alone: a profile case never
// changes it. In order of precedence.
enum class RunStatus : std::uint8_t {
  Failed,        // a conformance case fails the run (FAIL, or NON-STRICT under --strict)
  HarnessError,  // nothing failed, but a conformance case ended in ERROR
  NothingRan,    // nothing failed or erred, and no conformance case passed (all SKIPPED, none)
  Clean,         // at least one conformance case passed and none failed or erred
};
RunStatus run_status(const RunResult& run);

// "1.2#Value_Encoding" -> "https://stomp.github.io/stomp-specification-1.2.html#Value_Encoding"
// (GRADING.md §0); any other text is returned unchanged.
std::string spec_url(std::string_view citation);

}  // namespace stompcheck
