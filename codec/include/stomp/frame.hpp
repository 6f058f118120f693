#pragma once
// The owning frame model: command, headers in wire order with repeats kept, body bytes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <stomp/command.hpp>

namespace stomp {

struct Header {
  std::string name;
  std::string value;
  bool operator==(const Header&) const = default;
};

// Which of several entries with one name a lookup returns. The spec says the first
// (FR-18, 1.2#Repeated_Header_Entries); Last imitates implementations that let later ones win.
enum class Pick : std::uint8_t { First, Last };

struct Frame {
  Command command = Command::Send;
  std::vector<Header> headers;  // decoded names and values, wire order, repeats kept
  std::string body;             // any octets, NULs included

  // The value of the first (or last) header called `name`, compared byte for byte (FR-04).
  std::optional<std::string_view> header(std::string_view name, Pick pick = Pick::First) const;
  bool operator==(const Frame&) const = default;
};

}  // namespace stomp
