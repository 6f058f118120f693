// stompcheck_callgrind N: parses N frames of workload (a) once, with no benchmark framework,
// for scripts/callgrind.sh. Only stompcheck_parse_stream() is meant to be measured
// (valgrind --toggle-collect=stompcheck_parse_stream), so building the input is not counted.
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <stomp/parser.hpp>

#include "bench/workloads.hpp"

// The canonical feed loop; returns the frames parsed, or -1 on a parse error.
extern "C" __attribute__((noinline)) long stompcheck_parse_stream(const char* data,
                                                                  std::size_t size) {
  stomp::Parser p;
  std::string_view in(data, size);
  long frames = 0;
  while (!in.empty()) {
    auto s = p.feed(in);
    in.remove_prefix(s.consumed);
    if (s.status == stomp::Status::Frame) {
      ++frames;
    } else if (s.status == stomp::Status::Error) {
      std::fprintf(stderr, "parse error at %llu: %s\n",
                   static_cast<unsigned long long>(p.failure().offset), p.failure().reason.c_str());
      return -1;
    }
  }
  return p.idle() ? frames : -1;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FRAMES\n", argv[0]);
    return 2;
  }
  const auto count = std::strtoull(argv[1], nullptr, 10);
  if (count == 0) {
    std::fprintf(stderr, "FRAMES must be a positive number\n");
    return 2;
  }
  const bench::Workload w = bench::workload_a(static_cast<std::size_t>(count));
  if (w.wire.size() != count * 181) {
    std::fprintf(stderr, "workload (a) is %zu octets, wanted %llu\n", w.wire.size(), count * 181);
    return 1;
  }
  const long frames = stompcheck_parse_stream(w.wire.data(), w.wire.size());
  std::printf("frames=%ld bytes=%zu\n", frames, w.wire.size());
  return frames == static_cast<long>(count) ? 0 : 1;
}
