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

// Whether write_atomically(path, ...) can be expected to succeed, checked before a run so that
// a bad path is found before the first case: not empty, not a directory (nor ending in '/'),
// not an existing non-regular file, the nearest existing ancestor a directory in which a file
// can be created (probed with a temporary file, removed at once). The error names the path
// and why: "cannot write '<path>': <why>".
WriteResult check_writable(const std::string& path);

}  // namespace stompcheck::reports
