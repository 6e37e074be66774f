#!/usr/bin/env bash
# Certifies the built-in reference platform RUNS times in a row (both shapes) and prints, per
# shape, how many runs gave a requirement other than pass (or an admitted not_applicable) and
# which requirements they were: the false-alarm figure of every check at once (issue 12).
# Usage: scripts/repeat-certify.sh [RUNS]   (default 20; debug build, like the tests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
cargo build -q -p hutong
bin="${CARGO_TARGET_DIR:-target}/debug/hutong"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for shape in marketplace cloud; do
  bad_runs=0
  declare -A seen=()
  for i in $(seq 1 "$runs"); do
    "$bin" certify --reference-shape "$shape" --out "$out/$shape-$i" -q >/dev/null 2>&1 || true
    bad=$(python3 - "$out/$shape-$i/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(" ".join(x["id"] + "=" + x["outcome"] for x in r["requirements"]
               if x["outcome"] != "pass" and not (x["outcome"] == "not_applicable" and x.get("not_applicable_reason"))))
PY
)
    if [ -n "$bad" ]; then
      bad_runs=$((bad_runs + 1))
      for b in $bad; do seen[$b]=$(( ${seen[$b]:-0} + 1 )); done
    fi
  done
  echo "$shape: $runs certifications, $bad_runs with a requirement not passed"
  for k in "${!seen[@]}"; do echo "  $k in ${seen[$k]} runs"; done
  unset seen
done
