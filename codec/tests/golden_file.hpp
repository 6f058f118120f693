#pragma once
// Reader of the codec's golden files (codec/tests/golden/*.txt), one file per spec section.
//
//   === case-slug-unique-in-file
//   requirements: FR-06 FR-05
//   options: version=1.1 origin=server lenient=undefined_escapes,crlf limits=headers:3,line:20
//   --- input
//   SEND            <- lines joined with LF, the last line's LF excluded (write ^J to add one),
//   destination:/q     then decoded by stomp::wire() (^@ NUL, ^J LF, ^M CR, ^xHH any octet)
//
//   hi^@
//   --- events
//   frame SEND      <- exactly the lines of stomp::describe() for each event, in order;
//   header destination:/q    the block ends at a blank line, the next `===` or the end of file
//   body hi
//
// Outside cases, blank lines and lines starting with `#` are comments. `options:` is optional
// (defaults: version=1.2 origin=any, strict, default limits); `requirements:` is required.
#include <filesystem>
#include <string>
#include <vector>

#include <stomp/options.hpp>

namespace golden {

struct Case {
  std::string file;                       // the path the case was loaded from
  int line = 0;                           // line of its `===` header (1-based)
  std::string name;                       // the slug, unique within its file
  std::vector<std::string> requirements;  // catalogue ids, e.g. "FR-06"
  stomp::ParserOptions options;
  std::string input;                // wire bytes
  std::vector<std::string> events;  // expected stomp::describe() lines
};

// Reads one golden file. A malformed file throws std::runtime_error("<file>:<line>: <why>").
std::vector<Case> load(const std::filesystem::path& file);
// Reads every *.txt file of `dir`, in file-name order; throws as load() does.
std::vector<Case> load_dir(const std::filesystem::path& dir);
// Absolute path of the golden directory: $STOMPCHECK_GOLDEN_DIR when set, else
// codec/tests/golden under the working directory (the project root under CTest), else the
// directory beside this source file.
std::string golden_dir();

}  // namespace golden
