#pragma once
// STOMP versions and commands (1.2#Augmented_BNF, 1.0#augmented-bnf).
#include <cstdint>
#include <optional>
#include <string_view>

namespace stomp {

enum class Version : std::uint8_t { V1_0, V1_1, V1_2 };

enum class Command : std::uint8_t {
  Connect,
  Stomp,
  Send,
  Subscribe,
  Unsubscribe,
  Begin,
  Commit,
  Abort,
  Ack,
  Nack,
  Disconnect,
  Connected,
  Message,
  Receipt,
  Error,
};

// Who sent a frame; a parser accepts only that peer's commands (FR-24).
enum class Origin : std::uint8_t { Any, Client, Server };

// "1.0" / "1.1" / "1.2".
std::string_view to_string(Version v);
std::optional<Version> parse_version(std::string_view text);

// The wire spelling of a command, e.g. "SEND".
std::string_view to_string(Command c);
// Exact, case-sensitive match of a whole command line (FR-04): "send" and "SENDX" are nothing.
std::optional<Command> parse_command(std::string_view text);

constexpr bool is_client_command(Command c) { return c < Command::Connected; }

// NACK and STOMP do not exist in 1.0 (FR-24); CONNECT is valid in 1.0 (GRADING.md §9.13).
constexpr bool exists_in(Command c, Version v) {
  return v != Version::V1_0 || (c != Command::Nack && c != Command::Stomp);
}

// Only SEND, MESSAGE and ERROR may have a body (FR-10, 1.2#Body).
constexpr bool may_have_body(Command c) {
  return c == Command::Send || c == Command::Message || c == Command::Error;
}

// Header escaping applies from 1.1 on, never to CONNECT/STOMP/CONNECTED (FR-08).
constexpr bool uses_escapes(Command c, Version v) {
  return v != Version::V1_0 && c != Command::Connect && c != Command::Stomp &&
         c != Command::Connected;
}

}  // namespace stomp
