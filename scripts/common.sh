# Shared settings of the Pacta scripts (sourced, not run).
#
# CARGO_TARGET_DIR defaults to one persistent folder outside the checkout, so that a fresh
# clone (CI's included) reuses earlier builds instead of spending most of an hour on a cold one.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/pacta/target}"
# The runtime's Wasm is built by a nested cargo in the target dir; point it at our Cargo.lock.
export WASM_BUILD_WORKSPACE_HINT="$REPO_ROOT"
export PACTA_NODE_BIN="${PACTA_NODE_BIN:-$CARGO_TARGET_DIR/release/pacta-node}"
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
