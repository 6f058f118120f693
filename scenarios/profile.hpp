#pragma once
// A broker profile (GRADING.md §7): how logical destinations map to the broker's names,
// and which optional behaviours the broker claims. Profile results are not conformance.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stompcheck {

// What the broker does with a NACKed message (1.2#NACK: "server specific"; GRADING.md
// §10.10).
enum class NackOutcome : std::uint8_t { Redeliver, Discard, DeadLetter };
std::string_view to_string(NackOutcome n);  // "redeliver", "discard", "dead-letter"

struct Profile {
  std::string name = "default";
  std::string queue_prefix = "/queue/";  // competing consumers (SD-06)
  std::string topic_prefix = "/topic/";  // fan-out
  // The broker redelivers unacknowledged messages after the connection drops (SB-07,
  // GRADING.md §10.4): then a message that never comes back is a FAIL, not INFO.
  bool redelivers = false;
  // What a NACK does, when the profile says (GRADING.md §10.10): then a NACK that acts like an
  // ACK although the profile says redeliver is a FAIL (AK-05); unknown, the outcome is INFO.
  std::optional<NackOutcome> nack{};
  bool operator==(const Profile&) const = default;
};

// The profile the embedded reference broker satisfies.
Profile reference_profile();

struct ProfileLoad {
  Profile profile;
  std::string error;  // empty on success
};
// Reads a JSON profile: {"name": "...", "queue_prefix": "/queue/", "topic_prefix": "/topic/",
// "redelivers": true, "nack": "redeliver" | "discard" | "dead-letter"}; every key optional, unknown
// keys are an error (a typo must not pass).
ProfileLoad load_profile(const std::string& path);

}  // namespace stompcheck
