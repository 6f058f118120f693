#pragma once
// Byte scanning for the parser's hot path.
#include <cstddef>
#include <cstdint>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define STOMP_HAVE_AVX2_PATH 1
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
    __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)),
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

#if defined(STOMP_HAVE_AVX2_PATH)
// special_mask for exactly 64 octets, without `high`, on CPUs with AVX2 (see has_avx2).
__attribute__((target("avx2"))) inline std::uint64_t special_mask64_avx2(const char* p) {
  const __m256i lf = _mm256_set1_epi8('\n');
  const __m256i cr = _mm256_set1_epi8('\r');
  const __m256i colon = _mm256_set1_epi8(':');
  const __m256i backslash = _mm256_set1_epi8('\\');
  __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
  __m256i lo_hit = _mm256_or_si256(
      _mm256_or_si256(_mm256_cmpeq_epi8(lo, lf), _mm256_cmpeq_epi8(lo, cr)),
      _mm256_or_si256(_mm256_cmpeq_epi8(lo, colon), _mm256_cmpeq_epi8(lo, backslash)));
  __m256i hi_hit = _mm256_or_si256(
      _mm256_or_si256(_mm256_cmpeq_epi8(hi, lf), _mm256_cmpeq_epi8(hi, cr)),
      _mm256_or_si256(_mm256_cmpeq_epi8(hi, colon), _mm256_cmpeq_epi8(hi, backslash)));
  auto low = static_cast<std::uint32_t>(_mm256_movemask_epi8(lo_hit));
  auto high = static_cast<std::uint32_t>(_mm256_movemask_epi8(hi_hit));
  return static_cast<std::uint64_t>(high) << 32 | low;
}

inline const bool has_avx2 = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
}();
#endif

// special_mask, with the widest instructions the CPU has.
inline std::uint64_t special_mask_fast(const char* base, std::size_t from, std::size_t to,
                                       bool high) {
#if defined(STOMP_HAVE_AVX2_PATH)
  if (to - from == 64 && !high && has_avx2) return special_mask64_avx2(base + from);
#endif
  return special_mask(base, from, to, high);
}

// a + b without wrapping.
inline std::size_t sat_add(std::size_t a, std::size_t b) {
  return a + b < a ? static_cast<std::size_t>(-1) : a + b;
}

}  // namespace stomp::detail
