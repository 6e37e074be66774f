#!/usr/bin/env bash
# Prints the wall time of a full certification of the built-in reference platform
# (`hutong certify` with no target: start the reference, read discovery, run every scenario of
# every profile, build the report, write report.json, junit.xml and evidence).
# Usage: scripts/bench-certify.sh [RUNS]   (default 20; release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
cargo build --release -q -p hutong
bin=target/release/hutong
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" certify --out "$out/warmup" -q >/dev/null
times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "$bin" certify --out "$out/run$i" -q >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
echo "full certification of the reference platform, $runs runs (ms): min ${sorted[0]}, median ${sorted[$((n / 2))]}, max ${sorted[$((n - 1))]}"
echo "requirements per run: $(python3 -c "import json,sys; print(len(json.load(open('$out/run1/report.json'))['requirements']))" 2>/dev/null || echo '?')"
