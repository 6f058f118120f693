#include "app/credentials.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <tuple>

#include <stomp/encoder.hpp>

namespace stompcheck::cli {
namespace {

constexpr std::size_t kMaxLine = std::size_t{64} * 1024;

struct Resolved {
  std::optional<std::string> value;
  std::string from;  // "--passcode", "the first line of --passcode-file 'F'", "STOMPCHECK_PASSCODE"
  std::string error;
};

Resolved resolve(const CredentialSource& c) {
  if (c.value) return {c.value, std::string(c.option), {}};
  const std::string file_option = std::string(c.option) + "-file";
  if (c.file) {
    FirstLine first = read_first_line(*c.file);
    if (!first.error.empty()) return {std::nullopt, {}, file_option + ": " + first.error};
    return {std::move(first.line), "the first line of " + file_option + " '" + *c.file + "'", {}};
  }
  // An empty variable is taken as unset, as `STOMPCHECK_PASSCODE= stompcheck run` would mean.
  if (const char* env = c.env ? std::getenv(c.env) : nullptr; env && *env) {
    return {std::string(env), c.env, {}};
  }
  return {};
}

// Why `value` cannot be the CONNECT header `name` at `v`; empty when it can.
std::string unsendable(std::string_view name, const std::string& value, stomp::Version v) {
  // CONNECT headers are never escaped (1.2#Value_Encoding): a CR, LF or NUL would end the
  // header or the frame. (1.1's grammar allows a bare CR, which a 1.2-minded parser takes for
  // the end of the line: refused at every version.)
  if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
    return "holds a CR, LF or NUL octet, which a CONNECT header cannot carry (CONNECT headers "
           "are never escaped: 1.2#Value_Encoding)";
  }
  const stomp::Frame f{
      .command = stomp::Command::Connect, .headers = {{std::string(name), value}}, .body = {}};
  if (stomp::encode(f, {.version = v, .content_length = false, .crlf = false}).ok()) return {};
  if (v == stomp::Version::V1_0) {
    return std::string(value.empty() ? "is empty" : "holds an octet above 127") +
           ", which a STOMP 1.0 header cannot carry (FR-22: 1.0 header values are non-empty "
           "US-ASCII); leave 1.0 out with --version 1.1,1.2";
  }
  return "cannot be sent in a STOMP " + std::string(stomp::to_string(v)) + " CONNECT header";
}

}  // namespace

FirstLine read_first_line(const std::string& path) {
  const std::string shown = "'" + path + "'";
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {{}, "cannot read " + shown + ": " + std::strerror(errno)};
  std::string line;
  char buf[4096];
  int error = 0;
  bool ended = false;
  while (!ended && line.size() <= kMaxLine) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error = errno;
    if (n <= 0) break;
    const std::string_view got(buf, static_cast<std::size_t>(n));
    const std::size_t lf = got.find('\n');
    ended = lf != std::string_view::npos;
    line.append(got.substr(0, lf));
  }
  ::close(fd);
  if (error != 0) return {{}, "cannot read " + shown + ": " + std::strerror(error)};
  if (line.size() > kMaxLine) {
    return {
        {},
        "the first line of " + shown + " is longer than " + std::to_string(kMaxLine) + " octets"};
  }
  if (ended && !line.empty() && line.back() == '\r') line.pop_back();  // CRLF
  if (line.empty()) return {{}, shown + (ended ? " starts with an empty line" : " is empty")};
  return {std::move(line), {}};
}

Credentials resolve_credentials(const CredentialSource& login, const CredentialSource& passcode,
                                const std::optional<std::string>& vhost,
                                const std::vector<stomp::Version>& versions) {
  Credentials out;
  std::vector<stomp::Version> sorted = versions;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  auto check = [&](std::string_view header, const Resolved& r) {
    if (!r.value) return true;
    for (stomp::Version v : sorted) {
      if (header == "host" && v == stomp::Version::V1_0) continue;  // 1.0 sends no host header
      if (std::string why = unsendable(header, *r.value, v); !why.empty()) {
        out.error = r.from + " " + why;
        return false;
      }
    }
    return true;
  };
  for (auto [header, source, into] : {std::tuple{"login", &login, &out.login},
                                      std::tuple{"passcode", &passcode, &out.passcode}}) {
    Resolved r = resolve(*source);
    if (!r.error.empty()) {
      out.error = r.error;
      return out;
    }
    if (!check(header, r)) return out;
    *into = std::move(r.value);
  }
  check("host", {vhost, "--vhost", {}});
  return out;
}

}  // namespace stompcheck::cli
