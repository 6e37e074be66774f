#!/usr/bin/env bash
# Measures the windowed latency check of OE-06 on the built-in reference platform (issue 12):
#   catch rates  — runs with the fault `uniform-latency-one-client` (+50 ms for one client all
#                  through the run) and with `latency-third-party-after-traffic` (+50 ms for one
#                  client only once it has sent 110 requests) that OE-06 reports as FAIL; each run
#                  certifies only OE-06, so the windows follow one another;
#   false alarms — whole certifications of the clean reference (every scenario at once, the load
#                  OE-06's windows are taken under) that report OE-06 as anything but pass; the
#                  same runs give the figure of AI-05, the other latency check, under that load.
# Every run has a fresh random seed (new windows, request order and sustained-traffic volume).
# Usage: scripts/uniform-latency-false-alarms.sh [RUNS]   (default 20 runs of each kind; HUTONG_BIN=path
# measures that build without building)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
if [ -n "${HUTONG_BIN:-}" ]; then hutong=$HUTONG_BIN; else
  cargo build -q -p hutong
  hutong="${CARGO_TARGET_DIR:-target}/debug/hutong"
fi

# Prints the outcome of requirement $1 in one run: pass, FAIL, ERROR or nothing.
outcome_of() {
  local id=$1
  shift
  "$hutong" certify --no-out "$@" 2>/dev/null | awk -v id="$id" '$1 == id { print $3; exit }' || true
}

for fault in uniform-latency-one-client latency-third-party-after-traffic; do
  caught=0
  for _ in $(seq "$runs"); do
    [ "$(outcome_of OE-06 --tags '@req:OE-06' --reference-fault "$fault")" = "FAIL" ] && caught=$((caught + 1))
  done
  echo "OE-06 catch rate of $fault: $caught/$runs"
done
alarms=0
ai05_alarms=0
for _ in $(seq "$runs"); do
  report=$("$hutong" certify --no-out 2>/dev/null || true)
  o=$(awk '$1 == "OE-06" { print $3; exit }' <<<"$report")
  a=$(awk '$1 == "AI-05" { print $3; exit }' <<<"$report")
  [ "$o" = "pass" ] || { alarms=$((alarms + 1)); echo "clean run reported OE-06: ${o:-nothing}" >&2; }
  [ "$a" = "pass" ] || { ai05_alarms=$((ai05_alarms + 1)); echo "clean run reported AI-05: ${a:-nothing}" >&2; }
done
echo "OE-06 uniform latency (4 windows of 30 paired rounds; one-sided Wilcoxon signed-rank, Holm at alpha 0.01 family-wise, >= 20 ms median paired difference)"
echo "OE-06 false alarms in whole certifications of the reference: $alarms/$runs"
echo "AI-05 false alarms in the same certifications:               $ai05_alarms/$runs"
