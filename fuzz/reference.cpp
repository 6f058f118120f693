#include "fuzz/reference.hpp"

#include <limits>
#include <optional>
#include <string>

namespace ref {
namespace {

using stomp::Command;
using stomp::Escaping;
using stomp::Event;
using stomp::ParseError;
using stomp::Status;
using stomp::Version;

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// GRADING.md §8: client-command | server-command. NACK and STOMP are not 1.0 (FR-24); only
// SEND, MESSAGE and ERROR have a body (FR-10); CONNECT, STOMP and CONNECTED are not escaped
// (FR-08).
struct CommandInfo {
  std::string_view name;
  Command command;
  bool client;
  bool in_1_0;
  bool body;
  bool escaped;
};
constexpr CommandInfo kCommands[] = {
    {"SEND", Command::Send, true, true, true, true},
    {"SUBSCRIBE", Command::Subscribe, true, true, false, true},
    {"UNSUBSCRIBE", Command::Unsubscribe, true, true, false, true},
    {"BEGIN", Command::Begin, true, true, false, true},
    {"COMMIT", Command::Commit, true, true, false, true},
    {"ABORT", Command::Abort, true, true, false, true},
    {"ACK", Command::Ack, true, true, false, true},
    {"NACK", Command::Nack, true, false, false, true},
    {"DISCONNECT", Command::Disconnect, true, true, false, true},
    {"CONNECT", Command::Connect, true, true, false, false},
    {"STOMP", Command::Stomp, true, false, false, false},
    {"CONNECTED", Command::Connected, false, true, false, false},
    {"MESSAGE", Command::Message, false, true, true, true},
    {"RECEIPT", Command::Receipt, false, true, false, true},
    {"ERROR", Command::Error, false, true, true, true},
};

const CommandInfo* by_name(std::string_view name) {
  for (const CommandInfo& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const CommandInfo& by_command(Command command) {
  for (const CommandInfo& c : kCommands) {
    if (c.command == command) return c;
  }
  return kCommands[0];
}

// Value_Encoding: \n \c \\ in 1.1 and 1.2, \r in 1.2 only.
std::optional<char> decoded(char c, Escaping e) {
  if (c == 'n') return '\n';
  if (c == 'c') return ':';
  if (c == '\\') return '\\';
  if (c == 'r' && e == Escaping::V1_2) return '\r';
  return std::nullopt;
}

// content-length = 1*DIGIT that fits (FR-14).
std::optional<std::size_t> digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::size_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    auto d = static_cast<std::size_t>(c - '0');
    if (n > (kNone - d) / 10) return std::nullopt;
    n = n * 10 + d;
  }
  return n;
}

bool high(char c) { return static_cast<unsigned char>(c) >= 0x80; }

std::size_t plus(std::size_t a, std::size_t b) { return a > kNone - b ? kNone : a + b; }

// One whole-stream parse. Each step returns false once it has recorded the stream's error.
struct Run {
  std::string_view in;
  Version v;
  stomp::Origin origin;
  std::size_t max_body;
  std::size_t max_frame;
  std::vector<Event> events;
  std::size_t p = 0;
  std::size_t length_at = 0;  // where the value of the frame's framing content-length starts

  bool crlf() const { return v == Version::V1_2; }  // EOL = [CR] LF only in 1.2
  bool error(ParseError code, std::size_t at) {
    events.push_back({.kind = Status::Error, .offset = at, .failure = {code, "", at}});
    return false;
  }
  bool eof() { return error(ParseError::UnexpectedEof, in.size()); }

  void stream() {
    while (p < in.size()) {
      if (in[p] == '\n') {  // EOLs between frames are heart-beats (FR-03)
        events.push_back({.kind = Status::Heartbeat, .offset = p++});
        continue;
      }
      if (in[p] == '\r' && crlf()) {
        if (p + 1 == in.size()) return (void)eof();
        if (in[p + 1] != '\n') return (void)error(ParseError::BareCarriageReturn, p);
        events.push_back({.kind = Status::Heartbeat, .offset = p});
        p += 2;
        continue;
      }
      if (!frame()) return;
    }
  }

  bool frame() {
    const std::size_t start = p;
    const std::size_t lf = in.find('\n', p);
    if (lf == std::string_view::npos) return eof();
    std::string_view line = in.substr(p, lf - p);
    if (crlf() && !line.empty() && line.back() == '\r') line.remove_suffix(1);
    const CommandInfo* c = by_name(line);
    if (c == nullptr) return error(ParseError::UnknownCommand, start);
    const bool wrong_peer = (origin == stomp::Origin::Client && !c->client) ||
                            (origin == stomp::Origin::Server && c->client);
    if ((v == Version::V1_0 && !c->in_1_0) || wrong_peer) {
      return error(ParseError::CommandNotAllowed, start);
    }
    p = lf + 1;
    stomp::Frame f{.command = c->command, .headers = {}, .body = {}};
    std::optional<std::size_t> length;
    const Escaping e = v == Version::V1_0 || !c->escaped ? Escaping::None
                       : v == Version::V1_1              ? Escaping::V1_1
                                                         : Escaping::V1_2;
    while (true) {  // *( header EOL ) EOL
      if (p == in.size()) return eof();
      if (in[p] == '\n') {
        ++p;
        break;
      }
      if (crlf() && in[p] == '\r') {
        if (p + 1 == in.size()) return eof();
        if (in[p + 1] == '\n') {
          p += 2;
          break;
        }
      }
      if (!header(e, f, length)) return false;
    }
    return body(*c, start, length, f);
  }

  // header = header-name ":" header-value, then EOL.
  bool header(Escaping e, stomp::Frame& f, std::optional<std::size_t>& length) {
    const std::size_t line = p;
    std::size_t colon = kNone;
    std::string name;
    std::string value;
    while (true) {
      if (p == in.size()) return eof();
      const char ch = in[p];
      if (ch == '\n') {
        ++p;
        break;
      }
      if (ch == '\r' && crlf()) {
        if (p + 1 == in.size()) return eof();
        if (in[p + 1] != '\n') return error(ParseError::BareCarriageReturn, p);
        p += 2;
        break;
      }
      if (v == Version::V1_0 && high(ch)) return error(ParseError::NonAsciiOctet, p);  // CHAR
      std::string& part = colon == kNone ? name : value;
      if (ch == ':' && colon == kNone) {
        if (p == line) return error(ParseError::EmptyHeaderName, line);
        colon = p++;
        continue;
      }
      if (ch == ':' && e != Escaping::None) return error(ParseError::ColonInValue, p);
      if (ch == '\\' && e != Escaping::None) {
        if (p + 1 == in.size()) return eof();
        std::optional<char> d = decoded(in[p + 1], e);
        if (!d) return error(ParseError::UndefinedEscape, p);
        part.push_back(*d);
        p += 2;
        continue;
      }
      part.push_back(ch);
      ++p;
    }
    if (colon == kNone) return error(ParseError::MissingColon, line);
    if (v == Version::V1_0 && value.empty()) return error(ParseError::EmptyHeaderValue, colon + 1);
    if (name == "content-length" && !length) {  // the first one frames the body (FR-18)
      length = digits(value);
      if (!length) return error(ParseError::InvalidContentLength, colon + 1);
      length_at = colon + 1;
    }
    f.headers.push_back({std::move(name), std::move(value)});
    return true;
  }

  // *OCTET NULL: content-length octets whatever they hold (FR-11), else up to the first NUL.
  bool body(const CommandInfo& c, std::size_t start, std::optional<std::size_t> length,
            stomp::Frame& f) {
    const bool allowed = v == Version::V1_0 || c.body;
    if (length) {
      const std::size_t n = *length;
      if (n > 0 && !allowed) return error(ParseError::BodyNotAllowed, p);
      // Limits are judged on the claim, before reading: the limit passed first is reported
      // (when both are passed at one offset, the frame limit), at the claim's value.
      const std::size_t before = p - start;  // command line and headers
      const std::size_t body_at = n > max_body ? plus(p, max_body) : kNone;
      const std::size_t frame_at =
          before >= max_frame || n >= max_frame - before ? plus(start, max_frame) : kNone;
      if (frame_at != kNone && frame_at <= body_at) {
        return error(ParseError::FrameTooLarge, length_at);
      }
      if (body_at != kNone) return error(ParseError::BodyTooLarge, length_at);
      if (in.size() - p <= n) return eof();
      if (in[p + n] != '\0') return error(ParseError::MissingNul, p + n);
      f.body = in.substr(p, n);
      p += n + 1;
    } else {
      if (p == in.size()) return eof();
      if (!allowed && in[p] != '\0') return error(ParseError::BodyNotAllowed, p);
      const std::size_t nul = in.find('\0', p);
      if (nul == std::string_view::npos) return eof();
      f.body = in.substr(p, nul - p);
      p = nul + 1;
    }
    events.push_back({.kind = Status::Frame, .offset = start, .frame = std::move(f)});
    return true;
  }
};

}  // namespace

std::vector<Event> parse(std::string_view stream, Version v, stomp::Origin origin,
                         std::size_t max_body, std::size_t max_frame) {
  Run run{.in = stream,
          .v = v,
          .origin = origin,
          .max_body = max_body,
          .max_frame = max_frame,
          .events = {},
          .p = 0};
  run.stream();
  return std::move(run.events);
}

stomp::Unescaped unescape(std::string_view wire, Escaping e, bool keep_undefined) {
  stomp::Unescaped r;
  for (std::size_t i = 0; i < wire.size(); ++i) {
    if (e == Escaping::None || wire[i] != '\\') {
      r.value.push_back(wire[i]);
      continue;
    }
    std::optional<char> d = i + 1 < wire.size() ? decoded(wire[i + 1], e) : std::nullopt;
    if (d) {
      r.value.push_back(*d);
      ++i;
    } else if (keep_undefined) {
      r.value.push_back('\\');
    } else {
      r.error_at = i;
      return r;
    }
  }
  return r;
}

bool encodable(const stomp::Frame& f, const stomp::EncodeOptions& o) {
  const CommandInfo& c = by_command(f.command);
  const Version v = o.version;
  if (v == Version::V1_0 && !c.in_1_0) return false;
  if (o.crlf && v != Version::V1_2) return false;  // CR LF EOLs are 1.2 only (FR-02)
  if (!f.body.empty() && !c.body && v != Version::V1_0) return false;
  // Unescaped headers carry their octets as they are: no LF anywhere, no ':' in a name, no CR
  // in 1.2 (only CR LF), US-ASCII and non-empty values in 1.0.
  auto literal = [&](std::string_view text, bool is_name) {
    for (char ch : text) {
      if (ch == '\n' || (is_name && ch == ':')) return false;
      if (ch == '\r' && v == Version::V1_2) return false;
      if (high(ch) && v == Version::V1_0) return false;
    }
    return is_name || v != Version::V1_0 || !text.empty();
  };
  const bool escaped = v != Version::V1_0 && c.escaped;
  for (const stomp::Header& h : f.headers) {
    if (h.name.empty()) return false;
    if (!escaped && (!literal(h.name, true) || !literal(h.value, false))) return false;
  }
  for (const stomp::Header& h : f.headers) {
    if (h.name == "content-length") return digits(h.value) == f.body.size();
  }
  return true;
}

}  // namespace ref
