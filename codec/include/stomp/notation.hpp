#pragma once
// The spec's caret notation for bytes in text: `^@` is NUL (as in the spec's examples),
// `^A`..`^_` are the other control octets (`^J` LF, `^M` CR), `^?` is DEL and `^xHH` any
// octet. Any other `^` is literal.
#include <string>
#include <string_view>

namespace stomp {

// wire("SEND\ndestination:/q\n\nhi^@") -> the bytes, with a real NUL.
std::string wire(std::string_view notation);
// The inverse for display: control octets, DEL, '^' and octets >= 128 in caret notation;
// LF is shown as `^J` unless `keep_lf`.
std::string show(std::string_view bytes, bool keep_lf = false);

}  // namespace stomp
