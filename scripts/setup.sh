#!/usr/bin/env bash
# One-time setup of a fresh machine (Node.js, npm and Python 3 present): everything `npm test` needs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v openssl >/dev/null; then
    # The key tests let the OpenSSL command line read every generated key, as nginx's Lua does.
    apt-get update -qq && apt-get install -y -qq openssl
fi
npm ci --no-audit --no-fund
python3 -m pip install --quiet --disable-pip-version-check -r tests/tools/requirements.txt
