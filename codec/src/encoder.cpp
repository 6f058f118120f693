#include <charconv>

#include <stomp/encoder.hpp>
#include <stomp/escape.hpp>

namespace stomp {
namespace {

// Octets a version cannot carry in a header (GRADING.md §8). With escapes every octet
// can be written: 1.2 escapes CR, and 1.1 allows a raw CR (1.1#Augmented_BNF).
bool representable(std::string_view text, Escaping e, Version v, bool is_name) {
  if (is_name && text.empty()) return false;
  if (e != Escaping::None) return true;
  for (char c : text) {
    if (c == '\n' || (is_name && c == ':')) return false;
    if (c == '\r' && v == Version::V1_2) return false;  // FR-02: CR only before LF
    if (v == Version::V1_0 && static_cast<unsigned char>(c) >= 0x80) return false;  // FR-22
  }
  return !(v == Version::V1_0 && !is_name && text.empty());  // 1.0 values are 1*CHAR
}

bool counts_body(std::string_view value, std::size_t size) {
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  return ec == std::errc{} && end == value.data() + value.size() && n == size;
}

EncodeError check(const Frame& f, const EncodeOptions& o, Escaping e) {
  if (!exists_in(f.command, o.version)) return EncodeError::CommandNotInVersion;
  if (o.crlf && o.version != Version::V1_2) return EncodeError::CrlfNotInVersion;
  if (!f.body.empty() && !may_have_body(f.command) && o.version != Version::V1_0) {
    return EncodeError::BodyNotAllowed;
  }
  for (const Header& h : f.headers) {
    if (h.name.empty()) return EncodeError::EmptyHeaderName;
    if (!representable(h.name, e, o.version, true) ||
        !representable(h.value, e, o.version, false)) {
      return EncodeError::Unrepresentable;
    }
  }
  auto length = f.header("content-length");
  if (length && !counts_body(*length, f.body.size())) return EncodeError::ContentLengthMismatch;
  return EncodeError::None;
}

}  // namespace

std::string_view to_string(EncodeError e) {
  switch (e) {
    case EncodeError::None: return "None";
    case EncodeError::CommandNotInVersion: return "CommandNotInVersion";
    case EncodeError::EmptyHeaderName: return "EmptyHeaderName";
    case EncodeError::Unrepresentable: return "Unrepresentable";
    case EncodeError::BodyNotAllowed: return "BodyNotAllowed";
    case EncodeError::ContentLengthMismatch: return "ContentLengthMismatch";
    case EncodeError::CrlfNotInVersion: return "CrlfNotInVersion";
  }
  return "?";
}

EncodeError encode_to(std::string& out, const Frame& f, const EncodeOptions& o) {
  Escaping e = escaping_for(o.version, f.command);
  if (EncodeError err = check(f, o, e); err != EncodeError::None) return err;
  std::string_view eol = o.crlf ? "\r\n" : "\n";
  out.append(to_string(f.command)).append(eol);
  for (const Header& h : f.headers) {
    escape_to(out, h.name, e);
    out.push_back(':');
    escape_to(out, h.value, e);
    out.append(eol);
  }
  bool needs_length =
      f.body.find('\0') != std::string::npos || (o.content_length && may_have_body(f.command));
  if (needs_length && !f.header("content-length")) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, f.body.size());
    out.append("content-length:").append(digits, end).append(eol);
  }
  out.append(eol).append(f.body).push_back('\0');
  return EncodeError::None;
}

Encoded encode(const Frame& frame, const EncodeOptions& options) {
  Encoded r;
  r.error = encode_to(r.bytes, frame, options);
  return r;
}

}  // namespace stomp
