#!/usr/bin/env bash
# Measurement (not a test): `hutong index` over N signed runs (default 200), printing its wall
# time and peak memory (/usr/bin/time -v).
#
#   scripts/bench-index.sh [N]
#
# The runs are one real signed certification of the built-in reference platform (every profile,
# 45 evidence files, a few MB), copied N times as hard links (`cp -al`, so N runs cost no disk),
# plus one run with a fault; every run is verified in full (signature, every evidence digest,
# suite hash) and its pages rebuilt. Uses the debug build (CARGO_TARGET_DIR or target/).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
cargo build -q -p hutong
bin=${CARGO_TARGET_DIR:-target}/debug/hutong
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" keygen --out "$work/k.key" >/dev/null
"$bin" certify --quiet --seed 7 --out "$work/base" --sign "$work/k.key" >/dev/null
"$bin" certify --quiet --seed 7 --reference-fault errors-plain-text --out "$work/fault" --sign "$work/k.key" >/dev/null || true
runs=()
for i in $(seq -w 1 "$N"); do
  src=base
  [ $((10#$i % 10)) -eq 0 ] && src=fault
  cp -al "$work/$src" "$work/run-$i"
  runs+=("$work/run-$i")
done
echo "== hutong index over $N signed runs ($(du -sh --apparent-size "$work/base" | cut -f1) each, $(find "$work/base/evidence" -type f | wc -l) evidence files)"
/usr/bin/time -v "$bin" index "${runs[@]}" --key "$work/k.key.pub" --out "$work/site" >"$work/index.out" 2>"$work/index.time"
cat "$work/index.out"
wall=$(grep 'Elapsed (wall clock) time' "$work/index.time" | awk '{print $NF}')
rss_kib=$(grep 'Maximum resident set size' "$work/index.time" | grep -Eo '[0-9]+$')
echo "wall time:  $wall (m:ss)"
echo "peak RSS:   $((rss_kib / 1024)) MiB"
echo "site:       $(du -sh "$work/site" | cut -f1) (evidence hard-linked from the runs), $(find "$work/site/runs" -mindepth 1 -maxdepth 1 -type d | wc -l) runs"
