#pragma once
// What a scenario or a verifier concludes: a verdict with Expected and Actual, as h2spec
// prints them on a failure.
#include <string>

#include "model/result.hpp"

namespace stompcheck {

struct Outcome {
  Verdict verdict = Verdict::Pass;
  std::string expected{};
  std::string actual{};
  std::string requirement{};  // what the verdict is about (catalogue id); empty: the case's first
  // True when the scenario may go on: the step passed.
  explicit operator bool() const { return verdict == Verdict::Pass; }
  bool operator==(const Outcome&) const = default;
};

}  // namespace stompcheck
