#!/usr/bin/env bash
# A local Pacta consortium: N validators (default 4) and one tooling node, on loopback only.
#
#   scripts/consortium.sh up [N]      fresh network: keys, chain spec, N validators + tooling node
#   scripts/consortium.sh status      best and finalized block, peers and syncing state per node
#   scripts/consortium.sh stop I      stop one node (I = 1..N a validator, 0 the tooling node)
#   scripts/consortium.sh start I     start it again, on its existing database and keystore
#   scripts/consortium.sh logs I      follow one node's log
#   scripts/consortium.sh down        stop every node (state stays; `down --purge` deletes it)
#
# `up` generates, for each validator, a secret phrase whose sr25519 key (Aura) and ed25519 key
# (GRANDPA) go into that node's own keystore with `pacta-node key insert`, and a libp2p node key.
# The chain spec comes from the consortium file ($PACTA_CONSORTIUM_CONFIG, by default
# deploy/consortium.example.toml) through scripts/chainspec.py, with its [[validators]] replaced
# by the generated keys and node 1 as the boot node. Validators serve only safe RPC methods; the
# tooling node (0, not a validator, archive state) serves every method for tooling and
# polkadot.js apps. Everything listens on 127.0.0.1 only.
#
# Settings (environment):
#   PACTA_CONSORTIUM_DIR              state: chain spec, keys, databases, logs, pids
#                                     (default /tmp/pacta-consortium)
#   PACTA_CONSORTIUM_CONFIG           the consortium file (default deploy/consortium.example.toml)
#   PACTA_CONSORTIUM_RPC_PORT         RPC of the tooling node; validator I gets this + I (9944)
#   PACTA_CONSORTIUM_P2P_PORT         p2p port of the tooling node; validator I: + I (30333)
#   PACTA_CONSORTIUM_PROMETHEUS_PORT  Prometheus of the tooling node; validator I: + I (9615)
#   PACTA_CONSORTIUM_TOOLING_NODE     1 (default) starts the tooling node, 0 does not
#   PACTA_NODE_BIN                    the node binary (see scripts/common.sh)
# Ports and the node binary are remembered in the state folder, so `start`, `status` and
# `down` act on the network `up` made.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STATE="${PACTA_CONSORTIUM_DIR:-/tmp/pacta-consortium}"
ENV_FILE="$STATE/network.env"
RAW="$STATE/chain.raw.json"
HOST=127.0.0.1

say() { printf '[consortium] %s\n' "$*"; }
die() {
	printf '[consortium] error: %s\n' "$*" >&2
	exit 1
}
# Prints a command as it runs (secrets masked by the caller), then runs it.
run() {
	printf '  $ %s\n' "${SHOWN:-$*}"
	SHOWN= "$@"
}

usage() {
	sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
	exit "${1:-0}"
}

load_env() {
	[ -f "$ENV_FILE" ] || die "no network in $STATE (run: scripts/consortium.sh up)"
	# shellcheck disable=SC1090
	source "$ENV_FILE"
}

node_dir() { echo "$STATE/node-$1"; }
rpc_port() { echo $((RPC_PORT + $1)); }
p2p_port() { echo $((P2P_PORT + $1)); }
prom_port() { echo $((PROM_PORT + $1)); }
node_name() { if [ "$1" = 0 ]; then echo tooling; else echo "validator-$1"; fi; }
node_ids() {
	local i
	[ "$TOOLING" = 1 ] && echo 0
	for ((i = 1; i <= N; i++)); do echo "$i"; done
}

# The pid of node I if it is running (and really is that node), else nothing.
node_pid() {
	local pidfile pid
	pidfile="$(node_dir "$1")/pid"
	[ -f "$pidfile" ] || return 0
	pid="$(cat "$pidfile")"
	if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] &&
		tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "--base-path $(node_dir "$1") "; then
		echo "$pid"
	fi
}

node_args() {
	local i="$1" dir
	dir="$(node_dir "$i")"
	local args=(
		--chain "$RAW"
		--base-path "$dir"
		--name "$(node_name "$i")"
		--node-key-file "$dir/node-key"
		--listen-addr "/ip4/$HOST/tcp/$(p2p_port "$i")"
		--rpc-port "$(rpc_port "$i")"
		--prometheus-port "$(prom_port "$i")"
		--no-mdns
		--no-telemetry
	)
	if [ "$i" != 1 ]; then
		args+=(--bootnodes "$BOOTNODE")
	fi
	if [ "$i" = 0 ]; then
		args+=(--rpc-methods unsafe --rpc-cors all --state-pruning archive)
	else
		args+=(--validator --rpc-methods safe)
	fi
	printf '%s\n' "${args[@]}"
}

rpc() { # rpc PORT METHOD [PARAMS-JSON]
	curl -s --max-time 3 -H 'Content-Type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":${3:-[]}}" \
		"http://$HOST:$1"
}

wait_rpc() { # wait_rpc I TIMEOUT_S
	local i="$1" until=$(($(date +%s) + $2))
	while [ "$(date +%s)" -lt "$until" ]; do
		[ -n "$(node_pid "$i")" ] || die "$(node_name "$i") exited; see $(node_dir "$i")/node.log:
$(tail -n 20 "$(node_dir "$i")/node.log")"
		if rpc "$(rpc_port "$i")" system_health | grep -q '"result"'; then return 0; fi
		sleep 0.5
	done
	die "$(node_name "$i") RPC not up after $2 s; see $(node_dir "$i")/node.log"
}

start_node() {
	local i="$1" dir args
	dir="$(node_dir "$i")"
	if [ -n "$(node_pid "$i")" ]; then
		say "$(node_name "$i") is already running (pid $(node_pid "$i"))"
		return 0
	fi
	mapfile -t args < <(node_args "$i")
	say "starting $(node_name "$i"): rpc $HOST:$(rpc_port "$i"), p2p $(p2p_port "$i"), prometheus $(prom_port "$i"), log $dir/node.log"
	printf '  $ %s' "$BIN"
	printf ' %q' "${args[@]}"
	printf ' &\n'
	nohup "$BIN" "${args[@]}" >>"$dir/node.log" 2>&1 </dev/null &
	echo $! >"$dir/pid"
}

stop_node() { # stop_node I [TIMEOUT_S]
	local i="$1" pid until
	pid="$(node_pid "$i")"
	if [ -z "$pid" ]; then
		say "$(node_name "$i") is not running"
		rm -f "$(node_dir "$i")/pid"
		return 0
	fi
	say "stopping $(node_name "$i") (pid $pid)"
	kill -TERM "$pid" 2>/dev/null || true
	until=$(($(date +%s) + ${2:-20}))
	while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$until" ]; do sleep 0.2; done
	if kill -0 "$pid" 2>/dev/null; then
		say "$(node_name "$i") did not stop in time; killing it"
		kill -KILL "$pid" 2>/dev/null || true
		sleep 0.5
	fi
	rm -f "$(node_dir "$i")/pid"
}

check_index() {
	[[ "${1:-}" =~ ^[0-9]+$ ]] || die "which node? 1..$N for a validator, 0 for the tooling node"
	if [ "$1" = 0 ]; then
		[ "$TOOLING" = 1 ] || die "this network has no tooling node"
	elif [ "$1" -gt "$N" ]; then
		die "no node $1 (validators are 1..$N)"
	fi
}

# Prints the ports among the arguments that are taken on 127.0.0.1.
taken_ports() {
	python3 - "$@" <<'PY'
import socket, sys
for port in sys.argv[1:]:
    s = socket.socket()
    # As the node does: a port left in TIME_WAIT is free, one with a listener is not.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", int(port)))
    except OSError:
        print(port)
    finally:
        s.close()
PY
}

# A value of the `key ... --output-type json` output.
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

cmd_up() {
	N="${1:-4}"
	[[ "$N" =~ ^[0-9]+$ ]] && [ "$N" -ge 1 ] || die "up N: N is a number of validators >= 1"
	BIN="$PACTA_NODE_BIN"
	[ -x "$BIN" ] || die "pacta-node not found at $BIN (run scripts/build.sh or set PACTA_NODE_BIN)"
	local config="${PACTA_CONSORTIUM_CONFIG:-$REPO_ROOT/deploy/consortium.example.toml}"
	[ -f "$config" ] || die "no consortium file $config"
	RPC_PORT="${PACTA_CONSORTIUM_RPC_PORT:-9944}"
	P2P_PORT="${PACTA_CONSORTIUM_P2P_PORT:-30333}"
	PROM_PORT="${PACTA_CONSORTIUM_PROMETHEUS_PORT:-9615}"
	TOOLING="${PACTA_CONSORTIUM_TOOLING_NODE:-1}"

	if [ -f "$ENV_FILE" ]; then
		(
			source "$ENV_FILE"
			for i in $(node_ids); do
				[ -z "$(node_pid "$i")" ] || die "a network is running in $STATE (scripts/consortium.sh down first)"
			done
		) || exit 1
	elif [ -e "$STATE" ] && [ -n "$(ls -A "$STATE")" ]; then
		die "$STATE exists and is not a consortium folder; set PACTA_CONSORTIUM_DIR or remove it"
	fi

	step "consortium: checking ports"
	local i ports=() taken
	for i in $(node_ids); do ports+=("$(rpc_port "$i")" "$(p2p_port "$i")" "$(prom_port "$i")"); done
	taken="$(taken_ports "${ports[@]}")"
	[ -z "$taken" ] || die "port(s) $(echo $taken) on $HOST taken (set PACTA_CONSORTIUM_RPC_PORT / _P2P_PORT / _PROMETHEUS_PORT)"

	step "consortium: a fresh network of $N validators in $STATE"
	rm -rf "$STATE"
	mkdir -p "$STATE"
	chmod 700 "$STATE"
	BOOTNODE=""
	for i in $(node_ids); do mkdir -p "$(node_dir "$i")"; done

	step "consortium: node keys (libp2p identities)"
	for i in $(node_ids); do
		run "$BIN" key generate-node-key --file "$(node_dir "$i")/node-key" 2>/dev/null
	done
	local peer1
	peer1="$("$BIN" key inspect-node-key --file "$(node_dir 1)/node-key")"
	BOOTNODE="/ip4/$HOST/tcp/$(p2p_port 1)/p2p/$peer1"
	say "boot node: $BOOTNODE"

	step "consortium: validator keys (one secret phrase each: sr25519 for Aura, ed25519 for GRANDPA)"
	local validators="$STATE/validators.json" phrase aura gran sep=""
	echo "[" >"$validators"
	for ((i = 1; i <= N; i++)); do
		phrase="$("$BIN" key generate --scheme sr25519 --output-type json | json_field secretPhrase)"
		(umask 077 && printf '%s\n' "$phrase" >"$(node_dir "$i")/secret-phrase")
		aura="$("$BIN" key inspect --scheme sr25519 --output-type json "$phrase" | json_field ss58Address)"
		gran="$("$BIN" key inspect --scheme ed25519 --output-type json "$phrase" | json_field ss58Address)"
		say "$(node_name "$i"): aura $aura, grandpa $gran (secret in $(node_dir "$i")/secret-phrase)"
		printf '%s  {"name": "%s", "aura": "%s", "grandpa": "%s"}\n' "$sep" "$(node_name "$i")" "$aura" "$gran" >>"$validators"
		sep=","
	done
	echo "]" >>"$validators"

	step "consortium: chain spec from $config"
	run python3 "$REPO_ROOT/scripts/chainspec.py" build "$config" --node "$BIN" \
		--validators "$validators" --boot-node "$BOOTNODE" --chain-type Local \
		--skip-absent-pallets --plain "$STATE/chain.plain.json" -o "$RAW"

	step "consortium: inserting keys into each validator's keystore"
	for ((i = 1; i <= N; i++)); do
		phrase="$(cat "$(node_dir "$i")/secret-phrase")"
		SHOWN="$BIN key insert --base-path $(node_dir "$i") --chain $RAW --scheme Sr25519 --key-type aura --suri <secret-phrase>" \
			run "$BIN" key insert --base-path "$(node_dir "$i")" --chain "$RAW" --scheme Sr25519 --key-type aura --suri "$phrase"
		SHOWN="$BIN key insert --base-path $(node_dir "$i") --chain $RAW --scheme Ed25519 --key-type gran --suri <secret-phrase>" \
			run "$BIN" key insert --base-path "$(node_dir "$i")" --chain "$RAW" --scheme Ed25519 --key-type gran --suri "$phrase"
	done

	cat >"$ENV_FILE" <<ENV
# Written by scripts/consortium.sh up; read by its other commands.
N=$N
TOOLING=$TOOLING
RPC_PORT=$RPC_PORT
P2P_PORT=$P2P_PORT
PROM_PORT=$PROM_PORT
BIN=$(printf '%q' "$BIN")
BOOTNODE=$(printf '%q' "$BOOTNODE")
ENV

	step "consortium: starting the nodes"
	for ((i = 1; i <= N; i++)); do start_node "$i"; done
	[ "$TOOLING" = 1 ] && start_node 0
	for i in $(node_ids); do wait_rpc "$i" 90; done

	step "consortium: up"
	cat <<INFO
  validators:    $(for ((i = 1; i <= N; i++)); do printf 'ws://%s:%s ' "$HOST" "$(rpc_port "$i")"; done)(safe RPC)
INFO
	if [ "$TOOLING" = 1 ]; then
		cat <<INFO
  tooling node:  ws://$HOST:$(rpc_port 0) (all RPC methods, archive)
  apps:          https://polkadot.js.org/apps/?rpc=ws://$HOST:$(rpc_port 0)#/explorer
INFO
	fi
	cat <<INFO
  state:         $STATE (chain spec, keys, databases, logs)
  next:          scripts/consortium.sh status | stop I | start I | down
INFO
}

cmd_status() {
	load_env
	local json=0
	[ "${1:-}" = "--json" ] && json=1
	local i out=()
	for i in $(node_ids); do
		local port pid best fin_hash fin health
		port="$(rpc_port "$i")"
		pid="$(node_pid "$i")"
		best="" fin="" health=""
		if [ -n "$pid" ]; then
			best="$(rpc "$port" chain_getHeader || true)"
			fin_hash="$(rpc "$port" chain_getFinalizedHead | python3 -c 'import json,sys; print(json.load(sys.stdin).get("result") or "")' 2>/dev/null || true)"
			[ -n "$fin_hash" ] && fin="$(rpc "$port" chain_getHeader "[\"$fin_hash\"]" || true)"
			health="$(rpc "$port" system_health || true)"
		fi
		out+=("$(python3 - "$i" "$(node_name "$i")" "$port" "${pid:-}" "$best" "$fin" "$health" <<'PY'
import json, sys
i, name, port, pid, best, fin, health = sys.argv[1:]
def res(text):
    try:
        return json.loads(text).get("result")
    except Exception:
        return None
b, f, h = res(best), res(fin), res(health)
print(json.dumps({
    "node": int(i), "name": name, "rpc": f"ws://127.0.0.1:{port}",
    "running": bool(pid), "pid": int(pid) if pid else None,
    "best": int(b["number"], 16) if b else None,
    "finalized": int(f["number"], 16) if f else None,
    "peers": h["peers"] if h else None,
    "syncing": h["isSyncing"] if h else None,
}))
PY
		)")
	done
	if [ "$json" = 1 ]; then
		printf '%s\n' "${out[@]}" | python3 -c 'import json,sys; print(json.dumps([json.loads(l) for l in sys.stdin], indent=2))'
		return 0
	fi
	printf '%s\n' "${out[@]}" | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
fmt = "{:<5} {:<13} {:<23} {:<8} {:>7} {:>10} {:>6} {:<8}"
print(fmt.format("node", "name", "rpc", "state", "best", "finalized", "peers", "syncing"))
for r in rows:
    state = ("up" if r["best"] is not None else "no rpc") if r["running"] else "stopped"
    dash = lambda v: "-" if v is None else str(v)
    print(fmt.format(r["node"], r["name"], r["rpc"], state, dash(r["best"]), dash(r["finalized"]),
                     dash(r["peers"]), dash(r["syncing"]).lower()))
'
}

cmd_down() {
	load_env
	local i pids=()
	for i in $(node_ids); do
		local pid
		pid="$(node_pid "$i")"
		if [ -n "$pid" ]; then
			say "stopping $(node_name "$i") (pid $pid)"
			kill -TERM "$pid" 2>/dev/null || true
			pids+=("$i:$pid")
		fi
	done
	local until=$(($(date +%s) + 20)) entry
	for entry in "${pids[@]}"; do
		local pid="${entry#*:}"
		while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$until" ]; do sleep 0.2; done
		if kill -0 "$pid" 2>/dev/null; then
			say "node ${entry%%:*} did not stop in time; killing it"
			kill -KILL "$pid" 2>/dev/null || true
		fi
		rm -f "$(node_dir "${entry%%:*}")/pid"
	done
	if [ "${1:-}" = "--purge" ]; then
		say "deleting $STATE"
		rm -rf "$STATE"
	else
		say "all nodes stopped; state kept in $STATE (scripts/consortium.sh down --purge deletes it)"
	fi
}

case "${1:-}" in
up) shift; cmd_up "$@" ;;
status) shift; cmd_status "$@" ;;
down) shift; cmd_down "$@" ;;
stop)
	load_env
	check_index "${2:-}"
	stop_node "$2"
	;;
start)
	load_env
	check_index "${2:-}"
	start_node "$2"
	wait_rpc "$2" 90
	say "$(node_name "$2") is up: ws://$HOST:$(rpc_port "$2")"
	;;
logs)
	load_env
	check_index "${2:-}"
	exec tail -n 50 -f "$(node_dir "$2")/node.log"
	;;
-h | --help | help) usage 0 ;;
*) usage 1 ;;
esac
