// write_sample DIR: writes the JUnit reports of the sample run (DIR/run.xml), of its strict
// variant (DIR/run-strict.xml) and of all_octets_run() (DIR/all-octets.xml), for the xmllint
// schema tests (reports/tests/CMakeLists.txt).
#include <iostream>
#include <string>
#include <utility>

#include "reports/file.hpp"
#include "reports/junit.hpp"
#include "reports/tests/sample_run.hpp"

int main(int argc, char** argv) {
  using namespace stompcheck::reports;
  if (argc != 2) {
    std::cerr << "usage: write_sample DIR\n";
    return 64;
  }
  const std::string dir = argv[1];
  const std::pair<const char*, stompcheck::RunResult> reports[] = {
      {"/run.xml", testing::sample_run(false)},
      {"/run-strict.xml", testing::sample_run(true)},
      {"/all-octets.xml", testing::all_octets_run()},
  };
  for (const auto& [name, run] : reports) {
    const WriteResult written = write_atomically(dir + name, to_junit(run));
    if (!written.ok) {
      std::cerr << written.error << "\n";
      return 1;
    }
  }
  return 0;
}
