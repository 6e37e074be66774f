#!/usr/bin/env bash
# Benchmark (not a test): one object of SIZE MiB (default 5120, 5 GiB) migrated from moto to
# s3s-fs by `hutong migrate-check` (copy by ranges and multipart upload, then verification by
# content, SHA-256 of both sides), printing hutong's peak resident memory (goal: under 128 MiB,
# whatever the object's size) and the time of each stage.
#
#   scripts/bench-migrate-large.sh [SIZE_MIB]
#
# Starts its own moto and s3s-fs (the tools .ci/setup.d/20-s3-servers.sh installs; set
# HUTONG_CI_TOOLS as for it; boto3 from .ci/setup.d/25-boto3.sh seeds moto) on free ports, with their data under WORK (default: a fresh
# /tmp/hutong-bench-large-*), and stops them and removes WORK at the end. Needs about 4 × SIZE of
# free disk. moto reads an object whole into its own memory for every ranged GET and builds a
# completed multipart object in memory, so moto (not hutong) needs about 2 × SIZE of RAM with the
# two ranges in flight used here (PART_SIZE, default 32 MiB; BUDGET, default 64 MiB).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-5120}
PART_SIZE=${PART_SIZE:-32MiB}
BUDGET=${BUDGET:-64MiB}
# moto reads the whole object for each range: slow on a loaded machine.
TIMEOUT=${TIMEOUT:-300}
# VERIFY=listings compares sizes only after the copy (moto re-reads the whole object for every
# range of a content verification); the script compares the SHA-256 of the files itself.
verify=()
[ "${VERIFY:-content}" = listings ] && verify=(--listings-only)
root=$PWD
tools=${HUTONG_CI_TOOLS:-$root/target/ci-tools}
target=${CARGO_TARGET_DIR:-target}
moto_server=$(command -v moto_server || echo "$tools/moto-venv/bin/moto_server")
[ -x "$moto_server" ] && [ -x "$tools/bin/s3s-fs" ] || { echo "moto or s3s-fs missing: run .ci/setup.d/20-s3-servers.sh first" >&2; exit 2; }
cargo build -q -p hutong
HUTONG=$target/debug/hutong
[ -x "$target/release/hutong" ] && HUTONG=$target/release/hutong

work=${WORK:-$(mktemp -d /tmp/hutong-bench-large-XXXXXX)}
mkdir -p "$work/moto-tmp" "$work/s3s-data/dst"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
echo "free disk in $work: $(df -h --output=avail "$work" | tail -1 | tr -d ' '); free memory: $(free -g | awk '/Mem/ {print $7}') GiB"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
MOTO=$(port) S3S=$(port)
TMPDIR=$work/moto-tmp "$moto_server" -H 127.0.0.1 -p "$MOTO" >"$work/moto.log" 2>&1 & pids+=($!)
"$tools/bin/s3s-fs" --host 127.0.0.1 --port "$S3S" --access-key bench-access --secret-key bench-secret-key "$work/s3s-data" >"$work/s3s.log" 2>&1 & pids+=($!)
up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 600); do up "$MOTO" && up "$S3S" && break; sleep 0.5; done
# moto takes any keys and unsigned requests: the source bucket by a plain PUT.
curl -sf -X PUT "http://127.0.0.1:$MOTO/src" >/dev/null

secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$@"; }
t0=$(date +%s.%N)
# Random-looking bytes, fast: AES-CTR of zeros.
(openssl enc -aes-128-ctr -pass pass:hutong-bench -nosalt -pbkdf2 </dev/zero 2>/dev/null || true) | head -c "$((SIZE_MIB * 1024 * 1024))" >"$work/big.bin"
t1=$(date +%s.%N)
echo "== seed: $SIZE_MIB MiB of pseudo-random bytes ($(secs "$t0" "$t1") s)"
# The source object reaches moto by boto3 (from .ci/setup.d/25-boto3.sh), 64 MiB parts.
python3 - "$MOTO" "$work/big.bin" <<'PY'
import sys, boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
# moto builds the completed object in memory: minutes for gigabytes on a loaded machine.
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}", aws_access_key_id="bench-moto", aws_secret_access_key="bench-moto-secret", region_name="us-east-1",
                  config=Config(read_timeout=3600, retries={"max_attempts": 1}))
s3.upload_file(sys.argv[2], "src", "big.bin", ExtraArgs={"Metadata": {"origin": "bench"}}, Config=TransferConfig(multipart_chunksize=64 << 20, max_concurrency=2))
PY
t2=$(date +%s.%N)
echo "== source ready in moto ($(secs "$t1" "$t2") s)"

export HUTONG_S3_FROM_ACCESS_KEY=bench-moto HUTONG_S3_FROM_SECRET_KEY=bench-moto-secret
export HUTONG_S3_TO_ACCESS_KEY=bench-access HUTONG_S3_TO_SECRET_KEY=bench-secret-key
echo "== hutong migrate-check moto -> s3s-fs, one object of $SIZE_MIB MiB (part $PART_SIZE, buffer budget $BUDGET; $HUTONG)"
/usr/bin/time -f "   hutong: peak RSS %M KiB (%e s elapsed, %U s user CPU)" \
  "$HUTONG" migrate-check --from "s3+http://127.0.0.1:$MOTO/src" --to "s3+http://127.0.0.1:$S3S/dst" \
  --part-size "$PART_SIZE" --buffer-budget "$BUDGET" --request-timeout "$TIMEOUT" "${verify[@]}" --out "$work/report" --show 5 2>&1 | grep -v '^report:' | sed 's/^/    /'
echo "   destination file: $(stat -c %s "$work/s3s-data/dst/big.bin" 2>/dev/null || echo missing) bytes; SHA-256 equal to the seed: $( [ "$(sha256sum <"$work/big.bin")" = "$(sha256sum <"$work/s3s-data/dst/big.bin")" ] && echo yes || echo NO)"
echo "   report: $(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); q=r["requirements"][0]; print(q["id"], q["outcome"], "-", q["message"])' "$work/report/report.json")"
