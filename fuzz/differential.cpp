// Fuzz target "differential": the codec's strict parser against the reference parser written
// independently from the grammar (reference.cpp, GRADING.md §8 and its overlays). Byte 1:
// bits 0-1 version, bits 2-3 origin (as in "parse"). The rest is the stream. Oracle: both give
// the same frames and heart-beats at the same offsets and, for a rejected stream, the same
// error code at the same offset (reasons aside). Header count and line length are unbounded
// here (the reference does not model them); body and frame limits keep their defaults.
#include <limits>

#include <stomp/stream.hpp>

#include "fuzz/common.hpp"
#include "fuzz/reference.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  stomp::ParserOptions options = fuzz::strict_options(in.byte());
  options.limits.max_headers = std::numeric_limits<std::size_t>::max();
  options.limits.max_line = std::numeric_limits<std::size_t>::max();
  const std::string_view input = in.rest();
  fuzz::report_options(options);

  const std::vector<stomp::Event> codec = stomp::parse_all(input, options);
  const std::vector<stomp::Event> reference = ref::parse(
      input, options.version, options.origin, options.limits.max_body, options.limits.max_frame);
  FUZZ_CHECK(fuzz::same_outcome(codec, reference), input,
             "STOMP " + std::string(stomp::to_string(options.version)) + " (expected is the " +
                 "reference, actual the codec)\n" + fuzz::expected_actual(reference, codec));
  return 0;
}
