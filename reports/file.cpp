#include "reports/file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace stompcheck::reports {
namespace {

WriteResult failure(const std::string& path, std::string_view step, const std::error_code& ec) {
  return {.ok = false,
          .error = "cannot write '" + path + "': " + std::string(step) + ": " + ec.message()};
}

std::error_code last_error() { return {errno, std::generic_category()}; }

// Writes all of `content` to `fd`, retrying short writes and EINTR.
bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) errno = EIO;  // no progress and no errno: do not loop forever
    if (n <= 0) return false;
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

WriteResult write_atomically(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  if (path.empty()) return failure(path, "open", std::make_error_code(std::errc::invalid_argument));
  std::error_code ec;
  if (const fs::path parent = fs::path(path).parent_path(); !parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) return failure(path, "create directory '" + parent.string() + "'", ec);
  }
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return failure(path, "create '" + temp + "'", last_error());

  // The first step that failed, and its errno; the temporary file is closed in any case.
  std::string_view step;
  std::error_code error;
  const auto failed = [&](std::string_view name) {
    step = name;
    error = last_error();
  };
  if (!write_all(fd, content)) {
    failed("write");
  } else if (::fsync(fd) != 0) {
    failed("fsync");
  }
  if (::close(fd) != 0 && step.empty()) failed("close");
  if (step.empty() && std::rename(temp.c_str(), path.c_str()) != 0) failed("rename");
  if (step.empty()) return {.ok = true, .error = {}};
  ::unlink(temp.c_str());
  return failure(path, step, error);
}

WriteResult check_writable(const std::string& path) {
  namespace fs = std::filesystem;
  const auto bad = [&](const std::string& why) {
    return WriteResult{.ok = false, .error = "cannot write '" + path + "': " + why};
  };
  if (path.empty()) return bad("the path is empty");
  const fs::path p(path);
  std::error_code ec;
  const fs::file_status st = fs::status(p, ec);
  if (fs::is_directory(st)) return bad("it is a directory");
  if (fs::exists(st) && !fs::is_regular_file(st)) {
    return bad("it exists and is not a regular file (use - for standard output)");
  }
  if (!p.has_filename()) return bad("it names a directory (it ends with '/')");
  fs::path dir = p.parent_path();
  while (!dir.empty() && !fs::exists(fs::status(dir, ec))) dir = dir.parent_path();
  if (dir.empty()) dir = ".";
  if (!fs::is_directory(fs::status(dir, ec))) {
    std::string why = "'";  // appended piece by piece: g++ 12 -O3 -Werror=restrict
    why += dir.string();
    why += "' is not a directory";
    return bad(why);
  }
  const std::string probe = (dir / (".stompcheck-probe." + std::to_string(::getpid()))).string();
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return bad("cannot create a file in '" + dir.string() + "': " + last_error().message());
  }
  ::close(fd);
  ::unlink(probe.c_str());
  return {.ok = true, .error = {}};
}

}  // namespace stompcheck::reports
