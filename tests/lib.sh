# lib.sh - shared by the shell tests: a scratch directory and assertions that say what failed.
set -u
: "${BENCHTOP:?run through make check}"
failures=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/benchtop-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

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
