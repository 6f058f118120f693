#!/usr/bin/env bash
# Installs the Debian packages stompcheck needs to build and test. Idempotent: it checks each
# package with dpkg-query and runs `apt-get update` + `apt-get install` only for missing ones.
# Runs as root, or through sudo when that is available.
set -euo pipefail

packages=(
  cmake ninja-build g++ clang libclang-rt-14-dev  # toolchains; libFuzzer/ASan runtimes
  clang-format clang-tidy valgrind                # style check, lint preset, callgrind
  libgtest-dev libgmock-dev libbenchmark-dev      # tests and benchmarks
  libcli11-dev nlohmann-json3-dev libasio-dev libssl-dev  # CLI, reports, network, TLS
  python3-stomp                                   # reference client (stomp.py) for interop
  libxml2-utils                                   # xmllint: JUnit report schema test
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

as_root=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "install-deps: missing ${missing[*]}; run as root (sudo is not available)" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq)
# apt's progress goes to the log; the log is shown only when a step fails.
if ! { "${apt[@]}" update && "${apt[@]}" install -y --no-install-recommends "${missing[@]}"; } \
  >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-deps: apt-get failed" >&2
  exit 1
fi
echo "install-deps: installed ${#missing[@]} package(s)"
