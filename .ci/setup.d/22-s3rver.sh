#!/usr/bin/env bash
# Installs and starts s3rver (npm, version pinned in fixtures/s3rver/package-lock.json): a third
# independent S3 server (Node.js, file-backed) beside moto and s3s-fs (20-s3-servers.sh), for the
# tests that migrate odd keys between all three. Idempotent: installs only when missing, starts
# only when nothing answers on the port. s3rver goes to $HUTONG_CI_TOOLS/s3rver (default
# target/ci-tools); writes target/ci-services/s3rver.env. s3rver 3.7 needs the OpenSSL legacy
# provider on Node 17+ (NODE_OPTIONS=--openssl-legacy-provider). Virtual-hosted-style requests
# reach it as BUCKET.s3.hutong.test (its --service-endpoint; no DNS needed, tests resolve the
# name themselves).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
tools="${HUTONG_CI_TOOLS:-$root/target/ci-tools}"
services="$root/target/ci-services"
mkdir -p "$tools/s3rver" "$services"
PORT=${HUTONG_S3RVER_PORT:-39103}

command -v node >/dev/null || { apt-get update -q && apt-get install -y -q nodejs npm; }
bin="$tools/s3rver/node_modules/s3rver/bin/s3rver.js"
if [ ! -f "$bin" ] || ! cmp -s fixtures/s3rver/package-lock.json "$tools/s3rver/package-lock.json"; then
  echo "installing s3rver into $tools/s3rver"
  cp fixtures/s3rver/package.json fixtures/s3rver/package-lock.json "$tools/s3rver/"
  (cd "$tools/s3rver" && npm ci --no-audit --no-fund)
fi

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! up "$PORT"; then
  echo "starting s3rver on 127.0.0.1:$PORT"
  mkdir -p "$services/s3rver-data"
  NODE_OPTIONS=--openssl-legacy-provider nohup node "$bin" -d "$services/s3rver-data" -a 127.0.0.1 -p "$PORT" \
    --service-endpoint hutong.test --silent >"$services/s3rver.log" 2>&1 &
fi
for _ in $(seq 1 240); do
  if up "$PORT"; then break; fi
  sleep 0.5
done
up "$PORT" || { echo "s3rver did not start; see $services/s3rver.log" >&2; exit 1; }
# s3rver's one account (lib/models/account.js): access key and secret both S3RVER.
cat >"$services/s3rver.env" <<ENV
HUTONG_S3_C_ENDPOINT=http://127.0.0.1:$PORT
HUTONG_S3_C_ACCESS_KEY=S3RVER
HUTONG_S3_C_SECRET_KEY=S3RVER
HUTONG_S3_C_VHOST_ENDPOINT=http://s3.hutong.test:$PORT
ENV
echo "S3 server: s3rver on $PORT ($services/s3rver.env)"
