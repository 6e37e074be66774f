#!/usr/bin/env bash
# Benchmark (not a test): a record-by-record comparison of two JSON Lines exports of SIZE MiB
# each (default 1024), as migrate-check compares the source's records with the destination's
# (sorted runs on disk, harness/runner/src/records.rs, which the CM-06, CM-07 and CM-20 steps
# use too). Prints the time and the peak resident memory (goal: under 256 MiB for two 1 GiB
# exports).
#
#   scripts/bench-compare-exports.sh [SIZE_MIB]
#
# The exports hold records of about 1 KiB with nested members; the destination's are in another
# order, with 0.1 % altered, 0.05 % missing and 0.05 % extra. Data and sorted runs go to WORK
# (default: a fresh /tmp/hutong-bench-exports-*), removed at the end; it needs about 4 × SIZE of
# free disk. Uses the release build of the example when present, else the debug one.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-1024}
target=${CARGO_TARGET_DIR:-target}
work=${WORK:-$(mktemp -d /tmp/hutong-bench-exports-XXXXXX)}
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
echo "free disk in $work: $(df -h --output=avail "$work" | tail -1 | tr -d ' ')"
cargo build -q -p hutong-runner --example compare_exports
bin=$target/debug/examples/compare_exports
[ -x "$target/release/examples/compare_exports" ] && bin=$target/release/examples/compare_exports

python3 - "$work" "$SIZE_MIB" <<'PY'
import json, os, random, sys
work, size = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
rng = random.Random(13)
pool = ["".join(rng.choice("abcdefghij ") for _ in range(700)) for _ in range(1000)]
def record(i, altered=False):
    r = {"id": f"rec-{i:09d}", "merchant_id": f"m-{i % 997:05d}", "title": f"Item {i} " + "x" * (i % 50),
         "price": {"amount": f"{(i * 37) % 100000 / 100:.2f}", "currency": "EUR"},
         "tags": [f"t{(i * k) % 101}" for k in range(1, 6)], "stock": i % 1000,
         "description": pool[(i * 7919) % 1000], "updated_at": "2026-11-29T09:00:00Z"}
    if altered:
        r["stock"] = -1
    return json.dumps(r, ensure_ascii=False, separators=(",", ":"))
src = open(os.path.join(work, "source.jsonl"), "w")
n, written = 0, 0
while written < size:
    line = record(n) + "\n"
    src.write(line)
    written += len(line)
    n += 1
src.close()
# The destination: the same records in another order (blocks of 10,000 reversed), some altered,
# some missing, some extra.
dst = open(os.path.join(work, "destination.jsonl"), "w")
blocks = list(range(0, n, 10_000))
blocks.reverse()
for b in blocks:
    for i in range(b, min(b + 10_000, n)):
        if i % 2000 == 1:
            continue  # missing
        dst.write(record(i, altered=(i % 1000 == 7)) + "\n")
        if i % 2000 == 3:
            dst.write(record(n + i) + "\n")  # extra
dst.close()
print(f"{n} source records ({written / 1048576:.0f} MiB); destination {os.path.getsize(os.path.join(work, 'destination.jsonl')) / 1048576:.0f} MiB")
PY

echo "== $bin (run budget default 64 MiB)"
/usr/bin/time -f "peak RSS %M KiB, %e s elapsed, %U s user" "$bin" "$work/source.jsonl" "$work/destination.jsonl" 67108864 "$work" 2>&1
