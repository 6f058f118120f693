#include "scenarios/leniency.hpp"

#include <array>
#include <utility>

namespace stompcheck {
namespace {

using Switch = bool stomp::Leniency::*;
// One row per field of stomp::Leniency; a field missing here is unreachable from the CLI.
constexpr std::array<std::pair<std::string_view, Switch>, 9> kSwitches{{
    {"undefined_escapes", &stomp::Leniency::undefined_escapes},
    {"last_header_wins", &stomp::Leniency::last_header_wins},
    {"trim_values", &stomp::Leniency::trim_values},
    {"bare_cr", &stomp::Leniency::bare_cr},
    {"crlf", &stomp::Leniency::crlf},
    {"colon_in_value", &stomp::Leniency::colon_in_value},
    {"body_on_any_command", &stomp::Leniency::body_on_any_command},
    {"empty_values", &stomp::Leniency::empty_values},
    {"non_ascii", &stomp::Leniency::non_ascii},
}};

}  // namespace

const std::vector<std::string>& lenient_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    out.reserve(kSwitches.size());
    for (const auto& entry : kSwitches) out.emplace_back(entry.first);
    return out;
  }();
  return names;
}

bool set_lenient(stomp::Leniency& lenient, std::string_view name) {
  for (const auto& [switch_name, field] : kSwitches) {
    if (switch_name == name) {
      lenient.*field = true;
      return true;
    }
  }
  return false;
}

std::vector<std::string> lenient_names_of(const stomp::Leniency& lenient) {
  std::vector<std::string> out;
  for (const auto& [name, field] : kSwitches) {
    if (lenient.*field) out.emplace_back(name);
  }
  return out;
}

}  // namespace stompcheck
