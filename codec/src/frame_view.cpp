#include <stomp/parser.hpp>

namespace stomp {

std::string FrameView::decode(std::string_view raw) const {
  return unescape(raw, escaping, keep_undefined_escapes).value;
}

const RawHeader* FrameView::find(std::string_view name) const {
  const RawHeader* found = nullptr;
  for (const RawHeader& h : headers) {
    bool match = escaping == Escaping::None || h.name.find('\\') == std::string_view::npos
                     ? h.name == name
                     : decode(h.name) == name;
    if (!match) continue;
    found = &h;
    if (pick == Pick::First) break;
  }
  return found;
}

std::optional<std::string> FrameView::get(std::string_view name) const {
  const RawHeader* h = find(name);
  if (h == nullptr) return std::nullopt;
  return decode(h->value);
}

Frame FrameView::to_frame() const {
  Frame f{.command = command, .headers = {}, .body = std::string(body)};
  f.headers.reserve(headers.size());
  for (const RawHeader& h : headers) f.headers.push_back({decode(h.name), decode(h.value)});
  return f;
}

}  // namespace stomp
