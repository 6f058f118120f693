#pragma once
// The one grading table: what a check saw, at the level the catalogue gives its requirement
// at the version under test, decides the verdict. Cases, cross-cutting checks and verifiers
// all grade through it.
#include <cstdint>
#include <string_view>

#include <stomp/command.hpp>

#include "model/result.hpp"

namespace stompcheck {

// What a check saw, in the terms the table grades.
enum class Seen : std::uint8_t {
  Met,        // the broker did what the requirement asks: PASS
  Broken,     // it did not: MUST FAIL, SHOULD NON-STRICT, MAY UNSUPPORTED, INFO INFO
  Lingering,  // the last frame (ERROR, RECEIPT) lost to the close (ER-05,
              // 1.2#Connection_Lingering): NON-STRICT at most, INFO where the level is INFO
  Noted,      // behaviour recorded, no rule judged: INFO
};

// The table.
Verdict grade(Level level, Seen seen);
// The table at the catalogue's level of `requirement` at `v` (an unknown id throws).
Verdict grade(std::string_view requirement, stomp::Version v, Seen seen);

}  // namespace stompcheck
