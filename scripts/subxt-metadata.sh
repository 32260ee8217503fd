#!/usr/bin/env bash
# Writes tests/subxt/metadata.scale, the runtime metadata the subxt test crate
# (tests/subxt, `pacta-subxt-tests`) and the `pacta` CLI (cli/, which also signs offline with it)
# generate their typed API from, out of the built runtime:
# starts the built node (`--dev --tmp`, free loopback ports) and reads, over JSON-RPC, what subxt
# itself reads (and `subxt metadata` would write): the newest stable metadata version the runtime
# offers (`Metadata_metadata_versions` without the unstable u32::MAX; V16 today), via
# `state_call Metadata_metadata_at_version`. Commit the file.
#
#   scripts/build.sh && scripts/subxt-metadata.sh    # after a runtime change
#   scripts/subxt-metadata.sh [OUT]                   # another output path
#
# Run it when tests/subxt/tests/metadata.rs fails (the committed file is not the metadata of the
# built runtime). It compiles nothing and needs nothing of the crate (python3 only), so it also
# works when the crate's typed code no longer compiles against a changed runtime. The node is
# $PACTA_NODE_BIN (default $CARGO_TARGET_DIR/release/pacta-node, see scripts/common.sh).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

OUT="${1:-tests/subxt/metadata.scale}"
if [ ! -x "$PACTA_NODE_BIN" ]; then
	echo "scripts/subxt-metadata.sh: no node at $PACTA_NODE_BIN: run scripts/build.sh first" >&2
	exit 1
fi
step "subxt metadata: from $PACTA_NODE_BIN into $OUT"
python3 - "$PACTA_NODE_BIN" "$OUT" <<'PY'
import hashlib, json, os, signal, socket, subprocess, sys, tempfile, time, urllib.request

node_bin, out = sys.argv[1], sys.argv[2]

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def compact(b, i):
    """SCALE compact integer at b[i:]: (value, next index)."""
    mode = b[i] & 3
    if mode == 0:
        return b[i] >> 2, i + 1
    if mode == 1:
        return int.from_bytes(b[i:i + 2], "little") >> 2, i + 2
    if mode == 2:
        return int.from_bytes(b[i:i + 4], "little") >> 2, i + 4
    n = (b[i] >> 2) + 4
    return int.from_bytes(b[i + 1:i + 1 + n], "little"), i + 1 + n

rpc_port, p2p_port = free_port(), free_port()
log = tempfile.NamedTemporaryFile(prefix="pacta-subxt-metadata-", suffix=".log", delete=False)
node = subprocess.Popen(
    [node_bin, "--dev", "--tmp", "--rpc-port", str(rpc_port),
     "--listen-addr", f"/ip4/127.0.0.1/tcp/{p2p_port}",
     "--no-prometheus", "--no-telemetry", "--no-mdns"],
    stdin=subprocess.DEVNULL, stdout=log, stderr=log)

def fail(message):
    log.flush()
    tail = "".join(open(log.name, errors="replace").readlines()[-40:])
    sys.exit(f"scripts/subxt-metadata.sh: {message}; node log ({log.name}):\n{tail}")

def state_call(method, data="0x"):
    body = json.dumps({"id": 1, "jsonrpc": "2.0", "method": "state_call", "params": [method, data]})
    req = urllib.request.Request(f"http://127.0.0.1:{rpc_port}", body.encode(),
                                 {"content-type": "application/json"})
    answer = json.load(urllib.request.urlopen(req, timeout=60))
    if "error" in answer:
        raise RuntimeError(f"{method}: {answer['error']}")
    return bytes.fromhex(answer["result"][2:])

try:
    deadline = time.time() + 90
    while True:
        if node.poll() is not None:
            fail(f"the node exited early (code {node.returncode})")
        try:
            versions_raw = state_call("Metadata_metadata_versions")
            break
        except (OSError, ValueError):
            if time.time() > deadline:
                fail("the node's JSON-RPC is not up after 90 s")
            time.sleep(0.3)
    count, i = compact(versions_raw, 0)
    versions = [int.from_bytes(versions_raw[i + 4 * k:i + 4 * k + 4], "little") for k in range(count)]
    stable = [v for v in versions if v != 0xFFFFFFFF]
    if not stable:
        fail(f"the runtime offers no stable metadata version ({versions})")
    version = max(stable)
    answer = state_call("Metadata_metadata_at_version", "0x" + version.to_bytes(4, "little").hex())
    if answer[:1] != b"\x01":
        fail(f"the runtime has no metadata V{version}")
    length, i = compact(answer, 1)
    metadata = answer[i:i + length]
    if len(metadata) != length or metadata[:4] != b"meta" or metadata[4] != version:
        fail(f"unexpected Metadata_metadata_at_version answer ({len(answer)} bytes)")
finally:
    node.send_signal(signal.SIGTERM)
    try:
        node.wait(timeout=15)
    except subprocess.TimeoutExpired:
        node.kill()
        node.wait()

old = open(out, "rb").read() if os.path.exists(out) else None
with open(out, "wb") as f:
    f.write(metadata)
os.unlink(log.name)
state = "unchanged" if old == metadata else ("new" if old is None else "CHANGED: commit it")
print(f"{out}: metadata V{version} (the runtime offers {versions}), {len(metadata)} bytes, "
      f"sha256 {hashlib.sha256(metadata).hexdigest()[:16]}..., {state}")
PY
