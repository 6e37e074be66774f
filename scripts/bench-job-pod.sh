#!/usr/bin/env bash
# Measurement (not a test): what one pod of examples/kubernetes/certify-job.yaml uses. Runs the
# pod's command (examples/kubernetes/hutong-job.sh certify) RUNS times (default 3) against a
# freshly started reference platform each time, under /usr/bin/time -v, and prints its wall time,
# CPU time and peak RSS (the largest of hutong and the copy step), and the size of the run.
#
#   scripts/bench-job-pod.sh [RUNS]
#
# The runs go to a local directory, or to HUTONG_RUNS (e.g. s3://bucket/runs with the AWS CLI's
# variables set). Uses the debug build (CARGO_TARGET_DIR or target/); HUTONG_BIN=path measures
# another build. A reference on loopback answers at once: against a remote platform the wall time
# grows with latency (scripts/bench-remote-certify.sh) while the CPU time does not.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
if [ -n "${HUTONG_BIN:-}" ]; then
  bin=$HUTONG_BIN
else
  cargo build -q -p hutong
  bin="${CARGO_TARGET_DIR:-target}/debug/hutong"
fi
work=$(mktemp -d)
ref=""
trap '[ -z "$ref" ] || kill "$ref" 2>/dev/null; rm -rf "$work"' EXIT
"$bin" keygen --out "$work/k.key" >/dev/null
for i in $(seq 1 "$runs"); do
  "$bin" serve-reference --port 0 >"$work/ref.log" 2>&1 &
  ref=$!
  for _ in $(seq 1 100); do grep -q http "$work/ref.log" && break; sleep 0.1; done
  url=$(grep -Eo 'http://[0-9.:]+' "$work/ref.log" | head -1)
  echo "reference $url" >"$work/platforms.txt"
  HUTONG=$bin HUTONG_PLATFORMS="$work/platforms.txt" HUTONG_SIGN_KEY="$work/k.key" JOB_COMPLETION_INDEX=0 \
    HUTONG_RUNS="${HUTONG_RUNS:-$work/runs}" HUTONG_WORK="$work/pod$i" \
    /usr/bin/time -v bash examples/kubernetes/hutong-job.sh certify >"$work/out$i" 2>"$work/time$i" || { cat "$work/out$i" "$work/time$i"; exit 1; }
  kill "$ref"; wait "$ref" 2>/dev/null || true; ref=""
  wall=$(grep 'Elapsed (wall clock)' "$work/time$i" | awk '{print $NF}')
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$work/time$i")
  rss=$(grep 'Maximum resident set size' "$work/time$i" | grep -Eo '[0-9]+$')
  echo "run $i: wall $wall (m:ss), CPU ${cpu} s, peak RSS $((rss / 1024)) MiB, run $(du -sh "$work/pod$i"/reference-* | cut -f1), $(find "$work/pod$i"/reference-* -type f | wc -l) files; load $(cut -d' ' -f1-3 /proc/loadavg)"
done
