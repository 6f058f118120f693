#pragma once
// XML 1.0 escaping that keeps a document well-formed whatever bytes it is given.
#include <string>
#include <string_view>

namespace stompcheck::reports {

// Character data: displayable() keeping TAB and LF, then & < > as entities and CR as &#13;.
std::string xml_text(std::string_view text);
// An attribute value for "..." or '...': as xml_text, plus " ' and TAB / LF as references,
// so attribute-value normalisation keeps them.
std::string xml_attr(std::string_view text);

}  // namespace stompcheck::reports
