#include "reports/text.hpp"

#include <cstddef>

#include "model/requirements.hpp"

namespace stompcheck::reports {
namespace {

// Length of the well-formed UTF-8 sequence at the start of `s` (Unicode Table 3-7), or 0.
std::size_t utf8_length(std::string_view s) {
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = at(0);
  std::size_t length = 0;
  unsigned char low = 0x80;  // allowed range of the second octet
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // no overlong forms
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  }
  if (length == 0 || s.size() < length) return 0;
  if (at(1) < low || at(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (at(i) < 0x80 || at(i) > 0xBF) return 0;
  }
  // U+FFFE and U+FFFF are not characters in XML 1.0 (XML 1.0 §2.2 Char).
  if (length == 3 && lead == 0xEF && at(1) == 0xBF && at(2) >= 0xBE) return 0;
  return length;
}

void append_hex(std::string& out, unsigned char octet) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.append("^x");
  out.push_back(kHex[octet >> 4]);
  out.push_back(kHex[octet & 15]);
}

}  // namespace

std::string displayable(std::string_view text, std::string_view keep) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto octet = static_cast<unsigned char>(c);
    if (octet < 0x80) {
      if ((octet >= 0x20 && octet != 0x7F) || keep.find(c) != std::string_view::npos) {
        out.push_back(c);
      } else if (octet == 0x7F) {
        out.append("^?");
      } else {
        out.push_back('^');
        out.push_back(static_cast<char>(octet + '@'));
      }
      ++i;
    } else if (const std::size_t length = utf8_length(text.substr(i)); length > 0) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      append_hex(out, octet);
      ++i;
    }
  }
  return out;
}

std::string citation(const CaseResult& c) {
  if (c.cited.empty()) return "";
  std::string out = c.cited;
  if (const Requirement* r = find_requirement(c.cited); r != nullptr) {
    if (const Statement* s = r->at(c.version); s != nullptr && !s->anchor.empty()) {
      out += " (" + s->anchor + ")";
    }
  }
  if (!c.sentence.empty()) out += ": " + c.sentence;
  return out;
}

std::string fixed_point(std::int64_t units, int decimals) {
  std::string sign = units < 0 ? "-" : "";
  // Magnitude as unsigned, so INT64_MIN does not overflow.
  const std::uint64_t magnitude =
      units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
  std::string digits = std::to_string(magnitude);
  const auto places = static_cast<std::size_t>(decimals > 0 ? decimals : 0);
  if (places == 0) return sign + digits;
  if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
  digits.insert(digits.size() - places, 1, '.');
  return sign + digits;
}

}  // namespace stompcheck::reports
