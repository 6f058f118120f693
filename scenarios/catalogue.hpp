#pragma once
// The scenario catalogue: every section, in spec order.
#include <span>

#include "scenarios/scenario.hpp"

namespace stompcheck {

std::span<const Section> catalogue();

}  // namespace stompcheck
