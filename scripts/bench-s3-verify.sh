#!/usr/bin/env bash
# Benchmark (not a test): S3 migration of N objects (default 10,000) from moto to s3s-fs, hutong
# side by side with rclone on the same buckets: hutong's copy (with its verification) beside
# `rclone copy`, and hutong's verification beside `rclone check --download`; prints both ratios.
#
#   scripts/bench-s3-verify.sh [N]
#   REUSE=RUN scripts/bench-s3-verify.sh   (verify buckets bench-src-RUN / bench-dst-RUN of an
#                                           earlier run again, without seeding and copying)
#
# Needs the two servers of .ci/setup.d/20-s3-servers.sh (started here if not running) and rclone
# (Debian package `rclone`). Uses target/release/hutong when present, else the debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
CONCURRENCY=${CONCURRENCY:-16}
[ -f target/ci-services/s3.env ] || bash .ci/setup.d/20-s3-servers.sh
bash .ci/setup.d/20-s3-servers.sh >/dev/null
# shellcheck disable=SC1091
source target/ci-services/s3.env
command -v rclone >/dev/null || { echo "rclone is not installed (apt-get install rclone)" >&2; exit 2; }
HUTONG=target/release/hutong
[ -x "$HUTONG" ] || { cargo build -q -p hutong; HUTONG=target/debug/hutong; }

# rclone remotes A (moto) and B (s3s-fs), by environment. AWS_CA_BUNDLE set to an empty value
# makes rclone fail with LoadCustomCABundleError: unset it for rclone.
export RCLONE_CONFIG_A_TYPE=s3 RCLONE_CONFIG_A_PROVIDER=Other RCLONE_CONFIG_A_ENDPOINT=$HUTONG_S3_A_ENDPOINT \
  RCLONE_CONFIG_A_ACCESS_KEY_ID=$HUTONG_S3_A_ACCESS_KEY RCLONE_CONFIG_A_SECRET_ACCESS_KEY=$HUTONG_S3_A_SECRET_KEY \
  RCLONE_CONFIG_A_REGION=$HUTONG_S3_REGION RCLONE_CONFIG_A_FORCE_PATH_STYLE=true
export RCLONE_CONFIG_B_TYPE=s3 RCLONE_CONFIG_B_PROVIDER=Other RCLONE_CONFIG_B_ENDPOINT=$HUTONG_S3_B_ENDPOINT \
  RCLONE_CONFIG_B_ACCESS_KEY_ID=$HUTONG_S3_B_ACCESS_KEY RCLONE_CONFIG_B_SECRET_ACCESS_KEY=$HUTONG_S3_B_SECRET_KEY \
  RCLONE_CONFIG_B_REGION=$HUTONG_S3_REGION RCLONE_CONFIG_B_FORCE_PATH_STYLE=true
rclone() { env -u AWS_CA_BUNDLE rclone "$@"; }
export HUTONG_S3_FROM_ACCESS_KEY=$HUTONG_S3_A_ACCESS_KEY HUTONG_S3_FROM_SECRET_KEY=$HUTONG_S3_A_SECRET_KEY
export HUTONG_S3_TO_ACCESS_KEY=$HUTONG_S3_B_ACCESS_KEY HUTONG_S3_TO_SECRET_KEY=$HUTONG_S3_B_SECRET_KEY

run=${REUSE:-$(date +%s)}
src=bench-src-$run dst=bench-dst-$run
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# secs OUT CMD...: runs CMD with stdout to OUT (stderr to OUT.err), prints the seconds it took.
secs() { local out=$1 t0 t1; shift; t0=$(date +%s.%N); "$@" >"$out" 2>"$out.err" || true; t1=$(date +%s.%N); python3 -c "print(f'{$t1-$t0:.2f}')"; }
if [ -z "${REUSE:-}" ]; then
python3 - "$work/objects" "$N" <<'PY'
import os, sys, random
root, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(2022)
for i in range(n):
    d = os.path.join(root, f"shard-{i % 100:02d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"object-{i:05d}.bin"), "wb") as f:
        f.write(rng.randbytes(rng.randint(200, 4000)))
PY
echo "== $N objects, moto ($HUTONG_S3_A_ENDPOINT) -> s3s-fs ($HUTONG_S3_B_ENDPOINT); hutong: $HUTONG, concurrency $CONCURRENCY"
rclone mkdir "A:$src"; rclone mkdir "B:$dst"
echo "seed the source with rclone copy:   $(secs "$work/seed.txt" rclone copy --transfers 16 "$work/objects" "A:$src") s"
hc=$(secs "$work/hutong-copy.txt" "$HUTONG" migrate-check --no-out --from "s3+$HUTONG_S3_A_ENDPOINT/$src" --to "s3+$HUTONG_S3_B_ENDPOINT/$dst" --concurrency "$CONCURRENCY" --show 0)
echo "hutong migrate-check (copy+verify): $hc s"
sed 's/^/    /' "$work/hutong-copy.txt"
# The same copy by rclone, into a second destination bucket of the same server.
rclone mkdir "B:$dst-rclone"
rc=$(secs "$work/rclone-copy.txt" rclone copy --transfers "$CONCURRENCY" --checkers "$CONCURRENCY" "A:$src" "B:$dst-rclone")
echo "rclone copy (copy only):            $rc s"
# hutong's copy phase alone, as it reports it ("copied … in S s"); the whole run also verifies.
hcopy=$(grep -Eo 'copied .* in [0-9.]+ s' "$work/hutong-copy.txt" | grep -Eo '[0-9.]+ s$' | tr -d ' s')
echo "copy ratio hutong/rclone, copy phase (goal <= 1.0): $(python3 -c "print(f'{$hcopy/$rc:.2f}')")  (copy and verification together: $(python3 -c "print(f'{$hc/$rc:.2f}')"))"
fi
echo "-- verification of the same buckets"
h=$(secs "$work/h.txt" "$HUTONG" migrate-check --no-out --verify-only --from "s3+$HUTONG_S3_A_ENDPOINT/$src" --to "s3+$HUTONG_S3_B_ENDPOINT/$dst" --concurrency "$CONCURRENCY" --show 0)
echo "hutong (downloads both sides, SHA-256 + size + user metadata):    $h s  [$(grep verified "$work/h.txt" | sed 's/^ *//')]"
hl=$(secs "$work/hl.txt" "$HUTONG" migrate-check --no-out --verify-only --listings-only --from "s3+$HUTONG_S3_A_ENDPOINT/$src" --to "s3+$HUTONG_S3_B_ENDPOINT/$dst" --concurrency "$CONCURRENCY" --show 0)
echo "hutong --listings-only (listed sizes, MD5 ETags, HEAD if unlisted): $hl s  [$(grep -Eo 'verified .*' "$work/hl.txt")]"
r=$(secs "$work/r.txt" rclone check --checkers 16 "A:$src" "B:$dst"); cat "$work/r.txt.err" >>"$work/r.txt"
echo "rclone check (listed sizes and hashes):                        $r s  [$(grep -Eo '[0-9]+ differences found|[0-9]+ matching files' "$work/r.txt" | paste -sd ', ')]"
rd=$(secs "$work/rd.txt" rclone check --download --checkers 16 "A:$src" "B:$dst"); cat "$work/rd.txt.err" >>"$work/rd.txt"
echo "rclone check --download (downloads both sides, compares bytes): $rd s  [$(grep -Eo '[0-9]+ differences found|[0-9]+ matching files' "$work/rd.txt" | paste -sd ', ')]"
echo "verification ratio hutong/rclone --download (goal <= 0.75): $(python3 -c "print(f'{$h/$rd:.2f}')")"
if [ -n "${REUSE:-}" ]; then exit 0; fi  # an earlier run already tampered with these buckets
echo "-- tamper with the destination: alter one object, delete one, add one"
echo "tampered" | rclone rcat "B:$dst/shard-03/object-00003.bin"
rclone deletefile "B:$dst/shard-04/object-00004.bin"
echo "extra" | rclone rcat "B:$dst/extra-object.bin"
"$HUTONG" migrate-check --no-out --verify-only --from "s3+$HUTONG_S3_A_ENDPOINT/$src" --to "s3+$HUTONG_S3_B_ENDPOINT/$dst" --concurrency "$CONCURRENCY" --show 5 | sed 's/^/    hutong: /' || true
"$HUTONG" migrate-check --no-out --verify-only --listings-only --from "s3+$HUTONG_S3_A_ENDPOINT/$src" --to "s3+$HUTONG_S3_B_ENDPOINT/$dst" --concurrency "$CONCURRENCY" --show 5 | sed 's/^/    hutong --listings-only: /' || true
rclone check --download --combined - "A:$src" "B:$dst" 2>/dev/null | grep -v '^=' | sed 's/^/    rclone: /' || true
