#!/usr/bin/env bash
# The whole test suite in one command: installs and starts what the tests need (every
# .ci/setup.d/*.sh in name order: Chromium, the S3 servers moto and s3s-fs, boto3, the
# oidc-provider OAuth server, cargo-machete, the Actions linters, kubernetes-validate and the AWS CLI;
# each idempotent), then runs `cargo test --workspace` with CI=true, so that a test
# whose server is missing fails instead of skipping. Arguments go to cargo test, e.g.
# `scripts/test.sh -p hutong --test hostile`. The closing lines and the exit code are cargo's.
#
# Needs a Rust toolchain (the workspace's rust-version) and, for what is not installed yet, root on
# Debian with crates.io, PyPI, npm and the Debian archive reachable. `.ci/run` calls this script.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=true INSTA_UPDATE=no CARGO_TERM_COLOR=never
for setup in .ci/setup.d/*.sh; do
  [ -e "$setup" ] || continue
  echo "== setup: $setup"
  bash "$setup"
done
echo "== test: cargo test --workspace $*"
exec cargo test --workspace "$@"
