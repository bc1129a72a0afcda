#!/bin/sh
# The dashboard, driven in tmux as a person would: what 80x24 shows, a suite's sparklines,
# resizes, help, quitting with q, and a killed session that still leaves its report.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
. "${top_srcdir}/tests/tmux-lib.sh"

# 1. 80x24: CPU, memory, the tests table, and the suite's tests after they ran, with sparklines.
start 80 24 "" --run "$top_srcdir/tests/suites/tiny.json"
wait_for 'run finished' 60 && pass "the suite runs in the dashboard" || fail "suite did not finish: $(cat "$scratch/screen")"
wait_for 'CPU · [1-9][0-9]* cores' 5 && pass "80x24 shows the CPU panel" || fail "CPU panel: $(cat "$scratch/screen")"
wait_for 'mem .*GiB' 5 && pass "80x24 shows memory" || fail "memory: $(cat "$scratch/screen")"
expect_grep 'Tests' "$scratch/screen" "80x24 shows the tests table"
expect_grep 'true +pass' "$scratch/screen" "a test shows its status"
expect_grep 'true .*[▁▂▃▄▅▆▇█]{4}' "$scratch/screen" "a test shows the sparkline of its iterations"
expect_grep 'q quit' "$scratch/screen" "the footer shows the keys"

# 2. resizes: smaller, larger, too small, and back.
t resize-window -t bt -x 60 -y 20; sleep 0.5
wait_for 'Tests' 3 && pass "60x20 still draws" || fail "60x20: $(cat "$scratch/screen")"
t resize-window -t bt -x 120 -y 40; sleep 0.5
wait_for 'History' 3 && pass "120x40 draws" || fail "120x40: $(cat "$scratch/screen")"
t resize-window -t bt -x 20 -y 6; sleep 0.5
wait_for 'too small' 3 && pass "20x6 says the terminal is too small" || fail "20x6: $(cat "$scratch/screen")"
t resize-window -t bt -x 80 -y 24; sleep 0.5
wait_for 'Tests' 3 && pass "back to 80x24" || fail "80x24 again: $(cat "$scratch/screen")"

# 3. the other keys: pause, refresh rate, graph span, theme, export now.
t send-keys -t bt p
wait_for 'PAUSED' 3 && pass "p pauses the display" || fail "pause: $(head -1 "$scratch/screen")"
t send-keys -t bt p +
wait_for 'every 2s' 3 && pass "+ samples every 2 s" || fail "+: $(head -1 "$scratch/screen")"
t send-keys -t bt - g
wait_for 'last 10 minutes' 3 && pass "g shows the last 10 minutes" || fail "g: $(cat "$scratch/screen")"
t send-keys -t bt t
# the theme after default in the order --list shows (theme_list's)
next_theme=$("$BENCHTOP" --list 2>/dev/null | awk '/^Themes:/ { on = 1; next } on && NF { print $1 }' |
	grep -A1 '^default$' | tail -1)
# the manual's order for t is --list's
man_order=$(grep -A1 '^Next theme, in the order' "$top_srcdir/man/benchtop.1" | tail -1 | tr -d ',')
list_order=$("$BENCHTOP" --list 2>/dev/null | awk '/^Themes:/ { on = 1; next } on && NF { printf "%s ", $1 }')
case "$list_order" in "$man_order"*) pass "the manual gives t's order as --list does" ;;
	*) fail "t's order: the manual says '$man_order', --list '$list_order'" ;; esac
wait_for "theme $next_theme" 3 && pass "t switches to the next theme ($next_theme)" || fail "t: $(tail -4 "$scratch/screen")"
t send-keys -t bt e
wait_for 'reports written to benchtop-results/run-' 3 && pass "e writes the reports now" || fail "e: $(tail -4 "$scratch/screen")"

# 4. help, the detail view, then quit with q: exit 0 and the alternate screen is off.
t send-keys -t bt '?'
wait_for 'Keys' 3 && pass "? shows the help" || fail "help: $(cat "$scratch/screen")"
for key in 'Home and End' 'Shift-Tab' 'Space in the stress' '\+ - = _' '\? F1 h' 'Esc +close'; do
	expect_grep "$key" "$scratch/screen" "the help names $key"
done
t send-keys -t bt Escape
t send-keys -t bt Down Down d
wait_for 'p5 .* p95 .* 95% CI' 3 && pass "d shows a test's statistics" || fail "detail: $(cat "$scratch/screen")"
t send-keys -t bt Escape q
wait_exit 5
[ "$(cat "$exitf" 2>/dev/null)" = 0 ] && pass "q quits with exit 0" || fail "q: exit $(cat "$exitf" 2>/dev/null)"
[ "$(t display -p -t bt '#{alternate_on}')" = 0 ] && pass "the alternate screen is off after quitting" \
	|| fail "the terminal was left in the alternate screen"
screen
expect_grep 'reports: benchtop-results/run-' "$scratch/screen" "quitting prints where the reports are"
ls "$scratch"/benchtop-results/run-*.json >/dev/null 2>&1 && pass "the JSON report is written" || fail "no report"
t kill-session -t bt

# 5. a killed session (SIGHUP) mid-run with --on-hangup stop: the report is complete and no child is left.
rm -rf "$scratch/benchtop-results"
start 80 24 "" --on-hangup stop --run "$top_srcdir/tests/suites/slow.json"
wait_for "run ([3-9]|[1-4][0-9])/50" 60 || fail "the slow suite did not start: $(cat "$scratch/screen")"
t kill-session -t bt
wait_exit 10
ls "$scratch"/benchtop-results/run-*.json >/dev/null 2>&1 && pass "a killed session still writes its report" \
	|| fail "no report after the session was killed"
grep -q '"status":[[:space:]]*"stopped"' "$scratch"/benchtop-results/run-*.json 2>/dev/null \
	&& pass "the interrupted test is 'stopped' in the report" || fail "interrupted test status: $(head -c 600 "$scratch"/benchtop-results/run-*.json)"
iters=$(grep -c '"type":"iteration"' "$scratch"/benchtop-results/run-*.journal.jsonl)
[ "$iters" -ge 2 ] && pass "the journal keeps the $iters finished iterations" || fail "journal has $iters iterations"
sleep 0.5
pgrep -f benchtop-slow-child >/dev/null && fail "a child process outlived the dashboard" || pass "no child process is left"

# 6. the stress panel: --cpu opens it; Enter toggles a generator, → raises its target.
start 80 24 "" --cpu 1 --cpu-load 30 --hdd-dir "$scratch"
wait_for 'cpu +on .*30 %' 5 && pass "--cpu opens the stress panel with the generator on" \
	|| fail "stress panel: $(cat "$scratch/screen")"
wait_for 'cpu +on .* [0-9.]+ %' 5 && pass "the panel shows the achieved load" || fail "achieved: $(cat "$scratch/screen")"
t send-keys -t bt Right
wait_for 'cpu +on .*40 %' 3 && pass "→ raises the CPU target to 40 %" || fail "→: $(cat "$scratch/screen")"
t send-keys -t bt Down Down Enter
wait_for 'hdd +on' 3 && pass "Enter turns the disk generator on" || fail "hdd on: $(cat "$scratch/screen")"
t send-keys -t bt Enter
wait_for 'hdd +off' 3 && pass "Enter turns it off again" || fail "hdd off: $(cat "$scratch/screen")"
t send-keys -t bt q
wait_for 'Stressors are running. Quit\? y / n' 3 && pass "q with stressors running asks first" \
	|| fail "q with stressors: $(cat "$scratch/screen")"
t send-keys -t bt y
wait_exit 3
[ "$(cat "$exitf" 2>/dev/null)" = 0 ] && pass "q, y with stressors running exits 0" || fail "exit $(cat "$exitf")"
[ -z "$(ls -A "$scratch" | grep -v -e tmux.sock -e screen -e exit -e stderr -e benchtop-results -e runtime)" ] \
	&& pass "the disk stressor left no file behind" || fail "left behind: $(ls -A "$scratch")"
t kill-session -t bt

# 7. GPUs (two fake NVIDIA GPUs): a panel of their own at 120x40, a line in the memory panel at 80x24.
fake="$top_builddir/tests/libnvidia-ml-fake.so"
if [ -f "$fake" ]; then
	start 120 40 "BENCHTOP_NVML_LIB='$fake'"
	wait_for '─ GPUs ─' 5 && pass "120x40 gives the GPUs a panel" || fail "GPU panel: $(cat "$scratch/screen")"
	expect_grep 'NVIDIA Fake A1.* 37% 12.0 GiB/40.0 GiB 61°C 252W 1410MHz' "$scratch/screen" "the first GPU's figures"
	expect_grep 'NVIDIA Fake T4.* 5% 1.50 GiB/15.0 GiB 44°C 27W 585MHz' "$scratch/screen" "the second GPU's figures"
	t resize-window -t bt -x 80 -y 24
	wait_for 'gpu0 37% 12.0 GiB/40.0 GiB' 3 && pass "80x24 shows the GPU in the memory panel" \
		|| fail "80x24 GPU: $(cat "$scratch/screen")"
	t send-keys -t bt q
	t kill-session -t bt
fi

# 8. monochrome and ASCII: NO_COLOR and --ascii draw a legible screen with ASCII only.
start 80 24 "" --ascii --no-color
wait_for 'Tests' 5 && pass "--ascii --no-color draws" || fail "--ascii: $(cat "$scratch/screen")"
LC_ALL=C grep -q '[^ -~]' "$scratch/screen" && fail "--ascii drew non-ASCII: $(LC_ALL=C grep -n '[^ -~]' "$scratch/screen" | head -3)" \
	|| pass "--ascii draws ASCII only"
t send-keys -t bt q
t kill-server 2>/dev/null
finish
