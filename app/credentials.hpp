#pragma once
// Where `stompcheck run` takes its CONNECT credentials from (an option, a file, the
// environment), and whether a CONNECT frame can carry them. A credential is never printed:
// an error names the option, the file or the variable, never the value.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <stomp/command.hpp>

namespace stompcheck::cli {

// One credential as the command line and the environment may give it.
struct CredentialSource {
  std::string_view option;           // "--passcode"; the file option is this plus "-file"
  std::optional<std::string> value;  // --passcode VALUE
  std::optional<std::string> file;   // --passcode-file FILE (CLI11 excludes it with --passcode)
  const char* env = nullptr;         // "STOMPCHECK_PASSCODE"
};

struct Credentials {
  std::optional<std::string> login, passcode;
  std::string error;  // a usage error, naming where the bad value came from; empty: fine
};

// Each credential from, in this order: its option; its file option (the first line, without
// its LF or CRLF); its environment variable when set and not empty; else none. Each, and the
// vhost, must be sendable in a CONNECT at every version in `versions`: CONNECT headers are
// never escaped (1.2#Value_Encoding), so no CR, LF or NUL, and at 1.0 a value is non-empty
// US-ASCII (FR-22). A ':' is accepted (GRADING.md §9.4).
Credentials resolve_credentials(const CredentialSource& login, const CredentialSource& passcode,
                                const std::optional<std::string>& vhost,
                                const std::vector<stomp::Version>& versions);

struct FirstLine {
  std::string line;
  std::string error;  // "cannot read 'F': ...", "'F' starts with an empty line", ...; empty: fine
};
// The first line of the file at `path`, without its line ending (LF or CRLF); an error when
// the file cannot be read, when that line is empty, or longer than 64 KiB.
FirstLine read_first_line(const std::string& path);

}  // namespace stompcheck::cli
