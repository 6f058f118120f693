// Fuzz target "roundtrip": every frame the strict parser accepts can be encoded, and parsing
// the encoding gives the same frame (FR-05, FR-07, FR-08, FR-11, FR-12). Byte 1: version and
// origin (as in "differential"), bit 4 CR LF line ends (1.2), bit 5 content-length always.
// The rest is the stream. The encoder adds a content-length (last header) when the body holds
// a NUL or when asked; the oracle expects it. Encoding the re-parsed frame gives the same bytes.
#include <stomp/encoder.hpp>
#include <stomp/notation.hpp>
#include <stomp/stream.hpp>

#include "fuzz/common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const std::uint8_t b = in.byte();
  const stomp::ParserOptions options = fuzz::strict_options(b);
  fuzz::report_options(options);
  const std::string_view input = in.rest();
  const stomp::EncodeOptions encode{
      .version = options.version,
      .content_length = (b & 0x20U) != 0,
      .crlf = (b & 0x10U) != 0 && options.version == stomp::Version::V1_2};
  for (const stomp::Event& e : stomp::parse_all(input, options)) {
    if (e.kind != stomp::Status::Frame) continue;
    const stomp::Encoded bytes = stomp::encode(e.frame, encode);
    FUZZ_CHECK(bytes.ok(), input,
               "encode() refused an accepted frame: " + std::string(to_string(bytes.error)) + "\n" +
                   fuzz::log({e}));
    stomp::Frame expected = e.frame;
    const bool nul = expected.body.find('\0') != std::string::npos;
    const bool asked = encode.content_length && stomp::may_have_body(expected.command);
    if ((nul || asked) && !expected.header("content-length")) {
      expected.headers.push_back({"content-length", std::to_string(expected.body.size())});
    }
    const std::vector<stomp::Event> again = stomp::parse_all(bytes.bytes, options);
    const std::vector<stomp::Event> want = {{.kind = stomp::Status::Frame, .frame = expected}};
    FUZZ_CHECK(again == want, input,
               "encoded: " + stomp::show(bytes.bytes) + "\n" + fuzz::expected_actual(want, again));
    const stomp::Encoded twice = stomp::encode(again[0].frame, encode);
    FUZZ_CHECK(twice.bytes == bytes.bytes, input,
               "re-encoded: " + stomp::show(twice.bytes) + "\nfirst: " + stomp::show(bytes.bytes));
  }
  return 0;
}
