#include "scenarios/profile.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

namespace stompcheck {

Profile reference_profile() {
  Profile p;
  p.name = "stompcheck reference broker";
  p.redelivers = true;
  return p;
}

ProfileLoad load_profile(const std::string& path) {
  ProfileLoad out;
  std::ifstream in(path);
  if (!in) {
    out.error = "cannot read profile '" + path + "'";
    return out;
  }
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    out.error = "profile '" + path + "' is not a JSON object";
    return out;
  }
  for (const auto& [key, value] : j.items()) {
    const bool text = value.is_string();
    if (key == "name" && text) {
      out.profile.name = value.get<std::string>();
    } else if (key == "queue_prefix" && text) {
      out.profile.queue_prefix = value.get<std::string>();
    } else if (key == "topic_prefix" && text) {
      out.profile.topic_prefix = value.get<std::string>();
    } else if (key == "redelivers" && value.is_boolean()) {
      out.profile.redelivers = value.get<bool>();
    } else {
      out.error = "profile '" + path + "': unknown key or wrong type: '" + key +
                  "' (keys: name, queue_prefix, topic_prefix: strings; redelivers: boolean)";
      return out;
    }
  }
  return out;
}

}  // namespace stompcheck
