#pragma once
// Incremental STOMP frame parser. Any chunking of the same bytes gives the same frames,
// heart-beats and error (code and offset).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <stomp/command.hpp>
#include <stomp/errors.hpp>
#include <stomp/escape.hpp>
#include <stomp/frame.hpp>
#include <stomp/options.hpp>

namespace stomp {

// A header as it stood on the wire: escapes not yet decoded.
struct RawHeader {
  std::string_view name;
  std::string_view value;
};

// A parsed frame that points into the caller's input or the parser's buffer; valid until
// the next call on the parser. Escapes are decoded on demand.
struct FrameView {
  Command command = Command::Send;
  std::span<const RawHeader> headers;  // wire order, repeats kept
  std::string_view body;
  std::uint64_t offset = 0;  // stream offset of the command's first octet
  Escaping escaping = Escaping::None;
  Pick pick = Pick::First;
  bool keep_undefined_escapes = false;

  // The raw header that a lookup of decoded `name` selects (FR-18), or nullptr.
  const RawHeader* find(std::string_view name) const;
  // The decoded value of the header `name` selects.
  std::optional<std::string> get(std::string_view name) const;
  std::string decode(std::string_view raw) const;
  Frame to_frame() const;
};

enum class Status : std::uint8_t {
  NeedMore,   // all input consumed, the frame is not complete yet
  Frame,      // frame() holds a frame
  Heartbeat,  // one EOL between frames (FR-03, HB-04)
  Error,      // failure() says why; sticky until reset()
};

struct Step {
  std::size_t consumed = 0;
  Status status = Status::NeedMore;
};

class Parser {
 public:
  explicit Parser(ParserOptions options = {});

  // Consumes a prefix of `input` and says what it completed. NeedMore consumes everything.
  Step feed(std::string_view input);
  // End of stream: Error (UnexpectedEof) inside a frame, NeedMore otherwise.
  Step finish();

  const FrameView& frame() const { return view_; }
  const ParseFailure& failure() const { return failure_; }
  // Stream offset of the next octet feed() will read.
  std::uint64_t offset() const { return offset_; }
  // True between frames (a stream may end here).
  bool idle() const { return phase_ == Phase::Start && !buffered_; }
  const ParserOptions& options() const { return options_; }
  // Takes effect from the next frame, e.g. after version negotiation; call it between frames.
  void set_version(Version v) { options_.version = v; }
  // The same for the lenient switches (a lint that relaxes rules until a version is agreed).
  void set_lenient(const Leniency& lenient) { options_.lenient = lenient; }
  // Forgets everything, the error and the stream offset included.
  void reset();

 private:
  enum class Phase : std::uint8_t { Start, Command, Headers, Body, Failed };

  // Scanning works on one unit (a frame or an EOL) that starts at base[0]; positions are
  // relative to it. Completion returns the unit's length in `consumed`.
  struct Special {
    std::size_t resume;
    Step step;
  };
  Step scan(const char* base, std::size_t avail);
  Step scan_head(const char* base, std::size_t avail);
  Step command_line(std::string_view text);
  bool first_length(std::string_view name, std::string_view value);
  Special special(const char* base, std::size_t i, std::size_t end, bool command);
  bool end_header_line(const char* base, std::size_t line, std::size_t colon,
                       std::size_t content_end);
  Step end_of_headers(const char* base, std::size_t body);
  Step scan_body(const char* base, std::size_t avail);
  void rebase(const char* base);
  Step park(std::size_t pos, std::size_t line, std::size_t colon, Step s);
  Step need(std::size_t at);
  Step too_long(std::size_t at);
  std::size_t length_value_at(const char* b) const;
  Step fail(ParseError code, std::size_t at, std::string reason);
  bool cr_ends_line() const;
  bool body_allowed() const;

  ParserOptions options_;
  Phase phase_ = Phase::Start;
  bool buffered_ = false;     // buf_ holds the start of the unit in progress
  std::uint64_t offset_ = 0;  // stream offset of the unit in progress
  std::size_t pos_ = 0;       // next octet to scan
  std::size_t line_ = 0;      // start of the current line
  std::size_t colon_ = 0;     // 1 + position of the line's first ':', 0 if none yet
  std::size_t body_ = 0;
  std::size_t content_length_ = 0;
  bool has_length_ = false;
  std::size_t length_header_ = 0;  // 1 + index of the content-length that governs (Last)
  Command command_ = Command::Send;
  Escaping escaping_ = Escaping::None;
  const char* base_ = nullptr;  // where raw_ points: the unit's first octet
  std::size_t headers_ = 0;     // headers found so far, in raw_[0, headers_)
  std::vector<RawHeader> raw_;  // grows, never shrinks
  std::string buf_;
  FrameView view_;
  ParseFailure failure_;
};

}  // namespace stomp
