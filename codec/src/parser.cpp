#include <algorithm>
#include <cstring>
#include <stomp/parser.hpp>

#include "scan.hpp"

namespace stomp {
namespace {

using detail::sat_add;

constexpr std::size_t kChunk = 16 * 1024;  // most octets copied per step into the buffer
constexpr std::string_view kContentLength = "content-length";

// content-length = 1*DIGIT, no sign, no spaces, no hex, no overflow (FR-14).
bool parse_length(std::string_view text, std::size_t& out) {
  if (text.empty()) return false;
  std::size_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    auto digit = static_cast<std::size_t>(c - '0');
    if (n > (static_cast<std::size_t>(-1) - digit) / 10) return false;
    n = n * 10 + digit;
  }
  out = n;
  return true;
}

bool origin_allows(Origin o, Command c) {
  return o == Origin::Any || (o == Origin::Client) == is_client_command(c);
}

std::string quoted(std::string_view bytes) {
  std::string out = "\"";
  for (char c : bytes.substr(0, 40)) {
    out.push_back(static_cast<unsigned char>(c) < 0x20 || c == '"' ? '?' : c);
  }
  return out + (bytes.size() > 40 ? "...\"" : "\"");
}

}  // namespace

Parser::Parser(ParserOptions options) : options_(options) {}

void Parser::reset() { *this = Parser(options_); }

// Only SEND, MESSAGE and ERROR carry a body (FR-10); 1.0 has no such rule.
bool Parser::body_allowed() const {
  return may_have_body(command_) || options_.version == Version::V1_0 ||
         options_.lenient.body_on_any_command;
}

bool Parser::cr_ends_line() const {
  return options_.version == Version::V1_2 || options_.lenient.crlf;
}

Step Parser::fail(ParseError code, std::size_t at, std::string reason) {
  failure_ = {code, std::move(reason), offset_ + at};
  phase_ = Phase::Failed;
  return {0, Status::Error};
}

Step Parser::feed(std::string_view in) {
  if (phase_ == Phase::Failed) return {0, Status::Error};
  if (!buffered_) {
    if (in.empty()) return {0, Status::NeedMore};
    Step s = scan(in.data(), in.size());
    if (s.status == Status::NeedMore) {
      buf_.assign(in);
      buffered_ = true;
      return {in.size(), Status::NeedMore};
    }
    offset_ += s.consumed;
    return s;
  }
  std::size_t used = 0;
  while (true) {
    // Copy no more than the unit can still take, so memory stays within the limits.
    std::size_t cap = sat_add(options_.limits.max_frame, 2);
    std::size_t want = phase_ == Phase::Body && has_length_
                           ? body_ + content_length_ + 1 - buf_.size()
                           : std::min(kChunk, buf_.size() < cap ? cap - buf_.size() : 1);
    std::size_t take = std::min(want, in.size() - used);
    buf_.append(in.data() + used, take);
    used += take;
    Step s = scan(buf_.data(), buf_.size());
    if (s.status == Status::NeedMore) {
      if (used == in.size()) return {used, Status::NeedMore};
      continue;
    }
    if (s.status == Status::Error) return s;
    used -= buf_.size() - s.consumed;  // octets past the unit stay with the caller
    buf_.resize(s.consumed);
    buffered_ = false;
    offset_ += s.consumed;
    return {used, s.status};
  }
}

Step Parser::finish() {
  if (phase_ == Phase::Failed) return {0, Status::Error};
  if (buffered_) {
    return fail(ParseError::UnexpectedEof, buf_.size(), "stream ended inside a frame");
  }
  return {0, Status::NeedMore};
}

Step Parser::scan(const char* b, std::size_t n) {
  if (phase_ == Phase::Start) {
    // EOLs between frames are heart-beats (FR-03, HB-04).
    if (b[0] == '\n') return {1, Status::Heartbeat};
    if (b[0] == '\r' && cr_ends_line()) {
      if (n < 2) return {0, Status::NeedMore};
      if (b[1] == '\n') return {2, Status::Heartbeat};
      if (options_.version == Version::V1_2 && !options_.lenient.bare_cr) {
        return fail(ParseError::BareCarriageReturn, 0, "CR not followed by LF between frames");
      }
    }
    phase_ = Phase::Command;
    pos_ = 0;
    spans_.clear();
    has_length_ = false;
    length_header_ = 0;
  }
  if (phase_ == Phase::Command) {
    if (Step s = scan_command(b, n); s.status != Status::Frame) return s;
  }
  if (phase_ == Phase::Headers) {
    if (Step s = scan_headers(b, n); s.status != Status::Frame) return s;
  }
  return scan_body(b, n);
}

// Returns Status::Frame to mean "line done, go on".
Step Parser::scan_command(const char* b, std::size_t n) {
  const Limits& limits = options_.limits;
  std::size_t line_end = sat_add(limits.max_line, cr_ends_line() ? 2 : 1);
  std::size_t stop = std::min({n, line_end, limits.max_frame});
  const void* lf = std::memchr(b + pos_, '\n', stop - pos_);
  if (lf == nullptr) {
    pos_ = stop;
    if (stop == n && n < std::min(line_end, limits.max_frame)) return {0, Status::NeedMore};
    return line_end <= limits.max_frame
               ? fail(ParseError::LineTooLong, limits.max_line, "command line too long")
               : fail(ParseError::FrameTooLarge, limits.max_frame, "frame too large");
  }
  std::size_t end = static_cast<std::size_t>(static_cast<const char*>(lf) - b);
  std::size_t content_end = end;
  if (content_end > 0 && b[content_end - 1] == '\r' && cr_ends_line()) --content_end;
  if (content_end > limits.max_line) {
    return fail(ParseError::LineTooLong, limits.max_line, "command line too long");
  }
  std::string_view text(b, content_end);
  std::optional<Command> command = parse_command(text);
  if (!command) return fail(ParseError::UnknownCommand, 0, "unknown command " + quoted(text));
  if (!exists_in(*command, options_.version)) {
    return fail(ParseError::CommandNotAllowed, 0,
                std::string(text) + " does not exist in STOMP " +
                    std::string(to_string(options_.version)));
  }
  if (!origin_allows(options_.origin, *command)) {
    return fail(ParseError::CommandNotAllowed, 0,
                std::string(text) + (options_.origin == Origin::Server
                                         ? " is a client frame; expected a server frame"
                                         : " is a server frame; expected a client frame"));
  }
  command_ = *command;
  escaping_ = escaping_for(options_.version, command_);
  pos_ = line_ = end + 1;
  colon_ = 0;
  phase_ = Phase::Headers;
  return {0, Status::Frame};
}

Step Parser::scan_headers(const char* b, std::size_t n) {
  const Limits& limits = options_.limits;
  const bool cr_eol = cr_ends_line();
  const bool strict_cr = options_.version == Version::V1_2 && !options_.lenient.bare_cr;
  const bool high = options_.version == Version::V1_0 && !options_.lenient.non_ascii;
  while (true) {
    if (pos_ == line_) {
      // A line that is only an EOL ends the headers.
      if (pos_ >= limits.max_frame) {
        return fail(ParseError::FrameTooLarge, limits.max_frame, "frame too large");
      }
      if (pos_ >= n) return {0, Status::NeedMore};
      if (b[pos_] == '\n') return end_of_headers(b, pos_ + 1);
      if (b[pos_] == '\r' && cr_eol) {
        if (pos_ + 1 >= limits.max_frame) {
          return fail(ParseError::FrameTooLarge, limits.max_frame, "frame too large");
        }
        if (pos_ + 1 >= n) return {0, Status::NeedMore};
        if (b[pos_ + 1] == '\n') return end_of_headers(b, pos_ + 2);
      }
      if (spans_.size() >= limits.max_headers) {
        return fail(ParseError::TooManyHeaders, line_,
                    "more than " + std::to_string(limits.max_headers) + " headers");
      }
    }
    std::size_t line_end = sat_add(sat_add(line_, limits.max_line), cr_eol ? 2 : 1);
    std::size_t stop = std::min({n, line_end, limits.max_frame});
    const char* hit = detail::find_special(b + pos_, b + stop, high);
    if (hit == nullptr) {
      pos_ = stop;
      if (stop == n && n < std::min(line_end, limits.max_frame)) return {0, Status::NeedMore};
      return line_end <= limits.max_frame
                 ? fail(ParseError::LineTooLong, line_ + limits.max_line, "header line too long")
                 : fail(ParseError::FrameTooLarge, limits.max_frame, "frame too large");
    }
    std::size_t i = static_cast<std::size_t>(hit - b);
    switch (*hit) {
      case '\n':
        if (Step s = end_of_line(b, i, i + 1); s.status != Status::Frame) return s;
        continue;
      case '\r':
        if (cr_eol) {
          if (i + 1 >= limits.max_frame) {
            return fail(ParseError::FrameTooLarge, limits.max_frame, "frame too large");
          }
          if (i + 1 >= n) {
            pos_ = i;
            return {0, Status::NeedMore};
          }
          if (b[i + 1] == '\n') {
            if (Step s = end_of_line(b, i, i + 2); s.status != Status::Frame) return s;
            continue;
          }
          if (strict_cr) {
            return fail(ParseError::BareCarriageReturn, i, "CR not followed by LF in a header");
          }
        }
        pos_ = i + 1;  // an ordinary octet in 1.0/1.1 (1.1#Augmented_BNF)
        continue;
      case ':':
        if (colon_ == 0) {
          if (i == line_) return fail(ParseError::EmptyHeaderName, line_, "empty header name");
          colon_ = i + 1;
        } else if (escaping_ != Escaping::None && !options_.lenient.colon_in_value) {
          // CONNECT/CONNECTED values cannot escape ':', so they may hold one (requirements §9.4).
          return fail(ParseError::ColonInValue, i, "unescaped ':' in a header value");
        }
        pos_ = i + 1;
        continue;
      case '\\': {
        if (escaping_ == Escaping::None) {
          pos_ = i + 1;
          continue;
        }
        if (i + 1 >= limits.max_frame) {
          return fail(ParseError::FrameTooLarge, limits.max_frame, "frame too large");
        }
        if (i + 1 >= n) {
          pos_ = i;
          return {0, Status::NeedMore};
        }
        char next = b[i + 1];
        if (next == 'n' || next == 'c' || next == '\\' ||
            (next == 'r' && escaping_ == Escaping::V1_2)) {
          pos_ = i + 2;
        } else if (options_.lenient.undefined_escapes) {
          pos_ = i + 1;
        } else {
          return fail(ParseError::UndefinedEscape, i,
                      next == '\n' || next == '\r' ? "'\\' at the end of a header"
                                                   : "undefined escape \\" + quoted({&next, 1}));
        }
        continue;
      }
      default:
        return fail(ParseError::NonAsciiOctet, i, "octet >= 128 in a STOMP 1.0 header");
    }
  }
}

// A header line ends: content in [line_, content_end), the next line starts at `next`.
Step Parser::end_of_line(const char* b, std::size_t content_end, std::size_t next) {
  const Limits& limits = options_.limits;
  if (content_end - line_ > limits.max_line) {
    return fail(ParseError::LineTooLong, line_ + limits.max_line, "header line too long");
  }
  if (colon_ == 0) {
    return fail(ParseError::MissingColon, line_,
                "header line without ':' " + quoted({b + line_, content_end - line_}));
  }
  std::size_t name_end = colon_ - 1;
  std::size_t value = colon_;
  std::size_t value_end = content_end;
  if (value == value_end && options_.version == Version::V1_0 && !options_.lenient.empty_values) {
    return fail(ParseError::EmptyHeaderValue, value, "empty header value in STOMP 1.0");
  }
  if (options_.lenient.trim_values) {
    while (value < value_end && (b[value] == ' ' || b[value] == '\t')) ++value;
    while (value_end > value && (b[value_end - 1] == ' ' || b[value_end - 1] == '\t')) --value_end;
  }
  spans_.push_back({line_, name_end - line_, value, value_end - value});
  if (std::string_view(b + line_, name_end - line_) == kContentLength) {
    if (options_.lenient.last_header_wins) {
      length_header_ = spans_.size();
    } else if (!has_length_) {
      // The first content-length frames the body (FR-18, requirements §10.7).
      if (!parse_length({b + value, value_end - value}, content_length_)) {
        return fail(ParseError::InvalidContentLength, value,
                    "content-length " + quoted({b + value, value_end - value}));
      }
      has_length_ = true;
    }
  }
  pos_ = line_ = next;
  colon_ = 0;
  return {0, Status::Frame};
}

Step Parser::end_of_headers(const char* b, std::size_t body) {
  const Limits& limits = options_.limits;
  body_ = pos_ = body;
  phase_ = Phase::Body;
  if (length_header_ != 0) {
    const Span& s = spans_[length_header_ - 1];
    std::string_view text(b + s.value, s.value_len);
    if (!parse_length(text, content_length_)) {
      return fail(ParseError::InvalidContentLength, s.value, "content-length " + quoted(text));
    }
    has_length_ = true;
  }
  if (!has_length_) return {0, Status::Frame};
  if (content_length_ > 0 && !body_allowed()) {
    return fail(ParseError::BodyNotAllowed, body_,
                std::string(to_string(command_)) + " frames have no body");
  }
  // Limits are checked before any octet of the body is read (FR-19).
  bool body_over = content_length_ > limits.max_body;
  bool frame_over = body_ >= limits.max_frame || content_length_ >= limits.max_frame - body_;
  std::size_t body_at = sat_add(body_, limits.max_body);
  if (body_over && (!frame_over || body_at < limits.max_frame)) {
    return fail(ParseError::BodyTooLarge, body_at,
                "content-length " + std::to_string(content_length_) + " exceeds the body limit");
  }
  if (frame_over) {
    return fail(ParseError::FrameTooLarge, limits.max_frame,
                "content-length " + std::to_string(content_length_) + " exceeds the frame limit");
  }
  return {0, Status::Frame};
}

Step Parser::scan_body(const char* b, std::size_t n) {
  const Limits& limits = options_.limits;
  std::size_t end = 0;  // position of the terminating NUL
  if (has_length_) {
    // content-length octets are read whatever they hold, then a NUL must follow (FR-11).
    end = body_ + content_length_;
    if (n <= end) return {0, Status::NeedMore};
    if (b[end] != '\0') {
      return fail(ParseError::MissingNul, end, "no NUL after content-length octets");
    }
  } else {
    std::size_t body_end = sat_add(sat_add(body_, limits.max_body), 1);
    std::size_t stop = std::min({n, body_end, limits.max_frame});
    if (!body_allowed() && pos_ < stop && b[pos_] != '\0') {
      return fail(ParseError::BodyNotAllowed, body_,
                  std::string(to_string(command_)) + " frames have no body");
    }
    const void* nul = std::memchr(b + pos_, 0, stop - pos_);
    if (nul == nullptr) {
      pos_ = stop;
      if (stop == n && n < std::min(body_end, limits.max_frame)) return {0, Status::NeedMore};
      return body_end <= limits.max_frame
                 ? fail(ParseError::BodyTooLarge, body_ + limits.max_body, "body too large")
                 : fail(ParseError::FrameTooLarge, limits.max_frame, "frame too large");
    }
    end = static_cast<std::size_t>(static_cast<const char*>(nul) - b);
  }
  raw_.clear();
  for (const Span& s : spans_) {
    raw_.push_back({{b + s.name, s.name_len}, {b + s.value, s.value_len}});
  }
  view_ = {.command = command_,
           .headers = raw_,
           .body = {b + body_, end - body_},
           .offset = offset_,
           .escaping = escaping_,
           .pick = options_.lenient.last_header_wins ? Pick::Last : Pick::First,
           .keep_undefined_escapes = options_.lenient.undefined_escapes};
  phase_ = Phase::Start;
  return {end + 1, Status::Frame};
}

}  // namespace stomp
