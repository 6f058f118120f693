#!/usr/bin/env bash
# README command one: install the dependencies, build the stompcheck CLI (dev preset) and run
# the main job. Today that is the lint of a captured broker stream; later it becomes the
# conformance run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target stompcheck

exec build/dev/scenarios/stompcheck lint samples/broker-1.2.stomp "$@"
