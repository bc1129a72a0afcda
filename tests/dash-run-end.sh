#!/bin/sh
# How a dashboard run ends. Stopped with Enter, it ends as a finished one does: its reports
# are written at once (not at the next run, e or quit), and the event line gives the counts,
# the stopped test among them, and where the reports went. A test that timed out is counted
# as a timeout, not as an error, as benchtop report counts it.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
. "${top_srcdir}/tests/tmux-lib.sh"

start 120 40 "" --no-history --run "$top_srcdir/tests/suites/slow.json"
wait_for "run ([3-9]|[1-4][0-9])/50" 60 || fail "the slow suite did not start: $(cat "$scratch/screen")"
t send-keys -t bt Enter
wait_for 'run finished: 0 pass, 0 fail, 0 error, 1 stopped; reports: benchtop-results/run-' 10 \
	&& pass "Enter stops the run and the event line says where its reports went" \
	|| fail "no report line after Enter: $(cat "$scratch/screen")"
json=$(ls "$scratch"/benchtop-results/run-*.json 2>/dev/null | head -1)
[ -n "$json" ] && pass "the JSON report is written while the dashboard goes on" \
	|| fail "only $(ls "$scratch/benchtop-results" 2>/dev/null | tr '\n' ' ')"
[ -n "$json" ] && grep -q '"status":[[:space:]]*"stopped"' "$json" && pass "the stopped test is 'stopped' in it" \
	|| fail "status in the report: $(head -c 400 "$json" 2>/dev/null)"
grep -q 'run stopped' "$scratch/screen" && pass "the events say the run was stopped" || fail "no 'run stopped'"
t send-keys -t bt q
wait_exit 5
[ "$(cat "$exitf" 2>/dev/null)" = 0 ] && pass "q quits with exit 0" || fail "exit $(cat "$exitf" 2>/dev/null)"
[ "$(ls "$scratch"/benchtop-results/run-*.json | wc -l)" -eq 1 ] && pass "quitting writes no second report" \
	|| fail "reports: $(ls "$scratch/benchtop-results")"

# A timeout is its own count.
cat >"$scratch/late.json" <<'SUITE'
{ "name": "late", "defaults": { "warmup": 0, "iterations": 2, "timeout": "0.2s" },
  "tests": [ { "name": "ok", "kind": "shell", "run": "true" },
             { "name": "slow", "kind": "shell", "run": "sleep 3" },
             { "name": "bad", "kind": "shell", "run": "exit 3" } ] }
SUITE
start 120 40 "" --no-history --run "$scratch/late.json"
wait_for 'run finished: 1 pass, 0 fail, 1 error, 1 timeout; reports: ' 30 \
	&& pass "a timeout is counted apart from errors" || fail "counts: $(cat "$scratch/screen")"
t send-keys -t bt q
wait_exit 5
finish
