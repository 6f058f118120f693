#pragma once
// The mutation self-test's expectations (test-side data): for each injected defect of the
// reference broker (broker/faults.hpp), the requirement and grade the catalogue must catch it
// on, and the other requirements it may legitimately break; benign variants name none.
#include <span>
#include <string_view>
#include <vector>

#include "model/result.hpp"
#include "scenarios/profile.hpp"

namespace stompcheck::test {

struct Expectation {
  std::string_view fault;         // broker::DefectInfo::name
  std::string_view requirement;   // caught on it; empty: a benign variant (no FAIL, no NON-STRICT)
  Verdict grade = Verdict::Fail;  // Fail or NonStrict
  // Requirements the defect may also break in other cases (findings and changed verdicts).
  std::vector<std::string_view> also{};
  // The scenario slug designed to catch it when the present catalogue cannot (plan9.md);
  // empty: the catalogue as it is catches it.
  std::string_view awaits{};
  // What the broker profile must say for this run (e.g. a NACK outcome other than the
  // reference broker's, GRADING.md §10.10); nullptr: reference_profile() as it is.
  void (*profile)(Profile&) = nullptr;
};

std::span<const Expectation> mutation_expectations();

}  // namespace stompcheck::test
