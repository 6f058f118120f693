#include "scenarios/profile.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace stompcheck {
namespace {

// "LINE:COLUMN" (both from 1) of the octet at 1-based position `byte` (nlohmann's
// parse_error::byte: the last octet read; one past the end at EOF).
std::string line_column(std::string_view text, std::size_t byte) {
  const std::size_t at = std::min(byte == 0 ? 0 : byte - 1, text.size());
  const std::string_view before = text.substr(0, at);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const std::size_t start =
      before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  return std::to_string(line) + ":" + std::to_string(at - start + 1);
}

// nlohmann's message without its "[json.exception...] parse error at line L, column C: " lead.
std::string parse_reason(std::string_view what) {
  const std::size_t lead = what.find("parse error");
  const std::size_t colon = lead == std::string_view::npos ? lead : what.find(": ", lead);
  return std::string(colon == std::string_view::npos ? what : what.substr(colon + 2));
}

std::string unknown_key(const std::string& path, const std::string& key) {
  return "profile '" + path + "': unknown key or wrong type: '" + key +
         "' (keys: name, queue_prefix, topic_prefix: strings; redelivers: boolean; nack: "
         "\"redeliver\", \"discard\" or \"dead-letter\")";
}

std::optional<NackOutcome> parse_nack(std::string_view text) {
  for (NackOutcome n : {NackOutcome::Redeliver, NackOutcome::Discard, NackOutcome::DeadLetter}) {
    if (to_string(n) == text) return n;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(NackOutcome n) {
  switch (n) {
    case NackOutcome::Redeliver: return "redeliver";
    case NackOutcome::Discard: return "discard";
    case NackOutcome::DeadLetter: return "dead-letter";
  }
  return "redeliver";
}

Profile reference_profile() {
  Profile p;
  p.name = "stompcheck reference broker";
  p.redelivers = true;
  p.nack = NackOutcome::Redeliver;  // broker/state.cpp settle(): a NACKed message is requeued
  return p;
}

ProfileLoad load_profile(const std::string& path) {
  ProfileLoad out;
  std::ifstream in(path);
  if (!in) {
    out.error = "cannot read profile '" + path + "'";
    return out;
  }
  const std::string json{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann gives the position only with its exception: turned into a value here.
    out.error = "profile '" + path + "':" + line_column(json, e.byte) +
                ": not valid JSON: " + parse_reason(e.what());
    return out;
  }
  if (!j.is_object()) {
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
    } else if (key == "nack" && text && parse_nack(value.get<std::string>())) {
      out.profile.nack = parse_nack(value.get<std::string>());
    } else {
      out.error = unknown_key(path, key);
      return out;
    }
  }
  return out;
}

}  // namespace stompcheck
