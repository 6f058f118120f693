#pragma once
// The project's requirement catalogue (model/requirements.json, compiled into the binary):
// every testable STOMP requirement with a stable id and, per version of the specification,
// its anchor, its level as graded and as written, and the specification's own sentence.
// One source: grading, --list, coverage and the reports all read it.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <stomp/command.hpp>

#include "model/result.hpp"

namespace stompcheck {

// Whose obligation a requirement is.
enum class Who : std::uint8_t { Server, Client, Both };

// A requirement as one version of the specification states it.
struct Statement {
  Level level = Level::Info;  // as graded: MUST -> FAIL, SHOULD -> NON-STRICT, MAY, INFO
  std::string written;        // as the spec writes it: "MUST", "SHOULD", "MAY", "grammar", ...
  std::string anchor;         // citation, e.g. "1.2#Value_Encoding"
  std::string sentence;       // the specification's words
  bool operator==(const Statement&) const = default;
};

struct Requirement {
  std::string id;       // e.g. "FR-06"
  std::string area;     // e.g. "Frame grammar and encoding"
  std::string summary;  // one line
  Who who = Who::Server;
  bool observable = true;    // whether a client can observe a server meeting it
  std::string unobservable;  // why not, one sentence (set exactly when !observable)
  std::array<std::optional<Statement>, 3> versions{};  // 1.0, 1.1, 1.2; nullopt: not in it
  // The statement at `v`, or nullptr when the requirement is not part of that version.
  const Statement* at(stomp::Version v) const;
  bool operator==(const Requirement&) const = default;
};

// Every requirement in catalogue order, parsed once from the compiled-in JSON.
const std::vector<Requirement>& requirements();
// The requirement `id`, or nullptr.
const Requirement* find_requirement(std::string_view id);
// The graded level of `id` at `v`; Level::Info when the row does not apply at `v`.
// An unknown id is a stompcheck bug: std::logic_error.
Level level_at(std::string_view id, stomp::Version v);
// The section anchors of the published specification page of `v` (stomp.github.io).
const std::vector<std::string>& spec_anchors(stomp::Version v);
// The catalogue as compiled in: the text of model/requirements.json.
std::string_view requirements_json();

}  // namespace stompcheck
