#!/usr/bin/env bash
# Benchmark (not a test): how long `hutong migrate-check` takes to give up on a destination that
# accepts connections and never answers (issue 13: it once took 376 s for 200 objects). Seeds N
# objects (default 200) in moto, migrates them to a TCP listener that never answers, and prints
# the exit code (goal: 2) and the wall time in request timeouts (goal: at most 3).
#
#   scripts/bench-silent-destination.sh [N] [TIMEOUT_SECS]
#
# Needs moto of .ci/setup.d/20-s3-servers.sh (started here if not running) and boto3
# (.ci/setup.d/25-boto3.sh). Uses target/release/hutong when present, else the debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
TIMEOUT=${2:-5}
bash .ci/setup.d/20-s3-servers.sh >/dev/null
# shellcheck disable=SC1091
source target/ci-services/s3.env
HUTONG=target/release/hutong
[ -x "$HUTONG" ] || { cargo build -q -p hutong; HUTONG=target/debug/hutong; }
bash .ci/setup.d/25-boto3.sh >/dev/null
# shellcheck disable=SC1091
source target/ci-services/boto3.env
py=$HUTONG_BOTO3_PYTHON
bucket=silent-src-$(date +%s)
"$py" - "$HUTONG_S3_A_ENDPOINT" "$HUTONG_S3_A_ACCESS_KEY" "$HUTONG_S3_A_SECRET_KEY" "$bucket" "$N" <<'PY'
import sys, boto3
endpoint, ak, sk, bucket, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=ak, aws_secret_access_key=sk, region_name="us-east-1")
s3.create_bucket(Bucket=bucket)
for i in range(n):
    s3.put_object(Bucket=bucket, Key=f"object-{i:04d}", Body=b"x" * 1000)
PY
# A destination that accepts every connection and never answers.
port_file=$(mktemp)
python3 - "$port_file" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(512)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
held = []
while True:
    c, _ = s.accept(); held.append(c)
PY
listener=$!
trap 'kill $listener 2>/dev/null; rm -f "$port_file"' EXIT
while [ ! -s "$port_file" ]; do sleep 0.1; done
port=$(cat "$port_file")
export HUTONG_S3_FROM_ACCESS_KEY=$HUTONG_S3_A_ACCESS_KEY HUTONG_S3_FROM_SECRET_KEY=$HUTONG_S3_A_SECRET_KEY
export HUTONG_S3_TO_ACCESS_KEY=ak HUTONG_S3_TO_SECRET_KEY=sk
t0=$(date +%s.%N)
code=0
"$HUTONG" migrate-check --no-out --from "s3+$HUTONG_S3_A_ENDPOINT/$bucket" --to "s3+http://127.0.0.1:$port/nowhere" --request-timeout "$TIMEOUT" >/dev/null 2>"$port_file.err" || code=$?
t1=$(date +%s.%N)
echo "== $N objects, moto -> a destination that never answers, request timeout ${TIMEOUT}s; hutong: $HUTONG"
echo "exit code: $code (goal: 2)"
python3 -c "w=$t1-$t0; print(f'wall time: {w:.1f} s = {w/$TIMEOUT:.2f} request timeouts (goal: at most 3)')"
echo "reason: $(head -c 300 "$port_file.err")"
rm -f "$port_file.err"
