#include <stomp/escape.hpp>

namespace stomp {

void escape_to(std::string& out, std::string_view raw, Escaping e) {
  if (e == Escaping::None) {
    out.append(raw);
    return;
  }
  // Copies the runs between octets that need escaping in one append each.
  std::size_t run = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::string_view code;
    switch (raw[i]) {
      case '\n': code = "\\n"; break;
      case ':': code = "\\c"; break;
      case '\\': code = "\\\\"; break;
      case '\r':
        if (e == Escaping::V1_2) code = "\\r";
        break;
      default: break;
    }
    if (code.empty()) continue;
    out.append(raw.substr(run, i - run)).append(code);
    run = i + 1;
  }
  out.append(raw.substr(run));
}

std::string escape(std::string_view raw, Escaping e) {
  std::string out;
  out.reserve(raw.size());
  escape_to(out, raw, e);
  return out;
}

Unescaped unescape(std::string_view wire, Escaping e, bool keep_undefined) {
  Unescaped r;
  if (e == Escaping::None) {
    r.value.assign(wire);
    return r;
  }
  r.value.reserve(wire.size());
  for (std::size_t i = 0; i < wire.size(); ++i) {
    char ch = wire[i];
    if (ch != '\\') {
      r.value.push_back(ch);
      continue;
    }
    char next = i + 1 < wire.size() ? wire[i + 1] : '\0';
    char decoded = '\0';
    if (next == 'n') decoded = '\n';
    if (next == 'c') decoded = ':';
    if (next == '\\') decoded = '\\';
    if (next == 'r' && e == Escaping::V1_2) decoded = '\r';
    if (decoded != '\0' && i + 1 < wire.size()) {
      r.value.push_back(decoded);
      ++i;
    } else if (keep_undefined) {
      r.value.push_back(ch);
    } else {
      r.error_at = i;
      return r;
    }
  }
  return r;
}

}  // namespace stomp
