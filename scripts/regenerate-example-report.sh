#!/usr/bin/env bash
# Regenerates the committed example run in reports/examples/link-block-one-domain/: the built-in
# reference platform with the fault `link-block-one-domain` (links to one outside domain are
# rewritten to a warning page), certified for the anti-incompatibility profile, in every report
# format, signed with a key made for the occasion whose public half is kept beside it (the
# private half is thrown away). Run it after a change to the report format, the writers, the
# spec or the features (the report carries the suite hash).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p hutong
bin=${CARGO_TARGET_DIR:-target}/debug/hutong
dest=reports/examples/link-block-one-domain
keys=$(mktemp -d)
trap 'rm -rf "$keys"' EXIT
"$bin" keygen --out "$keys/example.key" >/dev/null
rm -rf "$dest"
set +e
"$bin" certify --reference-fault link-block-one-domain --profile anti-incompatibility --seed 7 \
  --out "$dest" --sign "$keys/example.key" --history "$keys/history" --quiet
code=$?
set -e
[ "$code" -eq 1 ] || { echo "expected exit 1 (not conformant), got $code" >&2; exit 1; }
cp "$keys/example.key.pub" "$dest/signing-key.pub"
"$bin" verify "$dest" --key "$dest/signing-key.pub"
du -sh "$dest"
