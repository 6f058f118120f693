#pragma once
// Header value encoding (1.2#Value_Encoding, 1.1#Value_Encoding).
#include <cstddef>
#include <string>
#include <string_view>

#include <stomp/command.hpp>

namespace stomp {

// Which escape set applies to a frame's headers.
enum class Escaping : std::uint8_t {
  None,  // 1.0, CONNECT, STOMP, CONNECTED: octets are literal (FR-08, FR-22)
  V1_1,  // \n \c \\ (1.1#Value_Encoding)
  V1_2,  // \r \n \c \\ (1.2#Value_Encoding)
};

constexpr Escaping escaping_for(Version v, Command c) {
  if (!uses_escapes(c, v)) return Escaping::None;
  return v == Version::V1_1 ? Escaping::V1_1 : Escaping::V1_2;
}

// Appends `raw` with CR (1.2), LF, ':' and '\' escaped (FR-07). Under V1_1 a CR is left
// as is: 1.1 has no escape for it and CR is a legal 1.1 value octet.
void escape_to(std::string& out, std::string_view raw, Escaping e);
std::string escape(std::string_view raw, Escaping e);

struct Unescaped {
  std::string value;
  std::size_t error_at = npos;  // index of the '\' that starts an undefined escape (FR-06)
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  bool ok() const { return error_at == npos; }
};
// Decodes escapes (FR-05). With `keep_undefined`, an undefined escape stays literal.
Unescaped unescape(std::string_view wire, Escaping e, bool keep_undefined = false);

}  // namespace stomp
