#!/usr/bin/env bash
# Builds pacta-node with `runtime-benchmarks`, runs the FRAME benchmarks of the Pacta pallets
# against the dev runtime, and writes each pallet's `weights.rs` from scripts/weight-template.hbs.
#   scripts/benchmark.sh                 # every pallet under pallets/, 50 steps x 20 repeats
#   STEPS=10 REPEAT=5 scripts/benchmark.sh pallet_pledges
# Afterwards rebuild the normal node (scripts/build.sh): the weights are compiled in.
#
# The benchmark build differs from the normal one in features all the way down (sp-runtime's
# `runtime-benchmarks`, and the benchmarking CLI with its own test runtime), so it has its own
# target dir, outside the checkout like the normal one (a checkout is often fresh, its target/
# gone): $BENCH_TARGET_DIR, default ~/.cache/pacta/bench-target. The Wasm builder finds the
# workspace through WASM_BUILD_WORKSPACE_HINT (common.sh); the CLI's test runtime finds itself in
# `cargo metadata` through node/Cargo.toml's never-built `cfg(any())` dev-dependency on the CLI.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
# Every crate under pallets/: its benchmark name (pallet_x) and its folder.
declare -A PALLET_DIR=()
for manifest in pallets/*/Cargo.toml; do
	name="$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n1)"
	PALLET_DIR["${name//-/_}"]="$(dirname "$manifest")"
done
PALLETS=("$@")
[ "${#PALLETS[@]}" -eq 0 ] && mapfile -t PALLETS < <(printf '%s\n' "${!PALLET_DIR[@]}" | sort)
for pallet in "${PALLETS[@]}"; do
	[ -n "${PALLET_DIR[$pallet]:-}" ] || {
		echo "no crate $pallet under pallets/ (have: ${!PALLET_DIR[*]})" >&2
		exit 2
	}
done

export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-$PACTA_CACHE/bench-target}"
BENCH_NODE="$CARGO_TARGET_DIR/release/pacta-node"

"$REPO_ROOT/scripts/setup.sh" --rust

step "benchmark: building pacta-node with --features runtime-benchmarks (target: $CARGO_TARGET_DIR)"
cargo build --release --locked -p pacta-node --features runtime-benchmarks

for pallet in "${PALLETS[@]}"; do
	dir="${PALLET_DIR[$pallet]}"
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
