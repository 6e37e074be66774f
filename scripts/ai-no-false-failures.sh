#!/usr/bin/env bash
# No false failure on the reference platform: certifies the built-in (correct) reference platform
# against the anti-incompatibility profile RUNS times (default 20), each run with a fresh random
# seed, and prints how many runs had any requirement that did not pass (fail, error or n/a),
# naming the requirement and its message. Exit status 0 only when that count is 0.
#
# Usage: scripts/ai-no-false-failures.sh [RUNS]   (HUTONG=path/to/hutong to use another binary)
set -euo pipefail

runs="${1:-20}"
root="$(cd "$(dirname "$0")/.." && pwd)"
hutong="${HUTONG:-$root/target/debug/hutong}"
if [[ ! -x "$hutong" ]]; then
  echo "no hutong binary at $hutong (run: cargo build -p hutong)" >&2
  exit 2
fi
command -v jq >/dev/null || { echo "jq is required" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

bad=0
for i in $(seq 1 "$runs"); do
  out="$work/run-$i"
  status=0
  "$hutong" certify --profile anti-incompatibility --quiet --out "$out" >/dev/null 2>"$work/stderr-$i" || status=$?
  if [[ ! -f "$out/report.json" ]]; then
    bad=$((bad + 1))
    echo "run $i: no report (exit $status): $(head -c 300 "$work/stderr-$i")"
    continue
  fi
  non_pass="$(jq -r '.requirements[] | select(.outcome != "pass") | "\(.id) \(.outcome): \(.message)"' "$out/report.json")"
  if [[ -n "$non_pass" || $status -ne 0 ]]; then
    bad=$((bad + 1))
    echo "run $i (seed $(jq -r .configuration.seed "$out/report.json"), exit $status):"
    echo "$non_pass" | sed 's/^/  /'
  fi
done
echo "runs: $runs, runs with any non-pass: $bad"
[[ $bad -eq 0 ]]
