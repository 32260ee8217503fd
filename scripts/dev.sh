#!/usr/bin/env bash
# Builds Pacta and starts a development chain (one validator, Alice, with sudo) whose state
# persists in $PACTA_DEV_BASE (default ~/.local/share/pacta-dev). Stop it with Ctrl-C; start
# again to continue the same chain, or pass --purge to start from genesis.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BASE="${PACTA_DEV_BASE:-$HOME/.local/share/pacta-dev}"
RPC_PORT="${PACTA_RPC_PORT:-9944}"

"$REPO_ROOT/scripts/setup.sh" --rust
"$REPO_ROOT/scripts/build.sh"

if [ "${1:-}" = "--purge" ]; then
	step "dev: purging $BASE"
	"$PACTA_NODE_BIN" purge-chain --dev --base-path "$BASE" -y || true
	shift
fi

step "dev: starting the dev chain"
cat <<INFO
  RPC (WebSocket and HTTP): ws://127.0.0.1:$RPC_PORT
  polkadot.js apps:         https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:$RPC_PORT#/explorer
  base path:                $BASE
INFO
exec "$PACTA_NODE_BIN" --dev --base-path "$BASE" --rpc-port "$RPC_PORT" --rpc-cors all "$@"
