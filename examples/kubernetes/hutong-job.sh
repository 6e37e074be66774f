#!/usr/bin/env bash
# The container command of the Kubernetes Jobs beside this file (certify-job.yaml, index-job.yaml),
# kept here so that the same steps run on a laptop and in harness/cli/tests/kubernetes.rs.
# config.yaml holds a copy as the ConfigMap hutong-scripts; that test fails when the two differ.
#
#   hutong-job.sh certify   certify entry $JOB_COMPLETION_INDEX (from 0) of the platform list, sign
#                           the report and copy the run directory to $HUTONG_RUNS/NAME-TIME/
#   hutong-job.sh index     read every run under $HUTONG_RUNS, verify them and write the
#                           registry site with `hutong index`, and publish the site to $HUTONG_SITE
#
# HUTONG_RUNS and HUTONG_SITE are each an S3 URL (s3://bucket/prefix, copied with the AWS CLI,
# which takes its credentials, AWS_REGION and AWS_ENDPOINT_URL from the environment) or a local
# directory. Other variables:
#   HUTONG_PLATFORMS      the platform list: `NAME TARGET` a line, `#` comments; NAME of letters,
#                         digits and dashes; TARGET a base URL or a target file (TOML; relative to
#                         the list's folder), whose credentials name environment variables
#                         (default /etc/hutong/platforms/platforms.txt)
#   HUTONG_SIGN_KEY       private key of certify (default /var/run/secrets/hutong/signing.key)
#   HUTONG_PUBLIC_KEY     public key of index (default /etc/hutong/registry-key/registry.pub)
#   HUTONG_CERTIFY_ARGS   further arguments of `hutong certify`, split at spaces (e.g. --lang zh)
#   HUTONG_WORK           scratch directory (default: a new temporary directory)
#   HUTONG                the hutong binary (default: hutong on PATH)
#
# Exit codes: 0 the run was written whatever its verdict (the verdict is in the signed report),
# or the site was published; 1 (index) some run did not verify: each is named on stderr, and the
# site lists the rest and is published; 2 a usage error — no such entry, a variable missing,
# hutong wrote no signed report — that a retry cannot mend; 3 copying to or from storage failed
# (worth a retry).
set -euo pipefail

hutong=${HUTONG:-hutong}
runs=${HUTONG_RUNS:-}
site=${HUTONG_SITE:-}
work=${HUTONG_WORK:-}
if [ -z "$work" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

usage() {
  echo "hutong-job.sh: $*" >&2
  exit 2
}

# put DIR DEST: copies the directory DIR to DEST, an S3 URL or a local directory.
put() {
  case "$2" in
    s3://*) aws s3 cp --recursive --only-show-errors "$1" "$2" ;;
    *) mkdir -p "$2" && cp -R "$1/." "$2" ;;
  esac
}

# get URL DIR: copies everything under the S3 URL into the directory DIR.
get() {
  mkdir -p "$2" && aws s3 cp --recursive --only-show-errors "$1" "$2"
}

certify() {
  [ -n "$runs" ] || usage "HUTONG_RUNS (an s3:// URL or a directory) is not set"
  local index=${JOB_COMPLETION_INDEX:-}
  [[ "$index" =~ ^[0-9]+$ ]] || usage "JOB_COMPLETION_INDEX is not a number: '$index'"
  local list=${HUTONG_PLATFORMS:-/etc/hutong/platforms/platforms.txt}
  local key=${HUTONG_SIGN_KEY:-/var/run/secrets/hutong/signing.key}
  [ -r "$list" ] || usage "cannot read the platform list $list"
  [ -r "$key" ] || usage "cannot read the signing key $key"
  local line name target rest
  line=$(grep -v '^[[:space:]]*#' "$list" | awk 'NF' | sed -n "$((index + 1))p")
  [ -n "$line" ] || usage "$list has no entry $index (entries count from 0)"
  read -r name target rest <<<"$line"
  [[ "$name" =~ ^[A-Za-z0-9-]+$ ]] || usage "entry $index: the name '$name' is not letters, digits and dashes"
  if [ -z "$target" ] || [ -n "$rest" ]; then usage "entry $index: expected NAME TARGET, got '$line'"; fi

  local run
  run="$name-$(date -u +%Y%m%dT%H%M%SZ)"
  local args=(certify --quiet --out "$work/$run" --sign "$key")
  case "$target" in
    *://*) args+=("$target") ;;
    /*) args+=(--target "$target") ;;
    *) args+=(--target "$(dirname "$list")/$target") ;;
  esac
  local extra=()
  # shellcheck disable=SC2206 # split at spaces on purpose
  [ -z "${HUTONG_CERTIFY_ARGS:-}" ] || extra=($HUTONG_CERTIFY_ARGS)
  echo "entry $index: certifying $name ($target) as run $run"
  local code=0
  "$hutong" "${args[@]}" ${extra[@]+"${extra[@]}"} || code=$?
  echo "hutong certify exited $code (0 conformant, 1 not conformant, 2 inconclusive or harness error)"
  [ -f "$work/$run/report.json.sig" ] || usage "hutong wrote no signed report for $name"
  put "$work/$run" "${runs%/}/$run" || { echo "hutong-job.sh: cannot copy the run to ${runs%/}/$run" >&2; exit 3; }
  echo "run written to ${runs%/}/$run"
}

index() {
  [ -n "$runs" ] || usage "HUTONG_RUNS (an s3:// URL or a directory) is not set"
  [ -n "$site" ] || usage "HUTONG_SITE (an s3:// URL or a directory) is not set"
  local key=${HUTONG_PUBLIC_KEY:-/etc/hutong/registry-key/registry.pub}
  [ -r "$key" ] || usage "cannot read the public key $key"
  local from=$runs
  case "$runs" in
    s3://*)
      from="$work/runs"
      get "${runs%/}/" "$from" || { echo "hutong-job.sh: cannot copy the runs from $runs" >&2; exit 3; }
      ;;
  esac
  # Every directory is given to hutong index, so that one left incomplete is named, not skipped.
  local dirs=() d
  for d in "$from"/*/; do
    [ -d "$d" ] && dirs+=("${d%/}")
  done
  [ "${#dirs[@]}" -gt 0 ] || usage "no run under $runs"
  # A local site is written in place (hutong index replaces what was there); an S3 one is built
  # here and synchronised, deleting what the new site no longer has.
  local out=$site
  case "$site" in s3://*) out="$work/site" ;; esac
  local code=0
  "$hutong" index "${dirs[@]}" --key "$key" --out "$out" || code=$?
  [ "$code" -le 1 ] || exit "$code"
  case "$site" in
    s3://*) aws s3 sync --delete --only-show-errors "$out" "$site" || { echo "hutong-job.sh: cannot publish the site to $site" >&2; exit 3; } ;;
  esac
  echo "site published to $site (${#dirs[@]} run director$([ "${#dirs[@]}" -eq 1 ] && echo y || echo ies) read)"
  exit "$code"
}

case "${1:-}" in
  certify) certify ;;
  index) index ;;
  *) usage "usage: hutong-job.sh certify|index (see the comment at the top of this script)" ;;
esac
