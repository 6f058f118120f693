// Encoder throughput: encode_to() of a workload's frames into one reused string.
#include <string>

#include <stomp/encoder.hpp>

#include "bench/bench.hpp"

namespace bench {

void encode(benchmark::State& state, Lazy& workload) {
  if (!workload.error().empty()) {
    state.SkipWithError(workload.error().c_str());
    return;
  }
  const Workload& w = workload.workload();
  std::string out;
  out.reserve(w.wire.size());
  std::size_t frames = 0;
  for (auto _ : state) {
    out.clear();
    for (const auto& f : w.frames) {
      if (auto e = stomp::encode_to(out, f); e != stomp::EncodeError::None) {
        state.SkipWithError(std::string(stomp::to_string(e)).c_str());
        break;
      }
      ++frames;
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  set_rates(state, w.wire.size(), frames);
}

}  // namespace bench
