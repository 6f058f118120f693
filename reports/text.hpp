#pragma once
// Text helpers shared by the report writers: safe display of bytes a broker sent, fixed-point
// numbers without floating point (so reports are byte-for-byte reproducible).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/result.hpp"

namespace stompcheck::reports {

// Every verdict, in report order (the declaration order of Verdict).
inline constexpr std::array<Verdict, kVerdicts> kAllVerdicts = {
    Verdict::Pass,        Verdict::Fail,    Verdict::NonStrict, Verdict::Info,
    Verdict::Unsupported, Verdict::Skipped, Verdict::Error,
};

// `text` as valid UTF-8 without control characters: C0 controls and DEL not listed in `keep`
// become caret notation (^A, ^?), each octet of ill-formed UTF-8 and of U+FFFE / U+FFFF
// becomes ^xHH (stomp/notation.hpp); everything else, '^' included, is copied.
std::string displayable(std::string_view text, std::string_view keep = {});

// The requirement a verdict is about, h2spec style: "MS-03 (1.2#MESSAGE): <sentence>", the
// anchor from the catalogue at the case's version (left out when the catalogue has none), the
// sentence as the catalogue words it (it quotes the spec itself, so no quotes are added; left
// out when empty); "" when the case cites nothing. Not yet displayable().
std::string citation(const CaseResult& c);

// `units` / 10^decimals with exactly `decimals` digits after the point, e.g.
// fixed_point(12345, 3) == "12.345", fixed_point(-5, 2) == "-0.05", fixed_point(7, 0) == "7".
std::string fixed_point(std::int64_t units, int decimals);

}  // namespace stompcheck::reports
