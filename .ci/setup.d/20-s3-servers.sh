#!/usr/bin/env bash
# Installs and starts two independent S3-compatible servers for the cloud-migration S3 pair test:
# moto (Python) and s3s-fs 0.14.1 (Rust; 0.15+ needs rustc 1.96). Idempotent: installs only what
# is missing, starts only servers not already answering. Tools go to $HUTONG_CI_TOOLS (default
# target/ci-tools; point it elsewhere to share one s3s-fs build between clones): s3s-fs, and moto
# in a virtual environment when no moto_server is installed. Writes target/ci-services/s3.env.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
tools="${HUTONG_CI_TOOLS:-$root/target/ci-tools}"
services="$root/target/ci-services"
mkdir -p "$tools" "$services"
MOTO_PORT=${HUTONG_MOTO_PORT:-39101}
S3S_PORT=${HUTONG_S3S_PORT:-39102}
S3S_AK=hutong-ci-access
S3S_SK=hutong-ci-secret-not-a-real-key

# moto: the one on PATH, else one installed from PyPI into a virtual environment (Debian's
# Python refuses system-wide pip installs).
moto_server=$(command -v moto_server || true)
if [ -z "$moto_server" ] || ! python3 -c 'import moto.server' >/dev/null 2>&1; then
  moto_server="$tools/moto-venv/bin/moto_server"
  if [ ! -x "$moto_server" ]; then
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
      echo "installing python3-venv (Debian)"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null
    fi
    echo "installing moto[server] into $tools/moto-venv"
    rm -rf "$tools/moto-venv"
    python3 -m venv "$tools/moto-venv"
    "$tools/moto-venv/bin/pip" install --quiet 'moto[server]'
  fi
fi
if [ ! -x "$tools/bin/s3s-fs" ]; then
  echo "installing s3s-fs 0.14.1 into $tools"
  cargo install s3s-fs@0.14.1 --locked --features binary --root "$tools"
fi

# Whether something accepts connections on the port (bash's /dev/tcp: no curl needed).
up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! up "$MOTO_PORT"; then
  echo "starting moto on 127.0.0.1:$MOTO_PORT"
  nohup "$moto_server" -H 127.0.0.1 -p "$MOTO_PORT" >"$services/moto.log" 2>&1 &
fi
if ! up "$S3S_PORT"; then
  echo "starting s3s-fs on 127.0.0.1:$S3S_PORT"
  mkdir -p "$services/s3s-fs-data"
  nohup "$tools/bin/s3s-fs" --host 127.0.0.1 --port "$S3S_PORT" --access-key "$S3S_AK" --secret-key "$S3S_SK" \
    "$services/s3s-fs-data" >"$services/s3s-fs.log" 2>&1 &
fi
# Wait for both to listen: up to 5 minutes (a loaded machine starts Python slowly).
for _ in $(seq 1 600); do
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
