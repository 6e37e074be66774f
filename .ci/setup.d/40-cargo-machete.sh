#!/usr/bin/env bash
# Installs cargo-machete 0.9.2 (crates.io) into $HUTONG_CI_TOOLS/bin (default target/ci-tools),
# which harness/cli/tests/manifests.rs runs to find dependencies a manifest declares and no code
# uses. Idempotent: installs only when that version is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools="${HUTONG_CI_TOOLS:-$PWD/target/ci-tools}"
mkdir -p "$tools"
if [ -x "$tools/bin/cargo-machete" ] && "$tools/bin/cargo-machete" --version 2>/dev/null | grep -q '0\.9\.2'; then
  echo "cargo-machete already installed in $tools/bin"
  exit 0
fi
echo "installing cargo-machete 0.9.2 into $tools"
cargo install cargo-machete@0.9.2 --locked --root "$tools"
