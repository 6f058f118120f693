// Drives `stompcheck lint` through its standard input and checks what it says.
//   lint_pipe stream STOMPCHECK MIB MAX_RSS_MIB: pipes MIB MiB of generated server frames
//     (with a broken frame and a SHOULD issue in every block) into `stompcheck lint -q
//     --from server -`; checks the exit status, the summary and the child's peak RSS (wait4).
//   lint_pipe reset STOMPCHECK: standard input is a socket whose peer goes away with a
//     reset after some frames: the lint says so, sums up what it read, exits 64.
// Exits 0 when every check holds; prints what it found either way.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "app/tests/exec_args.hpp"

namespace {

struct Child {
  pid_t pid = -1;
  int out = -1;  // a temporary file with the child's stdout and stderr
};

// Runs `argv` with `in` as its standard input and a temporary file as its output.
Child spawn(const std::vector<std::string>& args, int in, int other_end) {
  std::FILE* tmp = std::tmpfile();
  if (tmp == nullptr) {
    std::perror("tmpfile");
    std::exit(2);
  }
  const int out = dup(fileno(tmp));
  std::fclose(tmp);
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("fork");
    std::exit(2);
  }
  if (pid == 0) {
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);
    close(in);
    close(out);
    close(other_end);
    stompcheck::test::exec_args(args);
  }
  close(in);
  return {pid, out};
}

struct Ended {
  int status = -1;       // exit code, or -1 when it did not exit
  long max_rss_kib = 0;  // the child's peak resident set
  std::string output;
};

Ended wait_for(const Child& child) {
  int status = 0;
  rusage usage{};
  wait4(child.pid, &status, 0, &usage);
  Ended ended{WIFEXITED(status) ? WEXITSTATUS(status) : -1, usage.ru_maxrss, {}};
  lseek(child.out, 0, SEEK_SET);
  char buf[4096];
  ssize_t n = 0;
  while ((n = read(child.out, buf, sizeof buf)) > 0)
    ended.output.append(buf, static_cast<std::size_t>(n));
  close(child.out);
  return ended;
}

bool write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string nul() { return {'\0'}; }

struct Block {
  std::string bytes;
  std::size_t frames = 0, heartbeats = 0, violations = 0, warnings = 0;
};

// About 1 MiB of a server's stream: conformant MESSAGEs with bodies holding NULs, heart-beats,
// one broken frame (its content-length body, NULs included, skipped whole by the resync) and
// one MESSAGE whose body lacks content-length (MS-07, a SHOULD).
Block block() {
  Block b;
  for (std::size_t i = 1; b.bytes.size() < (std::size_t{1} << 20); ++i) {
    const std::string id = std::to_string(i);
    std::string body((i * 53) % 1500, 'm');
    if (body.size() > 2) body[1] = '\0';
    b.bytes += "MESSAGE\ndestination:/queue/pipe\nmessage-id:m-";
    b.bytes += id;
    b.bytes += "\nsubscription:s-1\ncontent-type:application/octet-stream\ncontent-length:";
    b.bytes += std::to_string(body.size());
    b.bytes += "\n\n";
    b.bytes += body;
    b.bytes += nul();
    b.bytes += "\n";
    ++b.frames;
    ++b.heartbeats;
  }
  b.bytes +=
      "MESSAGE\ndestination:/queue/pipe\nmessage-id:x\nsubscription:s-1\n"
      "content-length:5\nx:\\t\n\nA" +
      nul() + "B" + nul() + "C" + nul() + "\n";
  ++b.violations;
  ++b.heartbeats;
  b.bytes +=
      "MESSAGE\ndestination:/queue/pipe\nmessage-id:y\nsubscription:s-1\n"
      "content-type:text/plain\n\nno length" +
      nul() + "\n";
  ++b.frames;
  ++b.warnings;
  ++b.heartbeats;
  return b;
}

int fail(const std::string& why, const Ended& ended) {
  std::cout << ended.output << "lint_pipe: FAILED: " << why << '\n';
  return 1;
}

int stream(const std::string& exe, std::size_t mib, long max_rss_mib) {
  // ASan's quarantine of freed blocks (256 MiB by default) would count as resident memory.
  const char* asan = std::getenv("ASAN_OPTIONS");
  const std::string options = std::string(asan != nullptr ? asan : "") + ":quarantine_size_mb=8";
  setenv("ASAN_OPTIONS", options.c_str(), 1);
  int fds[2];
  if (pipe(fds) != 0) {
    std::perror("pipe");
    return 2;
  }
  const Child child = spawn({exe, "lint", "-q", "--from", "server", "-"}, fds[0], fds[1]);
  const Block b = block();
  const std::size_t blocks = (mib << 20) / b.bytes.size() + 1;
  const auto start = std::chrono::steady_clock::now();
  bool written = true;
  for (std::size_t k = 0; k < blocks && written; ++k) written = write_all(fds[1], b.bytes);
  close(fds[1]);
  const Ended ended = wait_for(child);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string summary = "lint: " + std::to_string(blocks * b.frames) + " frames, " +
                              std::to_string(blocks * b.heartbeats) + " heart-beats, " +
                              std::to_string(blocks * b.violations) + " violations, " +
                              std::to_string(blocks * b.warnings) + " warnings\n";
  const std::size_t lines_at = ended.output.rfind("lint: ");
  std::cout << "piped " << (blocks * b.bytes.size()) / 1000000 << " MB (" << blocks
            << " blocks) in " << seconds << " s; stompcheck lint max RSS "
            << ended.max_rss_kib / 1024 << " MiB (limit " << max_rss_mib << ")\n"
            << (lines_at == std::string::npos ? ended.output : ended.output.substr(lines_at));
  if (!written) return fail("the lint stopped reading", ended);
  if (ended.status != 1) return fail("exit status " + std::to_string(ended.status), ended);
  if (lines_at == std::string::npos || ended.output.substr(lines_at) != summary) {
    return fail("expected " + summary, ended);
  }
  if (ended.max_rss_kib > max_rss_mib * 1024) return fail("max RSS over the limit", ended);
  return 0;
}

int reset(const std::string& exe) {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
    std::perror("socketpair");
    return 2;
  }
  // An octet the child never reads: closing fds[0] with it unread resets the connection,
  // which the child sees once it has read all that was sent (unix(7) stream sockets).
  if (!write_all(fds[1], "x")) {
    std::perror("write");
    return 2;
  }
  const Child child = spawn({exe, "lint", "--from", "server", "-"}, fds[1], fds[0]);
  std::string sent;
  for (int i = 0; i < 3; ++i) {
    sent += "RECEIPT\nreceipt-id:r-" + std::to_string(i) + "\n\n" + nul() + "\n";
  }
  if (!write_all(fds[0], sent)) {
    std::perror("write");
    return 2;
  }
  close(fds[0]);
  const Ended ended = wait_for(child);
  std::cout << ended.output;
  const std::string said = "stompcheck lint: cannot read standard input after " +
                           std::to_string(sent.size()) + " octets: " + std::strerror(ECONNRESET);
  if (ended.status != 64) return fail("exit status " + std::to_string(ended.status), ended);
  if (ended.output.find(said) == std::string::npos) return fail("expected " + said, ended);
  if (ended.output.find("\nlint: 3 frames, 3 heart-beats, 0 violations\n") == std::string::npos) {
    return fail("expected the summary of what was read", ended);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 4 && args[0] == "stream") {
    return stream(args[1], std::stoul(args[2]), std::stol(args[3]));
  }
  if (args.size() == 2 && args[0] == "reset") return reset(args[1]);
  std::cerr << "usage: lint_pipe stream STOMPCHECK MIB MAX_RSS_MIB | reset STOMPCHECK\n";
  return 2;
}
