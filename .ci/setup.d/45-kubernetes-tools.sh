#!/usr/bin/env bash
# Tools of harness/cli/tests/kubernetes.rs, into a virtual environment under $HUTONG_CI_TOOLS
# (default target/ci-tools), each from PyPI:
# - kubernetes-validate, which checks the manifests of examples/kubernetes/ against the OpenAPI
#   schemas of every Kubernetes version it ships (no cluster, no network). Pinned: the test names
#   one of the shipped versions.
# - the AWS CLI (v1, the one on PyPI), with which examples/kubernetes/hutong-job.sh copies runs
#   to and from S3; the test runs that script against moto (.ci/setup.d/20-s3-servers.sh).
# Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools="${HUTONG_CI_TOOLS:-$PWD/target/ci-tools}"
venv="$tools/kubernetes-venv"
if [ ! -x "$venv/bin/pip" ]; then
  mkdir -p "$tools"
  python3 -m venv "$venv"
fi
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
  "$venv/bin/pip" install -q 'kubernetes-validate==1.37.0'
fi
if [ ! -x "$venv/bin/aws" ]; then
  "$venv/bin/pip" install -q 'awscli>=1.29,<2'
fi
echo "kubernetes-validate: $("$venv/bin/kubernetes-validate" --version 2>&1 | head -1)"
echo "aws: $("$venv/bin/aws" --version 2>&1 | head -1)"
