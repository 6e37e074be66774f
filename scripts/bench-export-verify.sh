#!/usr/bin/env bash
# Benchmark (not a test): streaming verification of a bulk export of at least 1 GiB, the way
# CM-02 verifies exports (SHA-256 of the bytes, every record against the entity's JSON Schema,
# IDs unique, the seeded sample of records to compare with the live API kept), beside `sha256sum`
# on the same file, with the verifier's peak RSS.
#
#   scripts/bench-export-verify.sh [BYTES]      (default 1.1 GiB)
#
# Goals (issue 5): throughput at least 50 % of sha256sum's; peak RSS under 100 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
BYTES=${1:-1181116006}
dir=target/bench
file=$dir/export-products.jsonl
mkdir -p "$dir"
cargo build -q --release -p hutong-checks --example verify_export
bin=${CARGO_TARGET_DIR:-target}/release/examples/verify_export
if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" -lt "$BYTES" ]; then
  "$bin" generate "$file" "$BYTES"
fi
size=$(stat -c %s "$file")
echo "== $file: $size bytes ($(python3 -c "print(f'{$size/2**30:.2f}')") GiB)"
cat "$file" >/dev/null  # warm the page cache for both runs
t0=$(date +%s.%N); sha=$(sha256sum "$file" | cut -d' ' -f1); t1=$(date +%s.%N)
sha_rate=$(python3 -c "print(f'{$size/($t1-$t0)/2**20:.1f}')")
echo "sha256sum:              $sha_rate MiB/s  ($sha)"
/usr/bin/time -v "$bin" verify "$file" >"$dir/verify.out" 2>"$dir/verify.time"
rate=$(grep -Eo '[0-9.]+ MiB/s' "$dir/verify.out" | cut -d' ' -f1)
rss_kib=$(grep 'Maximum resident set size' "$dir/verify.time" | grep -Eo '[0-9]+$')
grep -q "$sha" "$dir/verify.out" || { echo "verifier SHA-256 differs from sha256sum" >&2; exit 1; }
echo "hutong export verifier: $rate MiB/s  ($(grep -Eo '[0-9]+ records' "$dir/verify.out" | head -1), SHA-256 equal; $(grep -Eo 'sampled [0-9]+' "$dir/verify.out") for comparison)"
python3 - "$rate" "$sha_rate" "$rss_kib" <<'PY'
import sys
rate, sha, rss = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
print(f"throughput ratio:       {100*rate/sha:.1f} % of sha256sum (goal >= 50 %)")
print(f"peak RSS:               {rss/1024:.1f} MiB (goal < 100 MiB)")
PY
