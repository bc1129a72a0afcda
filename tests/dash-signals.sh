#!/bin/sh
# The dashboard's pid, as the shell sees it, is a small waiter (D gives the prompt back):
# SIGINT sent to that pid (timeout -s INT, kill -INT) ends the run as Ctrl-C does, and a
# waiter that dies (kill -9) leaves a dashboard that behaves as if its terminal hung up:
# with a suite running it goes on detached, and draws no more over the shell.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed"; exit 77; }
command -v timeout >/dev/null 2>&1 || { echo "SKIP: timeout (coreutils) is not installed"; exit 77; }
. "${top_srcdir}/tests/tmux-lib.sh"
cat >"$scratch/long.json" <<'SUITE'
{ "name": "long", "defaults": { "warmup": 0, "iterations": 200 },
  "tests": [ { "name": "nap", "kind": "shell", "run": "sleep 0.5" } ] }
SUITE
session() {  # session COMMAND: a fresh tmux session bt running COMMAND in $scratch
	t kill-server 2>/dev/null
	tries=0
	until t new-session -d -s bt -x 100 -y 30 "cd '$scratch' && XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' LANG=C.UTF-8 $1" \
		2>"$scratch/stderr.tmux"; do
		tries=$((tries + 1)); [ $tries -lt 20 ] || break; sleep 0.1
	done
}

# timeout --foreground -s INT signals the pid it started: the waiter.
session "timeout --foreground -s INT 3 '$BENCHTOP' --no-history -r long.json -o rep1 2>err1; echo \$? >exit1; sleep 60"
i=0; while [ ! -s "$scratch/exit1" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$scratch/exit1" ] && pass "SIGINT to the dashboard's pid ends it ($(cat "$scratch/exit1"), after $((i / 10)) s)" \
	|| fail "still running 20 s after timeout sent SIGINT: $(t capture-pane -p -t bt | head -5)"
ls "$scratch"/rep1/run-*.json >/dev/null 2>&1 && pass "its reports are written" || fail "no reports in rep1"
expect_grep "run ended: interrupted \\(SIGINT\\)|^$" "$scratch/err1" "ended as interrupted"
i=0; while "$BENCHTOP" ls >/dev/null 2>&1 && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
"$BENCHTOP" ls >/dev/null 2>&1 && fail "an instance is left" || pass "no instance is left"

# kill -9 to the waiter: the shell has its prompt; the run goes on detached, off the screen.
# (PROMPT comes a second later: printed at once it may land on the dashboard's alternate screen,
# which the dashboard then leaves.)
session "'$BENCHTOP' --no-history -r long.json -o rep2 2>err2; echo \$? >exit2; sleep 1; echo PROMPT; sleep 60"
pid=
i=0; while [ -z "$pid" ] && [ $i -lt 200 ]; do
	pid=$("$BENCHTOP" ls 2>/dev/null | awk '$1 ~ /^[0-9]+$/ && $4 != "exit" { print $1; exit }'); [ -n "$pid" ] || sleep 0.1; i=$((i + 1))
done
[ -n "$pid" ] || { fail "the dashboard never listed itself: $(cat "$scratch/err2")"; finish; }
sleep 1
waiter=$(awk '/^PPid:/ { print $2 }' "/proc/$pid/status")
kill -9 "$waiter"
i=0; while ! "$BENCHTOP" ls 2>/dev/null | grep -q "^$pid .* detached " && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
"$BENCHTOP" ls >"$scratch/ls" 2>&1
expect_grep "^$pid .* detached " "$scratch/ls" "the orphaned dashboard goes on detached"
[ -s "$scratch/exit2" ] && pass "the shell goes on ($(cat "$scratch/exit2"))" || fail "the shell still waits"
wait_for PROMPT 5 && pass "the shell has the screen" || fail "no prompt: $(cat "$scratch/screen")"
sleep 1.5
t capture-pane -p -t bt >"$scratch/after"
grep -q 'nap' "$scratch/after" && fail "the dashboard still draws over the shell: $(cat "$scratch/after")" \
	|| pass "nothing is drawn over the shell"
expect_exit 0 "stop ends the detached run" -- "$BENCHTOP" stop "$pid"
ls "$scratch"/rep2/run-*.json >/dev/null 2>&1 && pass "its reports are written" || fail "no reports in rep2"
finish
