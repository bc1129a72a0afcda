#!/bin/sh
# --push from the dashboard: each run is pushed when it ends, in the background, and the events
# say "pushing" and then "pushed" or "not pushed: why"; the dashboard answers keys while a
# push retries against a gateway that is gone; and quitting then says what it waits for
# instead of sitting silent, and Ctrl-C gives up the wait (exit 1).
. "${top_srcdir}/tests/metrics-lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
need_packages curl prometheus-pushgateway
. "${top_srcdir}/tests/tmux-lib.sh"
trap 't kill-server 2>/dev/null; metrics_cleanup' EXIT   # the server's socket is in scratch
gport=$(free_port)
prometheus-pushgateway --web.listen-address="127.0.0.1:$gport" --persistence.file="" >"$scratch/gateway.log" 2>&1 &
gw_pid=$!
started_pids="$started_pids $gw_pid"
gw="http://127.0.0.1:$gport"
wait_url "$gw/-/ready" 60 || { fail "the Pushgateway did not start: $(tail -5 "$scratch/gateway.log")"; finish; }

start 120 40 "" --no-history --run "$top_srcdir/tests/suites/tiny.json" --push "$gw" -o "$scratch/rep"
wait_for "pushing run 1 to $gw" 60 && pass "the events say the run is being pushed when it ends" \
	|| fail "no pushing line: $(cat "$scratch/screen")"
wait_for "pushed run 1 to $gw \\(1 suite\\)" 30 && pass "and then that it was pushed" || fail "no pushed line: $(cat "$scratch/screen")"
curl -s "$gw/metrics" | grep -q '^benchtop_test_status{.*suite="tiny"' && pass "the gateway has the run while the dashboard goes on" \
	|| fail "the gateway has no run"

# The gateway gone: the second run's push retries, and the dashboard still answers keys.
stop_pid "$gw_pid"
t send-keys -t bt Home; sleep 0.3; t send-keys -t bt Enter
wait_for "pushing run 2 to $gw" 60 || fail "no second push: $(cat "$scratch/screen")"
t send-keys -t bt p
wait_for 'display paused' 3 && pass "keys are answered while the push retries" || fail "the dashboard froze: $(cat "$scratch/screen")"
t send-keys -t bt p q
wait_for "pushing run 2 to $gw \\(up to 30 s; Ctrl-C gives up\\)" 10 && pass "quitting says which push it waits for" \
	|| fail "silent quit: $(cat "$scratch/screen")"
t send-keys -t bt C-c
wait_exit 10
[ "$(cat "$exitf" 2>/dev/null)" = 1 ] && pass "Ctrl-C gives up the wait, exit 1" || fail "exit $(cat "$exitf" 2>/dev/null)"
expect_grep 'not pushed: .*cut short by a signal' "$scratch/stderr" "one line says the push was cut short"
finish
