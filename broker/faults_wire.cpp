// The head-rewriting defects: what a sloppy parser makes of a client frame's command line and
// header lines, expressed as the head the strict parser then reads.
#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <vector>

#include "broker/faults.hpp"

namespace stompcheck::broker {
namespace {

using enum Defect;

constexpr std::array<Defect, 13> kHeadDefects{
    LowercaseCommands,        CommandPrefix,         CommandTrailingSpace, HeaderWithoutColon,
    EmptyHeaderName,          ColonInValueTruncated, LastHeaderWins,       SecondContentLength,
    IgnoreContentLength,      CrlfRejected,          CrEscapeIn11,         DanglingBackslashKept,
    CrlfBetweenFramesRejected};

// Longest first, so that UNSUBSCRIBE is not read as a prefix match of something shorter.
constexpr std::array<std::string_view, 11> kClientCommands{
    "UNSUBSCRIBE", "DISCONNECT", "SUBSCRIBE", "CONNECT", "COMMIT", "ABORT",
    "BEGIN",       "STOMP",      "SEND",      "NACK",    "ACK"};

std::string command_line(std::string cmd, const Defects& d) {
  if (d.has(LowercaseCommands)) {
    for (char& ch : cmd) {
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    }
  }
  if (d.has(CommandTrailingSpace)) {
    while (!cmd.empty() && (cmd.back() == ' ' || cmd.back() == '\t')) cmd.pop_back();
  }
  if (d.has(CommandPrefix)) {
    for (std::string_view k : kClientCommands) {
      if (cmd.size() > k.size() && cmd.starts_with(k)) return std::string(k);
    }
  }
  return cmd;
}

// 1.1 read with 1.2's escape set: `\r` becomes a CR octet, which 1.1 values may hold.
std::string cr_escape(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      if (value[i + 1] == 'r') {
        out += '\r';
      } else {
        out += value.substr(i, 2);
      }
      ++i;
      continue;
    }
    out += value[i];
  }
  return out;
}

}  // namespace

bool rewrites_heads(const Defects& d) {
  return std::any_of(kHeadDefects.begin(), kHeadDefects.end(), [&](Defect x) { return d.has(x); });
}

std::size_t head_length(std::string_view in) {
  for (std::size_t i = in.find('\n'); i != std::string_view::npos; i = in.find('\n', i + 1)) {
    if (i + 1 < in.size() && in[i + 1] == '\n') return i + 2;
    if (i + 2 < in.size() && in[i + 1] == '\r' && in[i + 2] == '\n') return i + 3;
  }
  return std::string_view::npos;
}

Head rewrite_head(std::string_view head, const Defects& d, stomp::Version v, bool connected) {
  const bool v12 = v == stomp::Version::V1_2;
  if (d.has(CrlfRejected) && v12 && head.find("\r\n") != std::string_view::npos) {
    return {{}, "CR before LF: lines must end with LF"};
  }
  struct Line {
    std::string text;      // without its EOL
    std::string_view eol;  // "\n" or "\r\n" (a literal)
  };
  std::vector<Line> lines;
  std::size_t at = 0;
  while (at < head.size()) {
    std::size_t lf = head.find('\n', at);
    std::string_view line = head.substr(at, lf - at);
    const bool crlf = v12 && !line.empty() && line.back() == '\r';
    if (crlf) line.remove_suffix(1);
    lines.push_back({std::string(line), crlf ? "\r\n" : "\n"});
    at = lf + 1;
  }
  if (lines.size() < 2) return {std::string(head), {}};
  Line blank = lines.back();
  lines.pop_back();
  lines.front().text = command_line(lines.front().text, d);
  const std::string_view cmd = lines.front().text;
  const bool escaped = connected && v != stomp::Version::V1_0 && cmd != "CONNECT" && cmd != "STOMP";
  std::vector<Line> out{lines.front()};
  std::map<std::string, std::size_t> last;  // header name -> index in out of its last entry
  std::vector<bool> keep;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string text = lines[i].text;
    std::size_t colon = text.find(':');
    if (colon == std::string::npos && d.has(HeaderWithoutColon)) continue;
    if (colon == 0 && d.has(EmptyHeaderName)) continue;
    if (colon != std::string::npos && escaped) {
      std::string name = text.substr(0, colon);
      std::string value = text.substr(colon + 1);
      if (d.has(ColonInValueTruncated)) value = value.substr(0, value.find(':'));
      if (d.has(CrEscapeIn11) && v == stomp::Version::V1_1) value = cr_escape(value);
      if (d.has(DanglingBackslashKept)) {
        std::size_t n = 0;
        while (n < value.size() && value[value.size() - 1 - n] == '\\') ++n;
        if (n % 2 == 1) value += '\\';  // the lone `\` read as a literal one
      }
      text = name + ":" + value;
    }
    if (colon != std::string::npos) {
      std::string name = text.substr(0, colon);
      if (name == "content-length" && cmd == "SEND" && d.has(IgnoreContentLength)) continue;
      const bool length = name == "content-length";
      if ((length && d.has(SecondContentLength)) || (!length && d.has(LastHeaderWins))) {
        if (auto it = last.find(name); it != last.end()) keep[it->second] = false;
        last[name] = out.size();
      }
    }
    out.push_back({text, lines[i].eol});
    keep.resize(out.size(), true);
  }
  keep.resize(out.size(), true);
  keep[0] = true;
  Head h;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!keep[i]) continue;
    h.bytes += out[i].text;
    h.bytes += out[i].eol;
  }
  h.bytes += blank.text;
  h.bytes += blank.eol;
  return h;
}

}  // namespace stompcheck::broker
