#pragma once
// In a forked child of a test driver: runs args[0] with args (no shell, no PATH search);
// on failure prints why and exits 127.
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace stompcheck::test {

[[noreturn]] inline void exec_args(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  std::perror("execv");
  _exit(127);
}

}  // namespace stompcheck::test
