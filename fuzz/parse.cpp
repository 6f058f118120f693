// Fuzz target "parse": arbitrary bytes under options chosen by the first six bytes (version,
// origin, leniency switches, limits), fed in chunks of the seventh byte's size (0: at once).
// Oracles: no crash, hang or sanitizer report; the heap the parser holds stays bounded by its
// limits whatever a content-length claims (FR-19); every frame keeps the limits, the version's
// command set and the body rule (FR-10, FR-24); each step advances the stream offset.
#include <algorithm>
#include <string>

#include <stomp/parser.hpp>

#include "fuzz/alloc_meter.hpp"
#include "fuzz/common.hpp"

namespace {

void check_frame(const stomp::Parser& p, std::uint64_t start, std::string_view input) {
  const stomp::ParserOptions& o = p.options();
  const stomp::FrameView& f = p.frame();
  const stomp::Limits& l = o.limits;
  FUZZ_CHECK(f.offset == start && p.offset() - start <= l.max_frame &&
                 f.headers.size() <= l.max_headers && f.body.size() <= l.max_body &&
                 stomp::to_string(f.command).size() <= l.max_line,
             input, "frame outside the limits");
  for (const stomp::RawHeader& h : f.headers) {
    FUZZ_CHECK(!h.name.empty() && h.name.size() + 1 + h.value.size() <= l.max_line, input,
               "header line " + std::string(h.name));
    FUZZ_CHECK(o.lenient.undefined_escapes || (stomp::unescape(h.name, f.escaping).ok() &&
                                               stomp::unescape(h.value, f.escaping).ok()),
               input, "undefined escape accepted");
  }
  const bool client = stomp::is_client_command(f.command);
  FUZZ_CHECK(stomp::exists_in(f.command, o.version) &&
                 (o.origin == stomp::Origin::Any || client == (o.origin == stomp::Origin::Client)),
             input, "command not in the version, or of the wrong peer");
  const bool any_body = o.version == stomp::Version::V1_0 || o.lenient.body_on_any_command;
  FUZZ_CHECK(any_body || stomp::may_have_body(f.command) || f.body.empty(), input, "FR-10");
  (void)f.to_frame();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const stomp::ParserOptions options = fuzz::parser_options(in);
  const std::size_t chunk = in.byte();
  fuzz::report_options(options, chunk);
  const std::string_view input = in.rest();
  stomp::Parser parser(options);
  fuzz::meter::reset();
  std::uint64_t unit = 0;  // stream offset of the frame or heart-beat in progress
  bool failed = false;
  for (std::size_t at = 0; at < input.size() && !failed;) {
    std::string_view piece = input.substr(at, chunk == 0 ? input.size() : chunk);
    at += piece.size();
    while (!failed) {
      stomp::Step step;
      {
        fuzz::meter::Counting counting;
        step = parser.feed(piece);
      }
      FUZZ_CHECK(step.consumed <= piece.size(), input, "consumed more than given");
      piece.remove_prefix(step.consumed);
      if (step.status == stomp::Status::NeedMore) {
        FUZZ_CHECK(piece.empty(), input, "NeedMore left input unconsumed");
        break;
      }
      failed = step.status == stomp::Status::Error;
      if (failed) {
        FUZZ_CHECK(
            parser.failure().code != stomp::ParseError::None && parser.failure().offset >= unit,
            input, "error without code, or before the unit in progress");
        break;
      }
      if (step.status == stomp::Status::Frame) check_frame(parser, unit, input);
      FUZZ_CHECK(parser.offset() > unit && parser.offset() <= at, input, "offset did not advance");
      unit = parser.offset();
      if (piece.empty()) break;
    }
  }
  if (!failed && parser.finish().status == stomp::Status::Error) {
    FUZZ_CHECK(parser.failure().code == stomp::ParseError::UnexpectedEof &&
                   parser.failure().offset == input.size(),
               input, "finish() failure");
  } else if (!failed) {
    FUZZ_CHECK(parser.idle() && parser.offset() == input.size(), input, "idle at the end");
  }
  // One unit buffered at most (<= max_frame + 3 octets), growth by doubling, the header index,
  // and a reason string; never what a content-length claims.
  const stomp::Limits& l = options.limits;
  const std::size_t unit_bytes = std::min<std::size_t>(l.max_frame, input.size()) + 3;
  const std::size_t headers = std::min<std::size_t>(l.max_headers, input.size()) + 1;
  const std::size_t bound = 4 * unit_bytes + 192 * headers + 16384;
  FUZZ_CHECK(
      fuzz::meter::peak() <= bound, input,
      "parser heap peak " + std::to_string(fuzz::meter::peak()) + " > " + std::to_string(bound));
  return 0;
}
