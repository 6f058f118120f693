#pragma once
// Byte scanning for the parser's hot path.
#include <cstddef>
#include <cstdint>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace stomp::detail {

// The octets a header line stops at: LF, CR, ':' and '\'.
inline bool is_special(char c) { return c == '\n' || c == '\r' || c == ':' || c == '\\'; }

// Bit i of the result is set when base[from + i] is special (or >= 128 with `high`), for
// from + i < to; reads only base[from, to). Requires to - from <= 64.
inline std::uint64_t special_mask(const char* base, std::size_t from, std::size_t to, bool high) {
  std::uint64_t mask = 0;
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i colon = _mm_set1_epi8(':');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (; to - i >= 16; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + i));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, colon), _mm_cmpeq_epi8(v, backslash)));
    auto bits = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (high) bits |= static_cast<unsigned>(_mm_movemask_epi8(v));
    mask |= static_cast<std::uint64_t>(bits) << (i - from);
  }
#endif
  for (; i < to; ++i) {
    if (is_special(base[i]) || (high && static_cast<unsigned char>(base[i]) >= 0x80)) {
      mask |= std::uint64_t{1} << (i - from);
    }
  }
  return mask;
}

// a + b without wrapping.
inline std::size_t sat_add(std::size_t a, std::size_t b) {
  return a + b < a ? static_cast<std::size_t>(-1) : a + b;
}

}  // namespace stomp::detail
