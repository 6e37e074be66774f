#!/usr/bin/env bash
# Measures the differential latency check of OE-06 on the built-in reference platform:
#   catch rate   — runs with the fault `uniform-latency-one-client` (+50 ms for one client) that
#                  OE-06 reports as FAIL;
#   false alarms — runs of the clean reference that OE-06 reports as anything but pass.
# Each run certifies only OE-06 with a fresh random seed (a new request order every run).
# Usage: scripts/uniform-latency-false-alarms.sh [RUNS]   (default 20 runs of each kind)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
hutong=./target/debug/hutong
[ -x "$hutong" ] || cargo build -q -p hutong

# Prints the OE-06 outcome of one run: pass, FAIL, error or n/a.
outcome() {
  "$hutong" certify --no-out --tags '@req:OE-06' "$@" 2>/dev/null | awk '$1 == "OE-06" { print $3; exit }' || true
}

caught=0
for _ in $(seq "$runs"); do
  [ "$(outcome --reference-fault uniform-latency-one-client)" = "FAIL" ] && caught=$((caught + 1))
done
alarms=0
for _ in $(seq "$runs"); do
  o="$(outcome)"
  [ "$o" = "pass" ] || { alarms=$((alarms + 1)); echo "clean run reported: ${o:-nothing}" >&2; }
done
echo "OE-06 uniform latency (one-sided Mann-Whitney U, alpha 0.01 family-wise, >= 20 ms on medians, 40 interleaved samples per client)"
echo "catch rate of the 50 ms fault:  $caught/$runs"
echo "false alarms on the reference:  $alarms/$runs"
