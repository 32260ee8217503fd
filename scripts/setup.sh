#!/usr/bin/env bash
# Installs what building and testing Pacta needs. Idempotent: installs only what is missing.
#   - Debian: protobuf-compiler and clang (libp2p and wasm builds need them)
#   - rustup: target wasm32v1-none and component rust-src (the Wasm runtime)
#   - npm: the packages of tests/ (end-to-end tests with @polkadot/api)
#   - pip: substrate-interface (the Python ministry-tooling tests), when tests/python exists
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

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

step "setup: npm packages of tests/"
if [ -f "$REPO_ROOT/tests/package.json" ]; then
	(cd "$REPO_ROOT/tests" && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi)
fi

if [ -f "$REPO_ROOT/tests/python/requirements.txt" ]; then
	step "setup: python packages of tests/python"
	python3 -m pip install --quiet --disable-pip-version-check -r "$REPO_ROOT/tests/python/requirements.txt"
fi

step "setup: done"
