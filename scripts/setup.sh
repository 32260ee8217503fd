#!/usr/bin/env bash
# Installs what building and testing Pacta needs. Idempotent: installs only what is missing.
#   - Debian: protobuf-compiler and clang (libp2p and wasm builds need them)
#   - rustup: target wasm32v1-none and component rust-src (the Wasm runtime)
#   - npm: the packages of tests/ (end-to-end tests with @polkadot/api)
#   - python: the virtualenv $PACTA_PY_VENV with tests/python/requirements.txt (ministry tooling
#     tests); reinstalled only when requirements.txt changes
#
#   scripts/setup.sh           # all of it
#   scripts/setup.sh --rust    # only what cargo needs (system packages, toolchain): test.sh --quick
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RUST_ONLY=0
[ "${1:-}" = "--rust" ] && RUST_ONLY=1

step "setup: system packages"
missing=()
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
command -v clang >/dev/null 2>&1 || missing+=(clang)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
	echo "installing ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
	echo "protoc and clang present"
fi

step "setup: rust toolchain (wasm32v1-none, rust-src)"
if ! rustup target list --installed | grep -qx wasm32v1-none; then
	rustup target add wasm32v1-none
fi
if ! rustup component list --installed | grep -q '^rust-src'; then
	rustup component add rust-src
fi
rustc --version

[ "$RUST_ONLY" -eq 1 ] && exit 0

step "setup: npm packages of tests/"
if [ -f "$REPO_ROOT/tests/package.json" ]; then
	(cd "$REPO_ROOT/tests" && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi)
fi

req="$REPO_ROOT/tests/python/requirements.txt"
if [ -f "$req" ]; then
	step "setup: python virtualenv $PACTA_PY_VENV (tests/python/requirements.txt)"
	stamp="$PACTA_PY_VENV/.requirements.sha256"
	want="$(sha256sum "$req" | cut -d' ' -f1)"
	if [ -x "$PACTA_PY_VENV/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
		echo "up to date"
	else
		[ -x "$PACTA_PY_VENV/bin/python" ] || python3 -m venv "$PACTA_PY_VENV"
		"$PACTA_PY_VENV/bin/pip" install --quiet --disable-pip-version-check -r "$req"
		echo "$want" >"$stamp"
	fi
fi

step "setup: done"
