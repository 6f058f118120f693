// The stomp.py quick-start (broker/tests/stomp_py_quickstart.py) against an in-process broker
// on 127.0.0.1:ephemeral. Exit 0 on success, 1 otherwise (also when Debian's stomp.py is missing).
#include <sys/wait.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "broker/tests/loopback.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: broker_quickstart SCRIPT\n";
    return 64;
  }
  // Debian's python3-stomp imports only under /usr/bin/python3 (a python3 on PATH may not).
  if (std::system("/usr/bin/python3 -c 'import stomp' 2>/dev/null") != 0) {
    std::cerr << "FAIL: /usr/bin/python3 cannot import stomp (apt-get install python3-stomp)\n";
    return 1;
  }
  using stompcheck::broker::test::Running;
  Running broker({.login = "guest", .passcode = "guest"});
  const std::string command = "timeout 30 /usr/bin/python3 " + std::string(argv[1]) + " " +
                              std::to_string(broker.port()) + " guest guest";
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) return 1;
  return WEXITSTATUS(status);
}
