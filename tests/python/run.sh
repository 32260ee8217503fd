#!/usr/bin/env bash
# Runs the Python client smoke test (tests/python/smoke.py: the commitment's test vectors,
# substrate-interface against Pacta's types, the substrate-interface example of docs/clients.md
# run as written, one extrinsic, one pacta_* call, one oracle's commit and reveal through to
# verification, about two minutes) against a fresh `--dev --tmp`
# node on free ports, and always stops the node. Prints `python: N passed, N failed` last.
#
#   PACTA_NODE_BIN   the node binary (default: $HOME/.cache/pacta/target/release/pacta-node)
#   PACTA_PY_VENV    the virtualenv with requirements.txt installed (created if missing;
#                    default: $HOME/.cache/pacta/pyenv)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node_bin="${PACTA_NODE_BIN:-$HOME/.cache/pacta/target/release/pacta-node}"
venv="${PACTA_PY_VENV:-$HOME/.cache/pacta/pyenv}"

if [[ ! -x "$node_bin" ]]; then
	echo "pacta-node not found at $node_bin: run scripts/build.sh or set PACTA_NODE_BIN" >&2
	echo "python: 0 passed, 1 failed"
	exit 1
fi

if ! "$venv/bin/python" -c 'import substrateinterface' 2>/dev/null; then
	echo "==> creating $venv with $here/requirements.txt"
	python3 -m venv "$venv"
	"$venv/bin/pip" install --quiet -r "$here/requirements.txt"
fi

free_port() {
	"$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
rpc_port="$(free_port)"
p2p_port="$(free_port)"
log="$(mktemp -t pacta-python-node.XXXXXX.log)"

"$node_bin" --dev --tmp --rpc-port "$rpc_port" --port "$p2p_port" \
	--no-prometheus --no-telemetry --no-mdns >"$log" 2>&1 &
node_pid=$!

stop_node() {
	if kill -0 "$node_pid" 2>/dev/null; then
		kill -TERM "$node_pid" 2>/dev/null || true
		for _ in $(seq 1 150); do
			kill -0 "$node_pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$node_pid" 2>/dev/null || true
	fi
	wait "$node_pid" 2>/dev/null || true
}
trap stop_node EXIT

echo "==> pacta-node --dev --tmp (pid $node_pid) on ws://127.0.0.1:$rpc_port, log $log"
for _ in $(seq 1 300); do
	if grep -q 'Running JSON-RPC server' "$log"; then break; fi
	if ! kill -0 "$node_pid" 2>/dev/null; then
		tail -n 40 "$log" >&2
		echo "pacta-node exited early" >&2
		echo "python: 0 passed, 1 failed"
		exit 1
	fi
	sleep 0.3
done

status=0
"$venv/bin/python" "$here/smoke.py" "ws://127.0.0.1:$rpc_port" || status=$?
if [[ $status -ne 0 ]]; then
	echo "---- last lines of the node log ($log) ----" >&2
	tail -n 30 "$log" >&2
fi
exit "$status"
