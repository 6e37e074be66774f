#!/usr/bin/env bash
# Makes boto3 (the AWS SDK for Python) importable for fixtures/reference/tests/boto3.rs, which runs
# fixtures/reference/tests/boto3_s3_check.py against the reference platform's object storage.
# Idempotent: uses the first Python that imports boto3 — python3 on PATH, moto's virtual
# environment (20-s3-servers.sh; moto depends on boto3), an earlier boto3-venv — else installs
# boto3 from PyPI into $HUTONG_CI_TOOLS/boto3-venv (default target/ci-tools). Writes
# target/ci-services/boto3.env (HUTONG_BOTO3_PYTHON).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
tools="${HUTONG_CI_TOOLS:-$root/target/ci-tools}"
services="$root/target/ci-services"
mkdir -p "$tools" "$services"

python=""
for candidate in "$(command -v python3 || true)" "$tools/moto-venv/bin/python" "$tools/boto3-venv/bin/python"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c 'import boto3' >/dev/null 2>&1; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  # Debian's Python refuses system-wide pip installs: a virtual environment.
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
    echo "installing python3-venv (Debian)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null
  fi
  echo "installing boto3 into $tools/boto3-venv"
  rm -rf "$tools/boto3-venv"
  python3 -m venv "$tools/boto3-venv"
  "$tools/boto3-venv/bin/pip" install --quiet boto3
  python="$tools/boto3-venv/bin/python"
fi
echo "HUTONG_BOTO3_PYTHON=$python" >"$services/boto3.env"
echo "boto3: $("$python" -c 'import boto3; print(boto3.__version__)') with $python ($services/boto3.env)"
