#!/usr/bin/env bash
# Measures the delivery-delay check of AI-05 on the built-in reference platform:
#   catch rates  — runs with the fault `link-delivery-held-outside` (outside links readable 100 ms
#                  later) and with `link-delay-one-domain` that AI-05 reports as FAIL;
#   false alarms — runs of the clean reference that AI-05 reports as anything but pass.
# Each run certifies only AI-05 with a fresh random seed.
# Usage: scripts/link-delay-false-alarms.sh [RUNS]   (default 20 runs of each kind)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
cargo build -q -p hutong
hutong="${CARGO_TARGET_DIR:-target}/debug/hutong"

# Prints the AI-05 outcome of one run: pass, FAIL, ERROR or nothing.
outcome() {
  "$hutong" certify --no-out --tags '@req:AI-05' "$@" 2>/dev/null | awk '$1 == "AI-05" { print $3; exit }' || true
}

for fault in link-delivery-held-outside link-delay-one-domain; do
  caught=0
  for _ in $(seq "$runs"); do
    [ "$(outcome --reference-fault "$fault")" = "FAIL" ] && caught=$((caught + 1))
  done
  echo "catch rate of $fault: $caught/$runs"
done
alarms=0
for _ in $(seq "$runs"); do
  o="$(outcome)"
  [ "$o" = "pass" ] || { alarms=$((alarms + 1)); echo "clean run reported: ${o:-nothing}" >&2; }
done
echo "AI-05 delivery delay (30 rounds, one-sided Mann-Whitney U, alpha 0.01 over the domains, >= 20 ms on medians)"
echo "false alarms on the reference: $alarms/$runs"
