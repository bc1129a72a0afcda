#!/bin/sh
# How a dashboard run ends, as the user at an 80x24 terminal sees it: e refuses with
# --no-report (no reports and no journal means none); a run whose reports do not fit says in
# its last event line where they went instead, and leaves no partial set behind; a run that
# dies from a signal gives the terminal back and says so, naming its journal.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed"; exit 77; }
. "${top_srcdir}/tests/tmux-lib.sh"
cp "$top_srcdir/tests/suites/tiny.json" "$scratch/tiny.json"
cat >"$scratch/long.json" <<'SUITE'
{ "name": "long", "defaults": { "warmup": 0, "iterations": 200 },
  "tests": [ { "name": "nap", "kind": "shell", "run": "sleep 0.5" } ] }
SUITE

# 1. e with --no-report: refused in the events, and nothing written.
start 80 24 "" --no-history --no-report -r tiny.json
wait_for "run finished" 30 || fail "the run did not finish: $(cat "$scratch/screen")"
t send-keys -t bt e
wait_for "reports are off \\(--no-report\\)" 5 && pass "e refuses with --no-report" \
	|| fail "e with --no-report: $(grep -A1 Events "$scratch/screen")"
t send-keys -t bt q
wait_exit 10
[ ! -e "$scratch/benchtop-results" ] && pass "--no-report: nothing written" \
	|| fail "written with --no-report: $(ls -R "$scratch/benchtop-results")"

# 3. killed by a signal: the terminal is given back and the user told, with the journal.
# A sanitized build's own SIGSEGV handler would report and exit 1: the run is left to die.
start 80 24 "ASAN_OPTIONS='${ASAN_OPTIONS:-}:handle_segv=0' TSAN_OPTIONS='${TSAN_OPTIONS:-}:handle_segv=0'" \
	--no-history -r long.json -o rep5
wait_for "long/nap" 20 || fail "the dashboard did not start: $(cat "$scratch/screen")"
pid=$("$BENCHTOP" ls 2>/dev/null | awk '$1 ~ /^[0-9]+$/ && $4 != "exit" { print $1; exit }')
[ -n "$pid" ] && kill -SEGV "$pid"
wait_exit 10
[ "$(cat "$exitf" 2>/dev/null)" = 139 ] && pass "a crash of the run exits 139" || fail "exit $(cat "$exitf" 2>/dev/null)"
flags=$(t display -p -t bt '#{alternate_on} #{cursor_flag} #{keypad_flag}')
[ "$flags" = "0 1 0" ] && pass "the terminal is given back (main screen, cursor, keypad off)" \
	|| fail "alternate, cursor, keypad: $flags"
expect_grep "benchtop: the run died from signal 11 \\(Segmentation fault\\); its journal is rep5/run-.*\\.journal\\.jsonl" \
	"$scratch/stderr" "one line says the run died, and where its journal is"
ls "$scratch"/rep5/run-*.journal.jsonl >/dev/null 2>&1 && pass "the journal is there" || fail "no journal in rep5"
stop_instances

# 2. Reports onto a full filesystem (a tmpfs: root only).
if [ "$(id -u)" -ne 0 ] || ! { mkdir "$scratch/m" && mount -t tmpfs -o size=4m benchtop-runend "$scratch/m"; } 2>/dev/null; then
	echo "the full-disk part needs root to mount a tmpfs: skipped"
	finish
fi
tmp=$(mktemp -d /tmp/bt.XXXXXX)   # short: the whole path fits in 80 columns
trap 'stop_instances; t kill-server 2>/dev/null; umount "$scratch/m" 2>/dev/null; rm -rf "$scratch" "$tmp"' EXIT
dd if=/dev/zero of="$scratch/m/fill" bs=1k count=$((4 * 1024 - 24)) 2>/dev/null
start 80 24 "TMPDIR='$tmp'" --no-history -r tiny.json -o m/out
fb="$tmp/benchtop-results-$(id -u)"
wait_for "run finished" 30 || fail "the run did not finish: $(cat "$scratch/screen")"
# The line a 80x24 screen shows last: the fallback named in it, in the warning colour.
grep "run finished" "$scratch/screen" | grep -q "reports in $fb/run-" && pass "the last line names the fallback" \
	|| fail "last line: $(grep "run finished" "$scratch/screen")"
ls "$fb"/run-*.json >/dev/null 2>&1 && pass "the reports are in the fallback" || fail "fallback: $(ls -A "$fb" 2>&1)"
left=$(ls "$scratch/m/out" | grep -v journal)
[ -z "$left" ] && pass "no partial set of reports is left in the full directory" || fail "left: $left"
t send-keys -t bt q
wait_exit 10
expect_grep "reports not written: .*No space left on device; kept in $fb/run-" "$scratch/stderr" \
	"after the dashboard, the same on stderr"
umount "$scratch/m"
finish
