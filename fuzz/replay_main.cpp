// A main() for fuzz targets built without libFuzzer: runs LLVMFuzzerTestOneInput once per file
// named on the command line, or per regular file (recursively, in name order) of a named
// directory, so that every target builds with any compiler and replays its corpus under CTest.
// Arguments starting with '-' (libFuzzer flags) are ignored. Fails when it finds no input, so a
// wrong corpus path cannot pass silently; an oracle failure aborts with its report.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/common.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg = argv[i];
    if (arg.string().rfind('-', 0) == 0) continue;
    if (!fs::is_directory(arg)) {
      files.push_back(arg);
      continue;
    }
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(arg)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
      return 1;
    }
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    // An exact-size copy, so AddressSanitizer sees reads past the input's end.
    const std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(input.data(), input.size());
  }
  std::printf("replay: %zu inputs\n", files.size());
  if (files.empty()) {
    std::fprintf(stderr, "replay: no input files (usage: %s FILE|DIR...)\n", argv[0]);
    return 1;
  }
  return 0;
}
