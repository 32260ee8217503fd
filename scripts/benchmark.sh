#!/usr/bin/env bash
# Builds pacta-node with `runtime-benchmarks`, runs the FRAME benchmarks of the Pacta pallets
# against the dev runtime, and writes each pallet's `weights.rs` from scripts/weight-template.hbs.
#   scripts/benchmark.sh                 # all three pallets, 50 steps x 20 repeats
#   STEPS=10 REPEAT=5 scripts/benchmark.sh pallet_pledges
# Afterwards rebuild the normal node (scripts/build.sh): the weights are compiled in.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
PALLETS=("$@")
[ "${#PALLETS[@]}" -eq 0 ] && PALLETS=(pallet_pledges pallet_attestations pallet_settlement)

# The benchmark build differs from the normal one in features all the way down (sp-runtime's
# `runtime-benchmarks`), so it gets its own target dir inside the checkout (git-ignored). There
# the Wasm builder finds Cargo.lock by itself; the workspace hint of common.sh must go, or the
# benchmark CLI's own test runtime fails to build.
export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-$REPO_ROOT/target}"
unset WASM_BUILD_WORKSPACE_HINT
BENCH_NODE="$CARGO_TARGET_DIR/release/pacta-node"

step "benchmark: building pacta-node with --features runtime-benchmarks (target: $CARGO_TARGET_DIR)"
cargo build --release --locked -p pacta-node --features runtime-benchmarks

for pallet in "${PALLETS[@]}"; do
	dir="pallets/${pallet#pallet_}"
	step "benchmark: $pallet ($STEPS steps x $REPEAT repeats) -> $dir/src/weights.rs"
	"$BENCH_NODE" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--template scripts/weight-template.hbs \
		--output "$dir/src/weights.rs"
done

step "benchmark: done; now rebuild the node without the feature: scripts/build.sh"
