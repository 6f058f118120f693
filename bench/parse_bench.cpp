// Parser throughput: the canonical feed loop over one exact-size buffer of many frames.
#include <string>
#include <string_view>
#include <vector>

#include <stomp/parser.hpp>

#include "bench/bench.hpp"

namespace bench {
namespace {

// The header names of the workload's first frame: every frame has the same ones.
std::vector<std::string> names_of(const Workload& w) {
  std::vector<std::string> names;
  if (!w.frames.empty()) {
    for (const auto& h : w.frames.front().headers) names.push_back(h.name);
  }
  return names;
}

void touch_frame(const stomp::FrameView& f, Touch touch, const std::vector<std::string>& names) {
  switch (touch) {
    case Touch::None: break;
    case Touch::Find:
      for (const auto& n : names) benchmark::DoNotOptimize(f.find(n));
      break;
    case Touch::Get:
      for (const auto& n : names) benchmark::DoNotOptimize(f.get(n));
      break;
    case Touch::ToFrame: benchmark::DoNotOptimize(f.to_frame()); break;
  }
}

}  // namespace

void parse(benchmark::State& state, Lazy& workload, Touch touch) {
  if (!workload.error().empty()) {
    state.SkipWithError(workload.error().c_str());
    return;
  }
  const Workload& w = workload.workload();
  const std::vector<std::string> names = names_of(w);
  stomp::Parser p;
  std::size_t frames = 0;
  for (auto _ : state) {
    std::string_view in = w.wire;
    while (!in.empty()) {
      auto s = p.feed(in);
      in.remove_prefix(s.consumed);
      if (s.status == stomp::Status::Frame) {
        benchmark::DoNotOptimize(p.frame());
        touch_frame(p.frame(), touch, names);
        ++frames;
      } else if (s.status == stomp::Status::Heartbeat) {
        ++frames;
      } else if (s.status == stomp::Status::Error) {
        state.SkipWithError(p.failure().reason.c_str());
        break;
      }
    }
  }
  set_rates(state, w.wire.size(), frames);
}

void parse_bytewise(benchmark::State& state, Lazy& workload) {
  if (!workload.error().empty()) {
    state.SkipWithError(workload.error().c_str());
    return;
  }
  const Workload& w = workload.workload();
  stomp::Parser p;
  std::size_t frames = 0;
  for (auto _ : state) {
    bool failed = false;
    for (std::size_t i = 0; i < w.wire.size() && !failed; ++i) {
      std::string_view in(w.wire.data() + i, 1);
      while (!in.empty()) {
        auto s = p.feed(in);
        in.remove_prefix(s.consumed);
        if (s.status == stomp::Status::Frame) {
          benchmark::DoNotOptimize(p.frame());
          ++frames;
        } else if (s.status == stomp::Status::Heartbeat) {
          ++frames;
        } else if (s.status == stomp::Status::Error) {
          state.SkipWithError(p.failure().reason.c_str());
          failed = true;
          break;
        }
      }
    }
  }
  set_rates(state, w.wire.size(), frames);
}

}  // namespace bench
