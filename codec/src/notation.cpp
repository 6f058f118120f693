#include <stomp/notation.hpp>

namespace stomp {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string wire(std::string_view notation) {
  std::string out;
  out.reserve(notation.size());
  for (std::size_t i = 0; i < notation.size(); ++i) {
    char c = notation[i];
    char next = i + 1 < notation.size() ? notation[i + 1] : '\0';
    if (c == '^' && next >= '@' && next <= '_') {
      out.push_back(static_cast<char>(next - '@'));
      ++i;
    } else if (c == '^' && next == '?') {
      out.push_back('\x7f');
      ++i;
    } else if (c == '^' && next == 'x' && i + 3 < notation.size() &&
               hex_digit(notation[i + 2]) >= 0 && hex_digit(notation[i + 3]) >= 0) {
      out.push_back(
          static_cast<char>(hex_digit(notation[i + 2]) * 16 + hex_digit(notation[i + 3])));
      i += 3;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string show(std::string_view bytes, bool keep_lf) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n' && keep_lf) {
      out.push_back(c);
    } else if (u < 0x20) {
      out.push_back('^');
      out.push_back(static_cast<char>(u + '@'));
    } else if (u == 0x7f) {
      out.append("^?");
    } else if (u >= 0x80 || c == '^') {
      out.append("^x");
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace stomp
