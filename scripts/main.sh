#!/usr/bin/env bash
# README command one: install the dependencies, build the stompcheck CLI (dev preset) and run
# the main job: the conformance suite against the embedded reference broker, writing
# build/reports/stompcheck.json and build/reports/stompcheck.xml (JUnit). Extra arguments go
# to `stompcheck run`, e.g. `--broker 127.0.0.1:61613 --login guest --passcode guest`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target stompcheck

exec build/dev/app/stompcheck run --json build/reports/stompcheck.json \
  --junit build/reports/stompcheck.xml "$@"
