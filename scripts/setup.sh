#!/usr/bin/env bash
# One-time setup of a fresh machine (Node.js, npm and Python 3 present): everything `npm test` needs.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need (this runs as root; apt-get update once, and only when something is missing):
# - openssl: tests/jwtKeys.test.ts lets the OpenSSL command line read every generated key;
# - luajit and libssl3 (libcrypto.so.3): tests/keyReaders.test.ts calls OpenSSL's PEM readers through LuaJIT's FFI,
#   exactly as nginx's Lua modules (lua-resty-rsa, lua-resty-jwt) call them.
apt_packages=()
command -v openssl >/dev/null || apt_packages+=(openssl)
command -v luajit >/dev/null || apt_packages+=(luajit libssl3)
if [ "${#apt_packages[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}"
fi
npm ci --no-audit --no-fund
python3 -m pip install --quiet --disable-pip-version-check -r tests/tools/requirements.txt
