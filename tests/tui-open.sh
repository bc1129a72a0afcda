#!/bin/sh
# The dashboard as it opens and as keys typed ahead reach it, driven in tmux: which panel comes
# first, terminals that cannot draw it, D with nothing running, and a burst of keys.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
. "${top_srcdir}/tests/tmux-lib.sh"

# 1. Tests loaded and stressors asked for: the tests panel first, so Enter stops the run.
start 80 24 "" --run "$top_srcdir/tests/suites/slow.json" --cpu 1 --cpu-load 10 --hdd-dir "$scratch"
wait_for 'run [1-9][0-9]*/50' 30 && pass "the run starts on the tests panel" || fail "tests panel: $(cat "$scratch/screen")"
grep -q 'Stress ·' "$scratch/screen" && fail "opened on the stress panel: $(cat "$scratch/screen")" \
	|| pass "the stress panel is not shown first when tests are loaded"
t send-keys -t bt Enter
wait_for 'nap +stopped' 10 && pass "Enter stops the run" || fail "Enter: $(cat "$scratch/screen")"

# 2. Keys typed ahead in one burst: Tab then j land on the stress panel's second row, and
# Enter at once switches that generator.
t send-keys -t bt Tab j Enter
wait_for 'vm +on' 5 && pass "Tab j Enter in one burst switches the vm generator on" \
	|| fail "typed ahead: $(cat "$scratch/screen")"
t send-keys -t bt Enter
wait_for 'vm +off' 5 && pass "Enter switches it off again" || fail "vm off: $(cat "$scratch/screen")"
t send-keys -t bt q y
wait_exit 5
t kill-session -t bt

# 3. D with nothing running is refused with a line in the event log; the dashboard stays.
start 80 30 "" --run "$top_srcdir/tests/suites/tiny.json"
wait_for 'run finished' 60 || fail "tiny did not finish: $(cat "$scratch/screen")"
t send-keys -t bt D
wait_for 'nothing runs to keep going: q quits' 5 && pass "D with nothing running says why it stays" \
	|| fail "D: $(cat "$scratch/screen")"
sleep 0.5
[ -s "$exitf" ] && fail "D with nothing running ended benchtop: exit $(cat "$exitf")" || pass "the dashboard is still there"
t send-keys -t bt q
wait_exit 5
[ "$(cat "$exitf" 2>/dev/null)" = 0 ] && pass "q then quits with exit 0" || fail "q: exit $(cat "$exitf" 2>/dev/null)"
t kill-session -t bt

# 4. Terminals that cannot draw it: one line, exit 2, -H suggested, as for an unknown type.
for term in dumb nosuchterminal-xyz; do
	start 80 24 "TERM=$term"
	wait_exit 5
	[ "$(cat "$exitf" 2>/dev/null)" = 2 ] && pass "TERM=$term exits 2" || fail "TERM=$term: exit $(cat "$exitf" 2>/dev/null)"
	[ "$(wc -l < "$scratch/stderr")" -eq 1 ] && grep -q -- "-H" "$scratch/stderr" \
		&& pass "TERM=$term: one line that suggests -H" || fail "TERM=$term said: $(cat "$scratch/stderr")"
done
t kill-server 2>/dev/null
finish
