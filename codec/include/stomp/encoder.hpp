#pragma once
// Frame encoder: version-aware escaping, content-length when needed, optional CRLF.
#include <cstdint>
#include <string>

#include <stomp/command.hpp>
#include <stomp/frame.hpp>

namespace stomp {

struct EncodeOptions {
  Version version = Version::V1_2;
  bool content_length = false;  // add one (when absent) to SEND, MESSAGE, ERROR
  bool crlf = false;            // CR LF line ends; 1.2 only (FR-02)
};

// Why a frame cannot be written in a version's strict grammar.
enum class EncodeError : std::uint8_t {
  None,
  CommandNotInVersion,    // NACK or STOMP in 1.0 (FR-24)
  EmptyHeaderName,        // FR-20
  Unrepresentable,        // an octet the version cannot carry in that place (FR-08, FR-22)
  BodyNotAllowed,         // FR-10
  ContentLengthMismatch,  // a content-length header that does not count the body (FR-11)
  CrlfNotInVersion,       // CR LF EOLs exist in 1.2 only (FR-02)
};

std::string_view to_string(EncodeError e);

// Appends the frame to `out`; on error `out` is left as it was.
// A body holding a NUL always gets a content-length (FR-12).
EncodeError encode_to(std::string& out, const Frame& frame, const EncodeOptions& options = {});

struct Encoded {
  std::string bytes;
  EncodeError error = EncodeError::None;
  bool ok() const { return error == EncodeError::None; }
};
Encoded encode(const Frame& frame, const EncodeOptions& options = {});

}  // namespace stomp
