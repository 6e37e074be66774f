#!/usr/bin/env bash
# Measures the person differentials of the transparency profile (TP-02, TP-04; issue 15) on the
# built-in reference platform:
#   false alarms — whole certifications of the clean reference (every scenario at once, so the
#                  personas' histories, rounds and quotes share the platform with the rest of the
#                  run) that report TP-02 or TP-04 as anything but pass, or as limited;
#   catch rates  — runs with the fault `non-personalised-follows-history` (TP-02) and
#                  `price-by-history` (TP-04, 大数据杀熟) that report the requirement as FAIL;
#                  each of these runs certifies the transparency profile only.
# Every run has a fresh random seed (new synthetic identities, history order, round order and
# persona-b's User-Agent).
# Usage: scripts/tp-false-alarms.sh [RUNS]   (default 20 runs of each kind; HUTONG_BIN=path
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

for pair in TP-02:non-personalised-follows-history TP-04:price-by-history; do
  id=${pair%%:*}
  fault=${pair#*:}
  caught=0
  for _ in $(seq "$runs"); do
    [ "$(outcome_of "$id" --profile transparency --reference-fault "$fault")" = "FAIL" ] && caught=$((caught + 1))
  done
  echo "$id catch rate of $fault: $caught/$runs"
done
tp02=0
tp04=0
limited=0
for _ in $(seq "$runs"); do
  report=$("$hutong" certify --no-out 2>/dev/null || true)
  a=$(awk '$1 == "TP-02" { print $3; exit }' <<<"$report")
  b=$(awk '$1 == "TP-04" { print $3; exit }' <<<"$report")
  [ "$a" = "pass" ] || { tp02=$((tp02 + 1)); echo "clean run reported TP-02: ${a:-nothing}" >&2; }
  [ "$b" = "pass" ] || { tp04=$((tp04 + 1)); echo "clean run reported TP-04: ${b:-nothing}" >&2; }
  grep -q "^transparency .*(limited)" <<<"$report" && limited=$((limited + 1))
done
echo "TP-02 non-personalised option (3 rounds, both personas at once, lists compared exactly)"
echo "TP-04 same price (3 rounds, both personas at once; totals less itemised adjustments compared exactly)"
echo "TP-02 false alarms in whole certifications of the reference: $tp02/$runs"
echo "TP-04 false alarms in the same certifications:               $tp04/$runs"
echo "runs whose transparency verdict was marked limited:         $limited/$runs"
