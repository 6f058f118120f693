// Fuzz target "structured": a frame built from fuzzer data is encoded, parsed and compared, so
// every octet value goes through escaping and unescaping in names, values and bodies (FR-05,
// FR-07, FR-08, FR-11, FR-12, FR-22). Byte 1: command (mod 15). Byte 2: bits 0-1 version,
// bit 2 CR LF, bit 3 content-length always. Byte 3: header count (0-15); each header is a
// length byte and that many name octets, then a length byte and that many value octets. The
// rest is the body (NULs included). Oracles: encode() refuses exactly the frames the reference
// says the version cannot write (reference.cpp); an accepted frame parses back to itself, plus
// the content-length the encoder adds (last) when the body holds a NUL or when asked.
#include <stomp/encoder.hpp>
#include <stomp/notation.hpp>
#include <stomp/stream.hpp>

#include "fuzz/common.hpp"
#include "fuzz/reference.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  stomp::Frame frame;
  frame.command = static_cast<stomp::Command>(in.byte() % 15U);
  const std::uint8_t b = in.byte();
  const stomp::EncodeOptions options{.version = fuzz::strict_options(b).version,
                                     .content_length = (b & 8U) != 0,
                                     .crlf = (b & 4U) != 0};
  for (std::size_t n = in.byte() & 15U; n > 0; --n) {
    std::string name(in.take(in.byte()));
    frame.headers.push_back({std::move(name), std::string(in.take(in.byte()))});
  }
  frame.body = in.rest();
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const stomp::Encoded encoded = stomp::encode(frame, options);
  const bool writable = ref::encodable(frame, options);
  FUZZ_CHECK(encoded.ok() == writable, input,
             "encode(): " + std::string(to_string(encoded.error)) + ", reference says " +
                 (writable ? "writable" : "not writable") + "\n" +
                 fuzz::log({{.kind = stomp::Status::Frame, .frame = frame}}));
  if (!encoded.ok()) return 0;

  stomp::Frame expected = frame;
  const bool nul = frame.body.find('\0') != std::string::npos;
  const bool asked = options.content_length && stomp::may_have_body(frame.command);
  if ((nul || asked) && !frame.header("content-length")) {
    expected.headers.push_back({"content-length", std::to_string(frame.body.size())});
  }
  const std::vector<stomp::Event> want = {{.kind = stomp::Status::Frame, .frame = expected}};
  const std::vector<stomp::Event> got =
      stomp::parse_all(encoded.bytes, {.version = options.version});
  FUZZ_CHECK(got == want, input,
             "encoded: " + stomp::show(encoded.bytes) + "\n" + fuzz::expected_actual(want, got));
  return 0;
}
