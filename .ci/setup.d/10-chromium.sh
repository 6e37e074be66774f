#!/usr/bin/env bash
# Headless Chromium for the HTML report test (harness/cli/tests/report_html.rs).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium already installed: $(chromium --version 2>/dev/null || echo unknown version)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
echo "installed $(chromium --version 2>/dev/null || echo chromium)"
