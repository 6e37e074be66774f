#!/usr/bin/env bash
# Installs panva's oidc-provider (npm registry, version pinned in fixtures/oidc-provider/package-lock.json):
# the real third-party OAuth 2.0 server the OE-02 self-service checks are tested against.
set -euo pipefail
cd "$(dirname "$0")/../../fixtures/oidc-provider"
if [ -d node_modules/oidc-provider ]; then
  echo "oidc-provider already installed"
  exit 0
fi
command -v node >/dev/null || { apt-get update -q && apt-get install -y -q nodejs npm; }
npm ci --no-audit --no-fund
echo "oidc-provider installed"
