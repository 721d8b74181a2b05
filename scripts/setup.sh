#!/usr/bin/env bash
# One-time setup of a fresh machine (Debian 12 or Ubuntu 24.04 with Node.js >= 20, npm and Python 3): everything
# `npm test` needs. System packages come from apt, which needs root (or sudo); the tests' Python tools go into a
# virtual environment inside the project (.venv, ignored by git), because stock Debian and Ubuntu Pythons refuse
# `pip install` outside one (externally-managed-environment).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "setup: $*" >&2; exit 1; }
for tool in node npm python3; do
    command -v "$tool" >/dev/null || fail "$tool not found: install Node.js >= 20 (with npm) and Python 3 first"
done
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || fail "Node.js $(node --version) is too old: 20 or later is needed"

# Debian packages the tests need, only when missing:
# - openssl: tests/jwtKeys.test.ts lets the OpenSSL command line read every generated key;
# - luajit2 and libssl3 (libcrypto.so.3): tests/keyReaders.test.ts calls OpenSSL's PEM readers through LuaJIT's FFI,
#   exactly as nginx's Lua modules (lua-resty-rsa, lua-resty-jwt) call them. luajit2 is OpenResty's LuaJIT, the one
#   libnginx-mod-http-lua pulls in: Debian's plain luajit cannot be installed beside it. Any `luajit` on PATH will do;
# - python3-venv: the virtual environment below.
apt_packages=()
command -v openssl >/dev/null || apt_packages+=(openssl)
command -v luajit >/dev/null || apt_packages+=(luajit2 libssl3)
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_packages+=(python3-venv)
if [ "${#apt_packages[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null || fail "missing: ${apt_packages[*]}; this script installs them with apt-get (Debian, Ubuntu); install them another way, then run it again"
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || fail "missing: ${apt_packages[*]}; installing them needs root: run as root, or install sudo"
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${apt_packages[@]}"
fi

npm ci --no-audit --no-fund
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r tests/tools/requirements.txt
