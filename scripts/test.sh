#!/usr/bin/env bash
# README command two: install the dependencies, check the formatting, run every fuzz target for
# a minute (scripts/fuzz-smoke.sh), configure and build the bench, fuzz and tidy presets
# (scripts/check-presets.sh: clang-tidy on every translation unit), then configure, build and
# run every test in the g++ Debug build (workflow `dev`) and in the clang ASan+UBSan build
# (workflow `asan`). Exits non-zero on any failure; the last test-runner output is ctest's
# summary line of the asan build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Two cores on the project's machines: never more than two compile or test jobs.
export CMAKE_BUILD_PARALLEL_LEVEL=2 CTEST_PARALLEL_LEVEL=2

# clang-format --dry-run --Werror over the project's C++ files (build trees and .git excluded);
# names the files that need formatting.
check_format() {
  local clang_format files=() bad=() f
  clang_format=$(command -v clang-format-14 || command -v clang-format)
  mapfile -d '' files < <(find . \( -path ./build -o -path ./out -o -path ./.git \
    -o -path ./.cache \) -prune -o -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \
    -o -name '*.cc' \) -print0 | sort -z)
  for f in "${files[@]}"; do
    "$clang_format" --dry-run --Werror "$f" 2>/dev/null || bad+=("${f#./}")
  done
  if ((${#bad[@]} == 0)); then
    echo "format: ${#files[@]} files clean"
    return 0
  fi
  echo "format: ${#bad[@]} of ${#files[@]} files need clang-format (fix: $clang_format -i FILE):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  return 1
}

bash scripts/install-deps.sh

# A formatting problem does not hide the test results: remember it and fail at the end.
format_ok=1
check_format || format_ok=0

# Every libFuzzer target for STOMPCHECK_FUZZ_SECONDS (default 60) under ASan+UBSan, before the
# test builds so that ctest's summary stays the last line; a finding fails the script at the end.
fuzz_ok=1
bash scripts/fuzz-smoke.sh "${STOMPCHECK_FUZZ_SECONDS:-60}" || fuzz_ok=0

# Every other preset the README names still builds (bench, fuzz, tidy); a failure is reported
# and fails the script at the end.
presets_ok=1
bash scripts/check-presets.sh || presets_ok=0

cmake --workflow --preset dev
cmake --workflow --preset asan

if ((!format_ok)); then
  echo "test.sh: FAILED: formatting (see the clang-format report above the builds)" >&2
fi
if ((!fuzz_ok)); then
  echo "test.sh: FAILED: fuzz smoke (see its report above the builds)" >&2
fi
if ((!presets_ok)); then
  echo "test.sh: FAILED: presets (see scripts/check-presets.sh's report above the builds)" >&2
fi
((format_ok && fuzz_ok && presets_ok))
