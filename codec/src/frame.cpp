#include <stomp/frame.hpp>

namespace stomp {

std::optional<std::string_view> Frame::header(std::string_view name, Pick pick) const {
  const Header* found = nullptr;
  for (const Header& h : headers) {
    if (h.name != name) continue;
    found = &h;
    if (pick == Pick::First) break;
  }
  if (found == nullptr) return std::nullopt;
  return std::string_view(found->value);
}

}  // namespace stomp
