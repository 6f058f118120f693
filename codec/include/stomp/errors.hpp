#pragma once
// Parse errors: each value names the rule it enforces.
#include <cstdint>
#include <string>
#include <string_view>

namespace stomp {

enum class ParseError : std::uint8_t {
  None,
  UnexpectedEof,         // stream ended inside a frame (FR-01, 1.2#STOMP_Frames)
  UnknownCommand,        // not a command of the grammar; case-sensitive (FR-04, FR-23)
  CommandNotAllowed,     // a command of the other peer, or absent from this version (FR-24)
  BareCarriageReturn,    // 1.2: CR only as part of CR LF (FR-02, 1.2#Augmented_BNF)
  MissingColon,          // header line without ':' (FR-20)
  EmptyHeaderName,       // header-name = 1*<...> (FR-20)
  ColonInValue,          // 1.1/1.2 header-value excludes ':' (FR-21)
  EmptyHeaderValue,      // 1.0 header-value = 1*<any CHAR except LF> (FR-22)
  NonAsciiOctet,         // 1.0 headers are CHAR, US-ASCII 0-127 (FR-22)
  UndefinedEscape,       // fatal protocol error (FR-06, 1.2#Value_Encoding)
  InvalidContentLength,  // not 1*DIGIT, or overflowing (FR-14)
  MissingNul,            // the octet after content-length octets must be NULL (FR-11, FR-14)
  BodyNotAllowed,        // only SEND, MESSAGE, ERROR have a body (FR-10, 1.2#Body)
  TooManyHeaders,        // Limits::max_headers (FR-19, 1.2#Size_Limits)
  LineTooLong,           // Limits::max_line
  BodyTooLarge,          // Limits::max_body
  FrameTooLarge,         // Limits::max_frame
};

// The error name as spelled in golden files and reports, e.g. "UndefinedEscape".
std::string_view to_string(ParseError e);
// The requirement id and spec anchor the error enforces, e.g. "FR-06 (1.2#Value_Encoding)".
std::string_view rule_of(ParseError e);

// A sticky parse failure: what, why, and where (offset of the offending octet in the stream).
struct ParseFailure {
  ParseError code = ParseError::None;
  std::string reason;
  std::uint64_t offset = 0;
  bool operator==(const ParseFailure&) const = default;
};

}  // namespace stomp
