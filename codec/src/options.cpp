#include <array>
#include <utility>

#include <stomp/options.hpp>

namespace stomp {
namespace {

using Switch = bool Leniency::*;
// One row per field of Leniency; a field missing here is unreachable from the CLI.
constexpr std::array<std::pair<std::string_view, Switch>, 9> kSwitches{{
    {"undefined_escapes", &Leniency::undefined_escapes},
    {"last_header_wins", &Leniency::last_header_wins},
    {"trim_values", &Leniency::trim_values},
    {"bare_cr", &Leniency::bare_cr},
    {"crlf", &Leniency::crlf},
    {"colon_in_value", &Leniency::colon_in_value},
    {"body_on_any_command", &Leniency::body_on_any_command},
    {"empty_values", &Leniency::empty_values},
    {"non_ascii", &Leniency::non_ascii},
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

bool set_lenient(Leniency& lenient, std::string_view name) {
  for (const auto& [switch_name, field] : kSwitches) {
    if (switch_name == name) {
      lenient.*field = true;
      return true;
    }
  }
  return false;
}

std::vector<std::string> lenient_names_of(const Leniency& lenient) {
  std::vector<std::string> out;
  for (const auto& [name, field] : kSwitches) {
    if (lenient.*field) out.emplace_back(name);
  }
  return out;
}

}  // namespace stomp
