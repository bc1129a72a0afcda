# lib.sh - shared by the shell tests: a scratch directory and assertions that say what failed.
set -u
: "${BENCHTOP:?run through make check}"
failures=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/benchtop-test.XXXXXX")
# Each test has a runtime directory of its own: its instances' sockets are found there, by the
# test and by stop_instances, and no other test's (or the user's) runs are seen.
XDG_RUNTIME_DIR="$scratch/runtime"; export XDG_RUNTIME_DIR
mkdir -m 700 "$XDG_RUNTIME_DIR"
# A run the test starts without -o writes ./benchtop-results: here, not in the build tree,
# where distcheck would find it left behind.
cd "$scratch" || exit 99

# stop_instances: a run the test left going (a dashboard whose tmux session was killed while
# stressors ran goes on detached, as it should) is stopped as `benchtop stop` would, then killed.
# Then every benchtop of this test still there (its directory or its stderr in $scratch) gets
# 5 s to finish exiting, before the test's tmux server hangs up its terminal, and is killed
# after that: a sanitized build's leak check at exit stops the process with ptrace, and the
# SIGCONT of a hang-up cancels that stop, which leaves the check spinning for good.
stop_instances() {
	for s in "${XDG_RUNTIME_DIR:-/nonexistent}"/benchtop/*.sock; do
		[ -S "$s" ] || continue
		p=${s##*/}; p=${p%.sock}
		kill -TERM "$p" 2>/dev/null || continue
		i=0; while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		kill -KILL "$p" 2>/dev/null
	done
	i=0; while [ -n "$(test_benchtops)" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	for p in $(test_benchtops); do kill -KILL "$p" 2>/dev/null; done
}
# test_benchtops: the pids of this test's benchtop processes
test_benchtops() {
	for d in /proc/[0-9]*; do
		[ "$d/exe" -ef "$BENCHTOP" ] 2>/dev/null || continue   # no fork per process
		case "$(readlink "$d/cwd" 2>/dev/null) $(readlink "$d/fd/2" 2>/dev/null)" in
		*"$scratch"*) echo "${d#/proc/}" ;;
		esac
	done
}
trap 'stop_instances; rm -rf "$scratch"' EXIT

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# expect_exit CODE DESCRIPTION -- COMMAND...: runs COMMAND, checks its exit code.
expect_exit() {
	want=$1; what=$2; shift 3
	"$@" >"$scratch/out" 2>"$scratch/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$what: exit $got, expected $want; stderr: $(cat "$scratch/err")"
		return 1
	fi
	pass "$what"
}

# expect_grep PATTERN FILE DESCRIPTION
expect_grep() {
	if grep -qE -- "$1" "$2"; then pass "$3"; else fail "$3: /$1/ not in $2: $(head -c 400 "$2")"; fi
}

finish() { [ "$failures" -eq 0 ] && exit 0; echo "$failures failure(s)" >&2; exit 1; }
