#!/usr/bin/env bash
# CI fuzz smoke: builds the libFuzzer targets (clang, ASan+UBSan, build/fuzz) and runs each one
# for SECONDS (default 60) from a copy of its seed corpus with the settings of
# fuzz/<target>.options (fuzz/stomp.dict, -max_len, -timeout=10, -rss_limit_mb=2048), one fuzzer
# at a time. Any crash, leak, timeout, out-of-memory or oracle failure fails the script and prints
# the reproducer (path, caret notation, hex dump) and the end of the fuzzer's log. Prints, per
# target, the last status line (cov/ft/corp/exec/s) and the final execs/s.
#
#   scripts/fuzz-smoke.sh [SECONDS] [TARGET...]
#
# The committed corpus is never modified: each run works in a temporary directory (kept, and
# named, when a target fails; FUZZ_SMOKE_KEEP=1 keeps it always).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

seconds=${1:-60}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(parse split roundtrip structured escape differential)
fi

# The same compiler as the `fuzz` preset (clang++-14), so that both can share build/fuzz.
cxx=${FUZZ_CXX:-$(command -v clang++-14 || command -v clang++)}
configure() {
  cmake -S . -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSTOMPCHECK_FUZZ_LINKMAIN=OFF -DSTOMPCHECK_SANITIZE=address,undefined \
    -DSTOMPCHECK_BUILD_TESTS=OFF -DSTOMPCHECK_BUILD_BENCH=OFF >/dev/null
}
configure
# A cache created by another compiler is wiped on the first run, dropping the -D values.
if ! grep -q '^STOMPCHECK_FUZZ_LINKMAIN:BOOL=OFF' build/fuzz/CMakeCache.txt; then configure; fi
cmake --build build/fuzz -j2 --target "${targets[@]/#/fuzz_}"

# Caret notation as in the spec and stomp::show(): ^@ NUL, ^J LF, ^M CR, ^xHH for octets >= 128.
show() {
  if command -v python3 >/dev/null; then
    python3 -c 'import sys
out = []
for b in open(sys.argv[1], "rb").read():
    if b < 0x20: out.append("^" + chr(b + 64))
    elif b == 0x7F: out.append("^?")
    elif b >= 0x80 or b == 0x5E: out.append("^x%02X" % b)
    else: out.append(chr(b))
print("".join(out))' "$1"
  fi
  xxd "$1" | head -64
}

work=$(mktemp -d "${TMPDIR:-/tmp}/stompcheck-fuzz.XXXXXX")
failed=()
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for t in "${targets[@]}"; do
  dir="$work/$t"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  cp -R "fuzz/corpus/$t/." "$dir/corpus/"
  echo "== fuzz_$t: ${seconds}s from $(find "$dir/corpus" -type f | wc -l) seeds"
  # The [libfuzzer] settings of fuzz/<target>.options (dict, max_len, timeout, rss_limit_mb),
  # the ones ClusterFuzzLite uses, become flags; the dictionary path is relative to fuzz/.
  flags=()
  while IFS='=' read -r key value; do
    key=$(echo "$key" | tr -d ' ') value=$(echo "$value" | tr -d ' ')
    [[ -z $key || $key == \[* || $key == \#* ]] && continue
    [[ $key == dict ]] && value="fuzz/$value"
    flags+=("-$key=$value")
  done <"fuzz/$t.options"
  status=0
  "build/fuzz/fuzz/fuzz_$t" "$dir/corpus" "${flags[@]}" -max_total_time="$seconds" \
    -print_final_stats=1 -artifact_prefix="$dir/artifacts/" >"$dir/log" 2>&1 || status=$?
  grep -E '^#[0-9]+' "$dir/log" | tail -1 || true
  grep -E 'stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$dir/log" |
    awk '!seen[$0]++' || true
  artifacts=$(find "$dir/artifacts" -type f)
  if ((status != 0)) || [[ -n $artifacts ]]; then
    failed+=("$t")
    echo "!! fuzz_$t FAILED (exit $status); log: $dir/log"
    tail -n 60 "$dir/log"
    for a in $artifacts; do
      echo "-- reproducer: $a ($(stat -c %s "$a") bytes)"
      show "$a"
      echo "-- rerun: build/fuzz/fuzz/fuzz_$t $a"
    done
  fi
done

if ((${#failed[@]} != 0)); then
  echo "fuzz-smoke: FAILED: ${failed[*]} (work directory kept: $work)" >&2
  exit 1
fi
if [[ ${FUZZ_SMOKE_KEEP:-0} == 1 ]]; then echo "work directory: $work"; else rm -rf "$work"; fi
echo "fuzz-smoke: ${#targets[@]} targets x ${seconds}s, no finding"
