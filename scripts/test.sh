#!/usr/bin/env bash
# Runs the Pacta tests and ends with a table of each stage's seconds (also when a stage fails or
# the run is interrupted).
#
#   scripts/test.sh            # everything, as CI runs it (.ci/run):
#                              #   setup, build, cargo tests, benchmark+try-runtime tests,
#                              #   PAPI descriptors, e2e (files at once) with python alongside,
#                              #   consortium
#   scripts/test.sh --quick    # inner loop: cargo tests of the crates changed (git), no node suites
#
# Environment:
#   PACTA_E2E_CONCURRENCY  test files of tests/e2e run at once (default 3; each starts its own
#                          `--dev` node on its own ports)
#   PACTA_SERIAL=1         run the python suite after e2e instead of alongside it
#   PACTA_QUICK_BASE       git revision --quick compares with (default: see quick_base below)
#
# Stages do not stop the run when one fails: the rest still runs (the node suites are skipped if the
# build failed), and the script exits non-zero if any stage failed.
#
# Dependency trees (see README "Testing"): the build, the cargo tests and the node suites share ONE
# tree (release profile, the workspace's features); the benchmark+try-runtime tests are a second
# tree (`runtime-benchmarks` changes frame-support, sp-runtime, ... all the way down), built once,
# in one cargo invocation, with SKIP_WASM_BUILD=1 (no Wasm: the runtime's tests run natively, and a
# Wasm with other features would overwrite the normal one's build project).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

MODE=full
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) MODE=quick ;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		echo "scripts/test.sh: unknown argument '$1'" >&2
		usage >&2
		exit 2
		;;
	esac
	shift
done

E2E_CONCURRENCY="${PACTA_E2E_CONCURRENCY:-3}"
LOG_DIR="$(mktemp -d -t pacta-test.XXXXXX)"

# ---------------------------------------------------------------------------------------------
# Stage bookkeeping and the timing table
# ---------------------------------------------------------------------------------------------

STAGE_NAMES=()
STAGE_SECS=()
STAGE_RESULTS=()
CURRENT_STAGE=""
CURRENT_START=0
STAGE_RC=0
FAILED_STAGES=()
PY_PID=""
STAGE_PID=""

record() {
	STAGE_NAMES+=("$1")
	STAGE_SECS+=("$2")
	STAGE_RESULTS+=("$3")
	case "$3" in ok | skipped*) ;; *) FAILED_STAGES+=("$1") ;; esac
}

# run_stage NAME COMMAND...: runs COMMAND with `set -e` in a subshell, records its seconds and
# result, and sets STAGE_RC. Never call it in a condition (`if`, `||`): bash would then ignore
# `set -e` inside COMMAND.
run_stage() {
	local name="$1"
	shift
	step "$name"
	CURRENT_STAGE="$name"
	CURRENT_START=$(date +%s)
	# In the background and waited for, so that a signal to this script is handled at once (the
	# EXIT trap stops the stage's processes and prints the table).
	set +e
	(
		set -e
		"$@"
	) &
	STAGE_PID=$!
	wait "$STAGE_PID"
	STAGE_RC=$?
	STAGE_PID=""
	set -e
	local result=ok
	[ "$STAGE_RC" -eq 0 ] || result="FAILED (exit $STAGE_RC)"
	record "$name" "$(($(date +%s) - CURRENT_START))" "$result"
	CURRENT_STAGE=""
}

skip_stage() {
	record "$1" "-" "skipped: $2"
}

print_table() {
	local total=$(($(date +%s) - PACTA_START)) i
	printf '\n==> timing of scripts/test.sh%s (seconds; CARGO_TARGET_DIR=%s)\n' \
		"$([ "$MODE" = quick ] && echo ' --quick')" "$CARGO_TARGET_DIR"
	printf '  %-30s %8s  %s\n' stage seconds result
	for i in "${!STAGE_NAMES[@]}"; do
		printf '  %-30s %8s  %s\n' "${STAGE_NAMES[$i]}" "${STAGE_SECS[$i]}" "${STAGE_RESULTS[$i]}"
	done
	local verdict="ok"
	if [ "${#FAILED_STAGES[@]}" -gt 0 ]; then
		verdict="FAILED: $(printf '%s; ' "${FAILED_STAGES[@]}")"
		verdict="${verdict%; }"
	fi
	printf '  %-30s %8s  %s\n' "total (wall)" "$total" "$verdict"
	# Kept for comparing runs (cold/warm): one line per stage.
	mkdir -p "$PACTA_CACHE" 2>/dev/null &&
		for i in "${!STAGE_NAMES[@]}"; do
			printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$MODE" "${STAGE_NAMES[$i]}" \
				"${STAGE_SECS[$i]}" "${STAGE_RESULTS[$i]}"
		done >>"$PACTA_CACHE/test-timings.tsv" 2>/dev/null || true
}

# Sends SIGTERM to a process and all its descendants (children first).
kill_tree() {
	local child
	for child in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$child"; done
	kill -TERM "$1" 2>/dev/null || true
}

stop_background() {
	local pid
	for pid in "$STAGE_PID" "$PY_PID"; do
		if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
			kill_tree "$pid"
			wait "$pid" 2>/dev/null || true
		fi
	done
	STAGE_PID=""
	PY_PID=""
}

on_exit() {
	local rc=$?
	trap - EXIT INT TERM
	if [ -n "$CURRENT_STAGE" ]; then
		record "$CURRENT_STAGE" "$(($(date +%s) - CURRENT_START))" "interrupted"
	fi
	stop_background
	print_table
	rm -rf "$LOG_DIR"
	if [ "$rc" -eq 0 ] && [ "${#FAILED_STAGES[@]}" -gt 0 ]; then rc=1; fi
	exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# Stages
# ---------------------------------------------------------------------------------------------

# Also runs tests/subxt (pacta-subxt-tests), which starts `--dev` nodes of the node the build stage
# just built and fails if tests/subxt/metadata.scale is not that runtime's metadata.
stage_cargo_tests() {
	echo "cargo test --release --locked --workspace"
	cargo test --release --locked --workspace
}

stage_bench_tests() {
	local -a args
	mapfile -t args < <(bench_test_args)
	[ "${#args[@]}" -gt 0 ] || {
		echo "no workspace member declares runtime-benchmarks or try-runtime" >&2
		return 1
	}
	echo "SKIP_WASM_BUILD=1 cargo test --release --locked ${args[*]} --lib --tests"
	# --lib --tests: the doc tests ran in the cargo tests stage.
	SKIP_WASM_BUILD=1 cargo test --release --locked "${args[@]}" --lib --tests
}

# The polkadot-api descriptors of tests/e2e/papi.test.js, from the runtime Wasm just built
# (tests/papi/generate.js: `papi add --wasm` into the git-ignored tests/papi/.papi/).
stage_papi_descriptors() {
	node tests/papi/generate.js
}

stage_e2e() {
	cd tests
	PACTA_E2E_CONCURRENCY="$E2E_CONCURRENCY" npm test
}

stage_consortium() {
	cd tests
	npm run test:consortium
}

# Starts tests/python/run.sh in the background; its output goes to a log printed when it ends.
start_python() {
	step "python: started alongside e2e (output below once it ends)"
	(
		s=$(date +%s)
		rc=0
		tests/python/run.sh >"$LOG_DIR/python.log" 2>&1 || rc=$?
		echo "$rc $(($(date +%s) - s))" >"$LOG_DIR/python.status"
	) &
	PY_PID=$!
}

finish_python() {
	local rc secs
	wait "$PY_PID" 2>/dev/null || true
	PY_PID=""
	step "python (ran alongside e2e): its output"
	cat "$LOG_DIR/python.log" 2>/dev/null || true
	if read -r rc secs <"$LOG_DIR/python.status" 2>/dev/null; then
		record "python (alongside e2e)" "$secs" "$([ "$rc" -eq 0 ] && echo ok || echo "FAILED (exit $rc)")"
	else
		record "python (alongside e2e)" "-" "FAILED (no status)"
	fi
}

# ---------------------------------------------------------------------------------------------
# --quick: which crates changed
# ---------------------------------------------------------------------------------------------

# The revision to compare with: $PACTA_QUICK_BASE; else, with a remote, the merge base with
# origin/HEAD (local commits and the working tree); else the working tree against HEAD if it has
# changes; else the last commit (HEAD~).
quick_base() {
	if [ -n "${PACTA_QUICK_BASE:-}" ]; then
		echo "$PACTA_QUICK_BASE"
	elif git rev-parse -q --verify origin/HEAD >/dev/null &&
		[ "$(git merge-base HEAD origin/HEAD)" != "$(git rev-parse HEAD)" ]; then
		git merge-base HEAD origin/HEAD
	elif [ -n "$(git status --porcelain)" ]; then
		echo HEAD
	elif git rev-parse -q --verify HEAD~ >/dev/null; then
		echo HEAD~
	else
		echo HEAD
	fi
}

# Prints `name<TAB>kinds` of each workspace member with a file changed since $1 (tracked changes
# in commits and in the working tree, and untracked files). A change of the workspace manifest,
# Cargo.lock or cargo's config counts for every member.
changed_members() {
	local base="$1"
	{
		git diff --name-only "$base" --
		git ls-files --others --exclude-standard
	} | sort -u >"$LOG_DIR/changed-files"
	workspace_members >"$LOG_DIR/members"
	python3 - "$LOG_DIR/changed-files" "$LOG_DIR/members" <<'PY'
import sys
files = [l.strip() for l in open(sys.argv[1]) if l.strip()]
members = [l.rstrip("\n").split("\t") for l in open(sys.argv[2]) if l.strip()]
everything = ("Cargo.toml", "Cargo.lock", "rust-toolchain", "rust-toolchain.toml", ".cargo/")
hit = set()
for f in files:
    if f.startswith(everything):
        hit.update(m[0] for m in members)
        continue
    owners = [m for m in members if f.startswith(m[1].rstrip("/") + "/")]
    if owners:
        hit.add(max(owners, key=lambda m: len(m[1]))[0])
for m in members:
    if m[0] in hit:
        print(m[0] + "\t" + m[2])
PY
}

# ---------------------------------------------------------------------------------------------
# The runs
# ---------------------------------------------------------------------------------------------

if [ "$MODE" = quick ]; then
	run_stage "setup (toolchain only)" scripts/setup.sh --rust
	base="$(quick_base)"
	libs=()
	bins=()
	while IFS=$'\t' read -r name kinds; do
		if [[ ",$kinds," == *",bin,"* ]]; then bins+=("$name"); else libs+=("$name"); fi
	done < <(changed_members "$base")
	label="$base"
	[[ "$base" =~ ^[0-9a-f]{40}$ ]] && label="$(git rev-parse --short "$base")"
	step "quick: crates changed since $label, working tree included: $(echo ${libs[*]:-} ${bins[*]:-})"
	if [ "${#libs[@]}" -eq 0 ] && [ "${#bins[@]}" -eq 0 ]; then
		echo "no crate changed; nothing to test (scripts/test.sh runs everything)"
		skip_stage "cargo tests" "no crate changed"
		exit 0
	fi
	echo "(only these crates' own tests run, not their dependents': scripts/test.sh runs everything)"
	# Libraries without the Wasm: none of their tests needs it, and skipping it saves the Wasm
	# build of the runtime on every change of a pallet.
	if [ "${#libs[@]}" -gt 0 ]; then
		run_stage "cargo tests (libraries)" env SKIP_WASM_BUILD=1 \
			cargo test --release --locked "${libs[@]/#/--package=}"
	fi
	# Binaries (the node) embed the runtime's Wasm.
	if [ "${#bins[@]}" -gt 0 ]; then
		run_stage "cargo tests (${bins[*]})" cargo test --release --locked "${bins[@]/#/--package=}"
	fi
	exit 0
fi

run_stage "setup" scripts/setup.sh
run_stage "build" scripts/build.sh
BUILD_RC=$STAGE_RC
run_stage "cargo tests" stage_cargo_tests
run_stage "benchmark+try-runtime tests" stage_bench_tests

if [ "$BUILD_RC" -ne 0 ]; then
	skip_stage "PAPI descriptors" "the build failed"
	skip_stage "e2e" "the build failed"
	skip_stage "python" "the build failed"
	skip_stage "consortium" "the build failed"
	exit 1
fi

run_stage "PAPI descriptors" stage_papi_descriptors
if [ "${PACTA_SERIAL:-0}" = 1 ]; then
	run_stage "e2e ($E2E_CONCURRENCY files at once)" stage_e2e
	run_stage "python" tests/python/run.sh
else
	start_python
	run_stage "e2e ($E2E_CONCURRENCY files at once)" stage_e2e
	finish_python
fi
run_stage "consortium" stage_consortium

step "test: done"
