#pragma once
// The benchmark bodies; main.cpp registers them against the workloads.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include <benchmark/benchmark.h>

#include "bench/workloads.hpp"

namespace bench {

// A workload built and checked against the codec on first use, so that a filtered run
// builds only what it measures and no benchmark times a codec that disagrees with it.
class Lazy {
 public:
  explicit Lazy(std::function<Workload()> make) : make_(std::move(make)) {}
  const Workload& workload() { return prepare().first; }
  // Empty, or why the codec disagrees with the workload (the benchmark is skipped).
  const std::string& error() { return prepare().second; }

 private:
  const std::pair<Workload, std::string>& prepare() {
    if (!ready_) {
      Workload w = make_();
      std::string e = check(w);
      ready_.emplace(std::move(w), std::move(e));
    }
    return *ready_;
  }
  std::function<Workload()> make_;
  std::optional<std::pair<Workload, std::string>> ready_;
};

// What a parse benchmark does with each frame besides keeping it alive.
enum class Touch {
  None,     // the FrameView only
  Find,     // frame().find() of every header name
  Get,      // frame().get() of every header name (escapes decoded)
  ToFrame,  // frame().to_frame(): an owning copy
};

// The whole stream in one feed loop per iteration; frames and heart-beats count as frames.
void parse(benchmark::State& state, Lazy& workload, Touch touch);
// The same stream fed one octet per feed() call.
void parse_bytewise(benchmark::State& state, Lazy& workload);
// encode_to() of every frame into one reused string.
void encode(benchmark::State& state, Lazy& workload);

// Sets bytes/s from the octets of one iteration and frames/s from the frames of all.
inline void set_rates(benchmark::State& state, std::size_t bytes, std::size_t frames) {
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
  state.counters["frames"] =
      benchmark::Counter(static_cast<double>(frames), benchmark::Counter::kIsRate);
}

}  // namespace bench
