#pragma once
// What the fuzz targets share: reading choices from the front of an input, and a check that
// stops the run with a report a person can act on (the input in caret notation, expected and
// actual). Input layouts are documented in fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <stomp/options.hpp>
#include <stomp/stream.hpp>

// libFuzzer's entry point, defined once per target.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fuzz {

// Takes bytes from the front of a fuzzer input; past the end every byte reads as 0.
class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size);
  std::uint8_t byte();
  std::string_view take(std::size_t n);  // at most n bytes
  std::string_view rest();

 private:
  std::string_view data_;
};

// Six bytes: version, origin, leniency switches and, when chosen, small limits.
stomp::ParserOptions parser_options(Input& in);
// Strict grammar with default limits; version (bits 0-1) and origin (bits 2-3) from one byte,
// laid out as the first byte of parser_options().
stomp::ParserOptions strict_options(std::uint8_t b);

// Options in the golden files' notation: "version=1.2 origin=any lenient=crlf limits=line:20".
std::string options_line(const stomp::ParserOptions& o);

// The parser options fail() prints with the input, and the chunk size the input was fed in
// (0: at once); targets that parse set them per input.
void report_options(const stomp::ParserOptions& o, std::size_t chunk = 0);

// Reports a broken oracle and aborts, so that libFuzzer keeps the input as a crash reproducer.
[[noreturn]] void fail(std::string_view what, std::string_view input, std::string_view details);

// The event log one line per describe() line, each event prefixed by its stream offset.
std::string log(const std::vector<stomp::Event>& events);
// "expected:\n<log>actual:\n<log>".
std::string expected_actual(const std::vector<stomp::Event>& expected,
                            const std::vector<stomp::Event>& actual);
// Events equal in kind, offset, frame, error code and error offset (reasons ignored).
bool same_outcome(const std::vector<stomp::Event>& a, const std::vector<stomp::Event>& b);

}  // namespace fuzz

// FUZZ_CHECK(condition, input, details): fuzz::fail() with the condition's text when false.
#define FUZZ_CHECK(cond, input, details)                  \
  do {                                                    \
    if (!(cond)) ::fuzz::fail(#cond, (input), (details)); \
  } while (false)
