#!/usr/bin/env bash
# Runs every Pacta test: setup, the workspace's cargo tests (pallets, runtime, node), the
# pallets' benchmark tests, then the end-to-end tests against freshly started nodes.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

"$REPO_ROOT/scripts/setup.sh"
"$REPO_ROOT/scripts/build.sh"

step "test: cargo test --release --workspace"
cargo test --release --locked --workspace

step "test: benchmark tests (--features runtime-benchmarks)"
cargo test --release --locked -p pallet-pledges -p pallet-attestations -p pallet-settlement \
	--features runtime-benchmarks

step "test: end-to-end tests (node's test runner, @polkadot/api)"
(cd tests && PACTA_NODE_BIN="$PACTA_NODE_BIN" npm test)

step "test: Python lifecycle (substrate-interface, as ministry tooling)"
PACTA_NODE_BIN="$PACTA_NODE_BIN" tests/python/run.sh

step "test: consortium fault tests (4 validators on loopback)"
(cd tests && PACTA_NODE_BIN="$PACTA_NODE_BIN" npm run test:consortium)

step "test: all passed"
