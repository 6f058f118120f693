#!/usr/bin/env bash
# Instructions per byte of the codec parser on workload (a) (181-octet MESSAGE frames),
# counted by callgrind.
#
# usage: scripts/callgrind.sh [BUILD_DIR] [FRAMES]
#   BUILD_DIR  default build/bench; configured (Release, Ninja) when it has no CMakeCache.txt
#   FRAMES     N, default 100000
#
# Runs stompcheck_callgrind with N and with 2N frames, collecting only inside
# stompcheck_parse_stream() (so building the input is not counted), and prints
#   instructions/byte  = (Ir(2N) - Ir(N)) / (bytes of N frames)
#   instructions/frame = (Ir(2N) - Ir(N)) / N
# so that fixed costs (parser construction, first-call effects) cancel out.
# The callgrind out files stay in BUILD_DIR/callgrind for callgrind_annotate.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build/bench}
frames=${2:-100000}
frame_bytes=181

for tool in valgrind callgrind_annotate cmake; do
  command -v "$tool" >/dev/null || { echo "callgrind.sh: $tool not found" >&2; exit 2; }
done
[[ $frames =~ ^[1-9][0-9]*$ ]] || { echo "callgrind.sh: FRAMES must be a positive number" >&2; exit 2; }

if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DSTOMPCHECK_BUILD_TESTS=OFF -DSTOMPCHECK_BUILD_FUZZERS=OFF
fi
cmake --build "$build" -j2 --target stompcheck_callgrind
bin=$build/bench/stompcheck_callgrind

out=$build/callgrind
mkdir -p "$out"

# ir N: runs N frames under callgrind, prints the collected Ir.
ir() {
  local n=$1 file=$out/callgrind.out.$1
  valgrind --tool=callgrind --toggle-collect=stompcheck_parse_stream \
    --callgrind-out-file="$file" --log-file="$out/valgrind.$n.log" "$bin" "$n" >/dev/null ||
    { echo "callgrind.sh: run with $n frames failed, see $out/valgrind.$n.log" >&2; exit 1; }
  awk '/^(summary|totals):/ { print $2; exit }' "$file"
}

n1=$frames
n2=$((2 * frames))
ir1=$(ir "$n1")
ir2=$(ir "$n2")
bytes=$((n1 * frame_bytes))

echo "workload (a): ${frame_bytes}-octet MESSAGE frames, strict 1.2 parser"
printf 'Ir(%d frames, %d bytes) = %d\n' "$n1" "$bytes" "$ir1"
printf 'Ir(%d frames, %d bytes) = %d\n' "$n2" "$((2 * bytes))" "$ir2"
awk -v a="$ir1" -v b="$ir2" -v n="$n1" -v bytes="$bytes" 'BEGIN {
  printf "instructions/byte  = %.3f\n", (b - a) / bytes
  printf "instructions/frame = %.1f\n", (b - a) / n
}'
echo
echo "top functions, $n2 frames ($out/callgrind.out.$n2):"
callgrind_annotate --inclusive=no "$out/callgrind.out.$n2" 2>/dev/null |
  awk '/PROGRAM TOTALS/ { on = 1 } on && NF && !/^-+$/ { print } on && !NF && seen++ { exit }' |
  sed 's/ \[[^]]*\]$//' | head -n 20
