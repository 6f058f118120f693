#!/usr/bin/env bash
# The presets the README names besides dev and asan (scripts/test.sh runs those two as
# workflows) configure and build, so that none of them breaks unseen:
#   bench  the whole preset: g++ 12 at -O3 warns (-Werror) in translation units that a Debug
#          build compiles cleanly, so no subset would do.
#   fuzz   the preset's configure and its fuzz_* targets. scripts/fuzz-smoke.sh builds those
#          targets in the same build/fuzz with the same cache values, so after it this costs
#          only the configure; the rest of the preset (stompcheck, the broker) is compiled by
#          the asan build with the same compiler and sanitizers.
#   tidy   the whole preset: clang-tidy 14 (.clang-tidy, warnings as errors) on every
#          translation unit, tests included (they hold code too: issue 8 found a use-after-move
#          in one).
# Prints each step's time; exits non-zero when any step fails (every step still runs).
#
#   scripts/check-presets.sh [bench|fuzz|tidy...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CMAKE_BUILD_PARALLEL_LEVEL=2

presets=("$@")
if ((${#presets[@]} == 0)); then presets=(bench fuzz tidy); fi
fuzz_targets=(fuzz_parse fuzz_split fuzz_roundtrip fuzz_structured fuzz_escape fuzz_differential)

build() {
  local preset=$1
  cmake --preset "$preset" >/dev/null || return 1
  case $preset in
  fuzz) cmake --build --preset fuzz --target "${fuzz_targets[@]}" ;;
  *) cmake --build --preset "$preset" ;;
  esac
}

failed=()
for p in "${presets[@]}"; do
  start=$SECONDS
  echo "== preset $p: configure and build"
  if build "$p"; then
    echo "presets: $p built in $((SECONDS - start)) s"
  else
    echo "presets: $p FAILED after $((SECONDS - start)) s" >&2
    failed+=("$p")
  fi
done
if ((${#failed[@]} > 0)); then
  echo "presets: FAILED: ${failed[*]}" >&2
  exit 1
fi
