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

// First octet in [p, end) that is special, or >= 128 when `high` is set; nullptr if none.
// Reads only inside [p, end).
inline const char* find_special(const char* p, const char* end, bool high) {
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i colon = _mm_set1_epi8(':');
  const __m128i backslash = _mm_set1_epi8('\\');
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, colon), _mm_cmpeq_epi8(v, backslash)));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (high) mask |= static_cast<unsigned>(_mm_movemask_epi8(v));
    if (mask != 0) return p + __builtin_ctz(mask);
    p += 16;
  }
#endif
  for (; p < end; ++p) {
    if (is_special(*p) || (high && static_cast<unsigned char>(*p) >= 0x80)) return p;
  }
  return nullptr;
}

// a + b without wrapping.
inline std::size_t sat_add(std::size_t a, std::size_t b) {
  return a + b < a ? static_cast<std::size_t>(-1) : a + b;
}

}  // namespace stomp::detail
