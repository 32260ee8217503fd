#!/usr/bin/env bash
# Builds the node (and with it the Wasm runtime) in release mode, with the locked dependencies.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

step "build: cargo build --release --locked --workspace (target: $CARGO_TARGET_DIR)"
cd "$REPO_ROOT"
cargo build --release --locked --workspace
ls -l "$PACTA_NODE_BIN"
