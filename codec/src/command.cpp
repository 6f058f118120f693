#include <array>
#include <cstring>

#include <stomp/command.hpp>

namespace stomp {
namespace {

constexpr std::array<std::string_view, 15> kNames = {
    "CONNECT", "STOMP", "SEND",       "SUBSCRIBE", "UNSUBSCRIBE", "BEGIN",   "COMMIT", "ABORT",
    "ACK",     "NACK",  "DISCONNECT", "CONNECTED", "MESSAGE",     "RECEIPT", "ERROR"};

constexpr std::size_t index(Command c) { return static_cast<std::size_t>(c); }

}  // namespace

std::string_view to_string(Version v) {
  switch (v) {
    case Version::V1_0: return "1.0";
    case Version::V1_1: return "1.1";
    case Version::V1_2: return "1.2";
  }
  return "?";
}

std::optional<Version> parse_version(std::string_view text) {
  if (text == "1.0") return Version::V1_0;
  if (text == "1.1") return Version::V1_1;
  if (text == "1.2") return Version::V1_2;
  return std::nullopt;
}

std::string_view to_string(Command c) { return kNames[index(c)]; }

std::optional<Command> parse_command(std::string_view text) {
  // Dispatch on length then compare whole words: no prefix matching (FR-04).
  auto is = [&](Command c) { return text == kNames[index(c)]; };
  switch (text.size()) {
    case 3:
      if (is(Command::Ack)) return Command::Ack;
      break;
    case 4:
      if (is(Command::Send)) return Command::Send;
      if (is(Command::Nack)) return Command::Nack;
      break;
    case 5:
      if (is(Command::Stomp)) return Command::Stomp;
      if (is(Command::Begin)) return Command::Begin;
      if (is(Command::Abort)) return Command::Abort;
      if (is(Command::Error)) return Command::Error;
      break;
    case 6:
      if (is(Command::Commit)) return Command::Commit;
      break;
    case 7:
      if (is(Command::Message)) return Command::Message;
      if (is(Command::Connect)) return Command::Connect;
      if (is(Command::Receipt)) return Command::Receipt;
      break;
    case 9:
      if (is(Command::Subscribe)) return Command::Subscribe;
      if (is(Command::Connected)) return Command::Connected;
      break;
    case 10:
      if (is(Command::Disconnect)) return Command::Disconnect;
      break;
    case 11:
      if (is(Command::Unsubscribe)) return Command::Unsubscribe;
      break;
    default: break;
  }
  return std::nullopt;
}

}  // namespace stomp
