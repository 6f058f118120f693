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
  // True when the scenario may go on: the step passed.
  explicit operator bool() const { return verdict == Verdict::Pass; }
  bool operator==(const Outcome&) const = default;
};

// The same outcome with another verdict when it is not a PASS; a scenario uses it to grade
// a verifier's failure at the level of the requirement it checks (e.g. SHOULD: NON-STRICT).
inline Outcome graded(Outcome o, Verdict if_not_pass) {
  if (o.verdict == Verdict::Fail) o.verdict = if_not_pass;
  return o;
}

}  // namespace stompcheck
