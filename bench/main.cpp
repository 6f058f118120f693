// stompcheck_bench: codec parser and encoder throughput over the workloads of workloads.hpp.
// Every benchmark reports bytes/s and frames/s (heart-beats count as frames).
// Run e.g.: stompcheck_bench --benchmark_filter=parse/ --benchmark_min_time=0.5
#include <string>

#include <benchmark/benchmark.h>

#include "bench/bench.hpp"
#include "bench/workloads.hpp"

namespace {

using bench::Lazy;
using bench::Touch;

void add_parse(const std::string& name, Lazy* w, Touch touch) {
  benchmark::RegisterBenchmark(name.c_str(), [w, touch](benchmark::State& s) {
    bench::parse(s, *w, touch);
  })->Unit(benchmark::kMicrosecond);
}

void add_encode(const std::string& name, Lazy* w) {
  benchmark::RegisterBenchmark(name.c_str(), [w](benchmark::State& s) {
    bench::encode(s, *w);
  })->Unit(benchmark::kMicrosecond);
}

}  // namespace

int main(int argc, char** argv) {
  // Registered here, in this order; nothing registers itself.
  Lazy a([] { return bench::workload_a(); });
  Lazy b(bench::workload_b);
  Lazy c(bench::workload_c);
  Lazy d([] { return bench::workload_d(); });
  Lazy d_nocl([] { return bench::workload_d(false); });
  Lazy e(bench::workload_e);
  Lazy f(bench::workload_f);
  struct Entry {
    const char* name;
    Lazy* workload;
  };
  const Entry entries[] = {
      {"a_message181_cl", &a}, {"b_message163_nocl", &b},      {"c_message10h_1k", &c},
      {"d_message_1m", &d},    {"d_message_1m_nocl", &d_nocl}, {"e_escapes", &e},
      {"f_heartbeats", &f},
  };

  for (const auto& en : entries)
    add_parse(std::string("parse/") + en.name, en.workload, Touch::None);
  benchmark::RegisterBenchmark("parse/g_message181_bytewise", [&a](benchmark::State& s) {
    bench::parse_bytewise(s, a);
  })->Unit(benchmark::kMillisecond);
  add_parse("parse+find/a_message181_cl", &a, Touch::Find);
  add_parse("parse+get/a_message181_cl", &a, Touch::Get);
  add_parse("parse+get/e_escapes", &e, Touch::Get);
  add_parse("parse+to_frame/a_message181_cl", &a, Touch::ToFrame);
  // A heart-beat is no frame the encoder writes, so (f) has no encode benchmark.
  for (const auto& en : entries) {
    if (en.workload != &f) add_encode(std::string("encode/") + en.name, en.workload);
  }

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
