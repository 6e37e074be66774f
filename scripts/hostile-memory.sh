#!/usr/bin/env bash
# Peak memory over the hostile-platform suite (harness/cli/tests/hostile.rs).
#
# Prints each `hutong certify` run's own peak resident set (VmHWM, sampled by the test every
# 25 ms), the largest of them, and GNU time's "Maximum resident set size" of the whole suite: the
# largest single process among the test binary and every run it waited for.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time)" >&2; exit 2; }
bin=$(cargo test -p hutong --test hostile --no-run --message-format=json 2>/dev/null \
    | grep -o '"executable":"[^"]*hostile-[^"]*"' | tail -1 | cut -d'"' -f4)
[ -x "$bin" ] || { echo "cannot find the hostile test binary" >&2; exit 2; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s.%N)
/usr/bin/time -v "$bin" --nocapture >"$log" 2>&1 || { cat "$log"; exit 1; }
end=$(date +%s.%N)
grep -E ': exit [0-9]+ in .*peak [0-9]+ KiB' "$log" | sort -t' ' -k1,1 || true
echo
grep -E 'test result:' "$log"
grep -oE 'peak [0-9]+ KiB' "$log" | awk '{ if ($2 > max) max = $2 } END { printf "largest peak of one hutong run: %d KiB (%.1f MiB)\n", max, max / 1024 }'
grep -E 'Maximum resident set size' "$log" | awk '{ printf "largest process of the suite (GNU time): %d KiB (%.1f MiB)\n", $NF, $NF / 1024 }'
awk -v s="$start" -v e="$end" 'BEGIN { printf "wall time of the suite: %.1f s\n", e - s }'
