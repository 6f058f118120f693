#pragma once
// The names of the stomp::Leniency switches, as the command line and reports spell them.
#include <string>
#include <string_view>
#include <vector>

#include <stomp/options.hpp>

namespace stompcheck {

// "undefined_escapes", "last_header_wins", ... in declaration order.
const std::vector<std::string>& lenient_names();
// Turns on the switch called `name`; false (and `lenient` unchanged) when there is none.
bool set_lenient(stomp::Leniency& lenient, std::string_view name);
// The names of the switches that are on, in declaration order.
std::vector<std::string> lenient_names_of(const stomp::Leniency& lenient);

}  // namespace stompcheck
