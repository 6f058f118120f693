// Fuzz target "escape": header value encoding (1.2#Value_Encoding, FR-05, FR-06, FR-07).
// Byte 1: bits 0-1 escaping (0 none, 1 1.1, 2-3 1.2), bit 2 keep undefined escapes. The rest is
// a value. Oracles, for every escaping: unescape(escape(x)) == x; unescape() of arbitrary input
// agrees with the reference decoder (same value, or an error at the same '\'); and a value
// without raw LF, ':' (or, in 1.2, CR) that decodes is its own canonical encoding.
#include <stomp/escape.hpp>
#include <stomp/notation.hpp>

#include "fuzz/common.hpp"
#include "fuzz/reference.hpp"

namespace {

constexpr stomp::Escaping kEscapings[] = {stomp::Escaping::None, stomp::Escaping::V1_1,
                                          stomp::Escaping::V1_2, stomp::Escaping::V1_2};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const std::uint8_t b = in.byte();
  const bool keep = (b & 4U) != 0;
  const std::string_view x = in.rest();

  for (stomp::Escaping e : kEscapings) {
    const std::string wire = stomp::escape(x, e);
    const stomp::Unescaped back = stomp::unescape(wire, e, keep);
    FUZZ_CHECK(back.ok() && back.value == x, x,
               "escape(): " + stomp::show(wire) + "\nunescape(): " + stomp::show(back.value));
  }

  const stomp::Escaping e = kEscapings[b & 3U];
  const stomp::Unescaped got = stomp::unescape(x, e, keep);
  const stomp::Unescaped want = ref::unescape(x, e, keep);
  FUZZ_CHECK(got.error_at == want.error_at && (!got.ok() || got.value == want.value), x,
             "unescape(): " + stomp::show(got.value) + " error_at " + std::to_string(got.error_at) +
                 "\nreference: " + stomp::show(want.value) + " error_at " +
                 std::to_string(want.error_at));

  const bool raw_special =
      x.find_first_of(e == stomp::Escaping::V1_2 ? "\n:\r" : "\n:") != std::string_view::npos;
  const stomp::Unescaped strict = stomp::unescape(x, e);
  if (strict.ok() && !raw_special) {
    FUZZ_CHECK(stomp::escape(strict.value, e) == x, x,
               "escape(unescape(x)): " + stomp::show(stomp::escape(strict.value, e)));
  }
  return 0;
}
