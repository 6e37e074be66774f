#!/usr/bin/env bash
# Installs and starts two independent S3-compatible servers for the cloud-migration S3 pair test:
# moto (Python) and s3s-fs 0.14.1 (Rust; 0.15+ needs rustc 1.96). Idempotent: installs only what
# is missing (s3s-fs into target/ci-tools, reused), starts only servers not already answering.
# Writes target/ci-services/s3.env for the tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
tools="$root/target/ci-tools"
services="$root/target/ci-services"
mkdir -p "$tools" "$services"
MOTO_PORT=${HUTONG_MOTO_PORT:-39101}
S3S_PORT=${HUTONG_S3S_PORT:-39102}
S3S_AK=hutong-ci-access
S3S_SK=hutong-ci-secret-not-a-real-key

if ! command -v moto_server >/dev/null 2>&1 || ! python3 -c 'import moto.server' >/dev/null 2>&1; then
  echo "installing moto[server]"
  python3 -m pip install --quiet 'moto[server]'
fi
if [ ! -x "$tools/bin/s3s-fs" ]; then
  echo "installing s3s-fs 0.14.1 into $tools"
  cargo install s3s-fs@0.14.1 --locked --features binary --root "$tools"
fi

up() { curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/" ; }

if ! up "$MOTO_PORT"; then
  echo "starting moto on 127.0.0.1:$MOTO_PORT"
  nohup moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"$services/moto.log" 2>&1 &
fi
if ! up "$S3S_PORT"; then
  echo "starting s3s-fs on 127.0.0.1:$S3S_PORT"
  mkdir -p "$services/s3s-fs-data"
  nohup "$tools/bin/s3s-fs" --host 127.0.0.1 --port "$S3S_PORT" --access-key "$S3S_AK" --secret-key "$S3S_SK" \
    "$services/s3s-fs-data" >"$services/s3s-fs.log" 2>&1 &
fi
for _ in $(seq 1 60); do
  if up "$MOTO_PORT" && up "$S3S_PORT"; then break; fi
  sleep 0.5
done
up "$MOTO_PORT" || { echo "moto did not start; see $services/moto.log" >&2; exit 1; }
up "$S3S_PORT" || { echo "s3s-fs did not start; see $services/s3s-fs.log" >&2; exit 1; }
cat >"$services/s3.env" <<ENV
HUTONG_S3_A_ENDPOINT=http://127.0.0.1:$MOTO_PORT
HUTONG_S3_A_ACCESS_KEY=hutong-ci-moto
HUTONG_S3_A_SECRET_KEY=hutong-ci-moto-secret
HUTONG_S3_B_ENDPOINT=http://127.0.0.1:$S3S_PORT
HUTONG_S3_B_ACCESS_KEY=$S3S_AK
HUTONG_S3_B_SECRET_KEY=$S3S_SK
HUTONG_S3_REGION=us-east-1
ENV
echo "S3 servers: moto on $MOTO_PORT, s3s-fs on $S3S_PORT ($services/s3.env)"
