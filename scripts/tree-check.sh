#!/usr/bin/env bash
# Shows, without compiling anything, how many compilation units each cargo invocation of
# scripts/test.sh adds to what the build already compiled: the check for a new dependency,
# dev-dependency or feature (README "Keeping it fast"). Takes a few seconds.
#
#   scripts/tree-check.sh          # the table
#   scripts/tree-check.sh -v       # and the units each invocation adds
#
# It reads cargo's unit graph (`--unit-graph`, an unstable flag, allowed here through
# RUSTC_BOOTSTRAP=1 for this read-only query only; no build uses it). A unit counts as shared only
# if it and all its dependencies are the same (package, target, mode, features, profile), as
# cargo's own artifact hash does.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

VERBOSE=0
[ "${1:-}" = "-v" ] && VERBOSE=1
dir="$(mktemp -d -t pacta-tree-check.XXXXXX)"
trap 'rm -rf "$dir"' EXIT

graph() {
	local out="$1"
	shift
	RUSTC_BOOTSTRAP=1 cargo "$@" --release --locked --unit-graph -Z unstable-options >"$dir/$out.json"
}

mapfile -t bench < <(bench_test_args)
graph build build --workspace
graph test test --workspace
SKIP_WASM_BUILD=1 graph bench test "${bench[@]}" --lib --tests
graph benchnode build -p pacta-node --features runtime-benchmarks

python3 - "$dir" "$VERBOSE" <<'PY'
import hashlib, json, sys

d, verbose = sys.argv[1], sys.argv[2] == "1"

def load(name):
    units = json.load(open(f"{d}/{name}.json"))["units"]
    memo = {}
    def uid(i):
        if i not in memo:
            u, p = units[i], units[i]["profile"]
            own = json.dumps([u["pkg_id"], u["target"]["name"], u["target"]["kind"], u["mode"],
                              sorted(u["features"]), u.get("platform"), p["opt_level"], p["debuginfo"],
                              p["debug_assertions"], p["overflow_checks"], p["panic"], p["lto"]])
            deps = sorted(uid(x["index"]) + "/" + x["extern_crate_name"] for x in u["dependencies"])
            memo[i] = hashlib.sha1((own + "|".join(deps)).encode()).hexdigest()
        return memo[i]
    return {uid(i): u for i, u in enumerate(units)}

def name(u):
    return u["pkg_id"].split("#")[-1].split("/")[-1]

g = {n: load(n) for n in ("build", "test", "bench", "benchnode")}
rows = [
    ("build  (cargo build --workspace)", "build", []),
    ("cargo tests (cargo test --workspace)", "test", ["build"]),
    ("benchmark+try-runtime tests", "bench", ["build", "test"]),
    ("benchmark.sh node (own target dir)", "benchnode", []),
]
print(f"{'invocation':40} {'units':>6} {'new':>6} {'compiled':>9}  (new: not built by the ones before it)")
for label, key, before in rows:
    seen = set().union(*[g[b].keys() for b in before]) if before else set()
    new = [u for h, u in g[key].items() if h not in seen]
    compiled = [u for u in new if u["mode"] == "build"]
    print(f"{label:40} {len(g[key]):6} {len(new):6} {len(compiled):9}")
    if verbose and before:
        for u in sorted(new, key=name):
            print(f"    {u['mode']:16} {name(u)} {u['target']['name']}")
PY
