#include "reports/xml.hpp"

#include "reports/text.hpp"

namespace stompcheck::reports {
namespace {

// The reference that stands for `c`, or "" when `c` stands for itself.
std::string_view reference(char c, bool attribute) {
  switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '\r': return "&#13;";  // a parser would turn a raw CR into LF
    case '"': return attribute ? "&quot;" : "";
    case '\'': return attribute ? "&apos;" : "";
    case '\t': return attribute ? "&#9;" : "";   // attribute-value normalisation would make
    case '\n': return attribute ? "&#10;" : "";  // these spaces
    default: return "";
  }
}

std::string escape(std::string_view text, bool attribute) {
  const std::string clean = displayable(text, "\t\n\r");
  std::string out;
  out.reserve(clean.size());
  for (const char c : clean) {
    const std::string_view ref = reference(c, attribute);
    if (ref.empty()) {
      out.push_back(c);
    } else {
      out.append(ref);
    }
  }
  return out;
}

}  // namespace

std::string xml_text(std::string_view text) { return escape(text, false); }

std::string xml_attr(std::string_view text) { return escape(text, true); }

}  // namespace stompcheck::reports
