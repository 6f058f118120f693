#pragma once
// A scenario: one entry of about 20 lines that cites the requirements it checks. Scenarios
// live one file per spec section (scenarios/cases/*.cpp); scenarios/catalogue.cpp lists the
// sections in spec order. Nothing registers itself.
#include <span>
#include <string_view>
#include <vector>

#include <asio/awaitable.hpp>

#include <stomp/command.hpp>

#include "model/result.hpp"
#include "scenarios/outcome.hpp"
#include "scenarios/session.hpp"

namespace stompcheck {

// A scenario body: a capture-less coroutine lambda converts to this.
using Body = asio::awaitable<Outcome> (*)(Session&);

inline const std::vector<stomp::Version> kAllVersions{stomp::Version::V1_0, stomp::Version::V1_1,
                                                      stomp::Version::V1_2};
inline const std::vector<stomp::Version> kSince11{stomp::Version::V1_1, stomp::Version::V1_2};
inline const std::vector<stomp::Version> kOnly12{stomp::Version::V1_2};

struct Scenario {
  std::string_view id;  // stable slug, never positional
  // ids from the requirement catalogue; the first one that applies at a version gives the
  // case its level there
  std::vector<std::string_view> requirements;
  std::string_view spec;  // citation, e.g. "1.2#CONNECT_or_STOMP_Frame"
  std::string_view title;
  std::vector<stomp::Version> versions = kAllVersions;  // each is its own case: "<id>@1.2"
  Body run = nullptr;
};

struct Section {
  std::string_view name;  // e.g. "Connecting": one JUnit testsuite
  std::span<const Scenario> scenarios;
  bool profile = false;  // broker-profile behaviour (GRADING.md §7), not conformance
};

}  // namespace stompcheck
