#pragma once
// Writing a report file so that a reader never sees half of it.
#include <string>
#include <string_view>

namespace stompcheck::reports {

struct WriteResult {
  bool ok = false;
  std::string error;  // empty when ok; else "cannot write '<path>': <step>: <strerror>"
  bool operator==(const WriteResult&) const = default;
};

// Writes `content` to "<path>.tmp.<pid>", syncs and closes it, then rename()s it over `path`.
// Creates missing parent directories; on failure removes the temporary file.
WriteResult write_atomically(const std::string& path, std::string_view content);

}  // namespace stompcheck::reports
