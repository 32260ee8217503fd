# Shared settings of the Pacta scripts (sourced, not run).
#
# Everything that is built or installed lives under $PACTA_CACHE (default ~/.cache/pacta), outside
# the checkout, so that a fresh clone (CI's included) reuses earlier builds instead of spending
# most of an hour on a cold one:
#   target/        CARGO_TARGET_DIR of build.sh, test.sh and dev.sh
#   bench-target/  benchmark.sh's node with `runtime-benchmarks` (a different tree all the way down)
#   pyenv/         the virtualenv of tests/python
#
# A second runtime Wasm (e.g. for an upgrade test: another spec_version or feature) is its own
# cached file, never a build of the runtime with other features in the shared target dir: the
# Wasm builder keeps ONE project per crate under target/release/wbuild/, so flipping the runtime's
# features there rebuilds the Wasm on every later build, the normal one included. The rule:
#   - the variant is built once into $PACTA_CACHE/wasm/<variant>-<key>.wasm, where <key> hashes
#     what it is built from (Cargo.lock, runtime/, pallets/, primitives/, the features), in its own
#     target dir $PACTA_CACHE/wasm-target/<variant>, and reused while the key matches;
#   - test.sh builds it in a stage of its own (timed) and hands the path to the tests in an
#     environment variable (PACTA_WASM_<VARIANT>); tests never build anything.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PACTA_CACHE="${PACTA_CACHE:-$HOME/.cache/pacta}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PACTA_CACHE/target}"
# The runtime's Wasm is built by a nested cargo in the target dir; point it at our Cargo.lock
# (the target dir is outside the checkout, so the Wasm builder cannot find it by walking up).
export WASM_BUILD_WORKSPACE_HINT="$REPO_ROOT"
export PACTA_NODE_BIN="${PACTA_NODE_BIN:-$CARGO_TARGET_DIR/release/pacta-node}"
export PACTA_PY_VENV="${PACTA_PY_VENV:-$PACTA_CACHE/pyenv}"
# rustup and cargo live here on a fresh machine.
export PATH="$HOME/.cargo/bin:$PATH"

# Prints a step heading with the elapsed time, so long runs show where they are.
PACTA_START="${PACTA_START:-$(date +%s)}"
export PACTA_START
step() {
	local now
	now=$(date +%s)
	printf '\n==> [%4ss] %s\n' "$((now - PACTA_START))" "$*"
}

# Prints the workspace members as `name<TAB>dir<TAB>kinds<TAB>features`, one a line: dir relative
# to the repository, kinds the target kinds (lib, bin, ...) and features the declared features,
# comma-separated. Reads only the manifests (`cargo metadata --no-deps`): no dependency resolution.
workspace_members() {
	cargo metadata --no-deps --format-version 1 --manifest-path "$REPO_ROOT/Cargo.toml" |
		python3 -c '
import json, os, sys
m = json.load(sys.stdin)
root = m["workspace_root"]
members = set(m["workspace_members"])
for p in m["packages"]:
    if p["id"] not in members:
        continue
    d = os.path.relpath(os.path.dirname(p["manifest_path"]), root)
    kinds = sorted({k for t in p["targets"] for k in t["kind"]})
    print("\t".join([p["name"], d, ",".join(kinds), ",".join(sorted(p["features"]))]))
'
}

# `-p NAME` for every workspace member (without a binary target) that declares `runtime-benchmarks`
# or `try-runtime`, and `--features NAME/FEATURE` for each of those features: one cargo invocation,
# one feature set. Binaries (the node) are left out: the node's `runtime-benchmarks` pulls the
# benchmarking CLI (cumulus, polkadot primitives, a test runtime: ~450 more crates) and the node
# needs the Wasm; scripts/benchmark.sh builds that feature set, in its own target dir.
bench_test_args() {
	local name dir kinds features f any
	local -a pkgs=() feats=()
	while IFS=$'\t' read -r name dir kinds features; do
		[[ ",$kinds," == *",bin,"* ]] && continue
		any=0
		for f in runtime-benchmarks try-runtime; do
			if [[ ",$features," == *",$f,"* ]]; then
				feats+=("$name/$f")
				any=1
			fi
		done
		[ "$any" -eq 1 ] && pkgs+=(-p "$name")
	done < <(workspace_members)
	[ "${#pkgs[@]}" -gt 0 ] || return 1
	printf '%s\n' "${pkgs[@]}" --features "$(
		IFS=,
		echo "${feats[*]}"
	)"
}
