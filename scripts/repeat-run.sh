#!/usr/bin/env bash
# Runs `stompcheck run --json` N times with the same arguments and compares the verdicts: a
# case whose verdict differs between runs is printed with its verdict in each run (a flaky
# case, or a broker that is not deterministic).
#
# usage: scripts/repeat-run.sh N [run args...]
#   STOMPCHECK  the binary (default build/dev/app/stompcheck)
# Exit 0: every run gave every case the same verdict; 1: some verdict differs (or a run's case
# list differs); 2: usage, or a run wrote no report. A run's own exit status (1 for a FAIL) is
# not an error here: only the agreement of the runs is checked.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exe=${STOMPCHECK:-$root/build/dev/app/stompcheck}
(($# >= 1)) && [[ $1 =~ ^[1-9][0-9]*$ ]] || {
  echo "usage: repeat-run.sh N [run args...]" >&2
  exit 2
}
runs=$1
shift
[[ -x $exe ]] || { echo "repeat-run.sh: $exe is not executable (set STOMPCHECK)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "repeat-run.sh: python3 not found" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for ((i = 1; i <= runs; ++i)); do
  rc=0
  "$exe" run "$@" --json "$work/run$i.json" >"$work/console$i.txt" 2>&1 || rc=$?
  if [[ ! -s $work/run$i.json ]]; then
    echo "repeat-run.sh: run $i (exit $rc) wrote no report:" >&2
    tail -5 "$work/console$i.txt" >&2
    exit 2
  fi
  echo "run $i: exit $rc, $(tail -1 "$work/console$i.txt")"
done

python3 - "$work" "$runs" <<'EOF'
import json, sys
work, runs = sys.argv[1], int(sys.argv[2])
verdicts = []
for i in range(1, runs + 1):
    with open(f"{work}/run{i}.json") as f:
        verdicts.append({c["id"]: c["verdict"] for c in json.load(f)["cases"]})
ids = list(verdicts[0])
for v in verdicts[1:]:
    ids += [i for i in v if i not in ids]
differ = [i for i in ids if len({v.get(i, "(not run)") for v in verdicts}) > 1]
for i in differ:
    print(f"differs: {i}: " + " ".join(v.get(i, "(not run)") for v in verdicts))
print(f"{len(ids)} cases, {runs} runs: {len(differ)} with differing verdicts")
sys.exit(1 if differ else 0)
EOF
