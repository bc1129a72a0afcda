#!/bin/sh
# The stress panel's arrow keys, driven in tmux: every step names a real target or the
# generator's settings, never "nan". hdd walks its rate limits 1 ... 5000 MiB/s, then
# unlimited; the ends of a range say so instead of pretending to change. The target column reads
# in the achieved figure's scale. A generator that could not start says failed, and why; d opens a
# test's detail in the tests panel only.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
. "${top_srcdir}/tests/tmux-lib.sh"

start 140 40 "" --no-history --hdd-dir "$scratch" --hdd-bytes 8M
wait_for 'q quit' 10 || fail "no dashboard: $(cat "$scratch/screen")"
# The panel's rows exist once it is drawn: keys go one at a time, as a person types.
t send-keys -t bt Tab; sleep 0.5
t send-keys -t bt j; sleep 0.2; t send-keys -t bt j; sleep 0.2; t send-keys -t bt Enter
wait_for 'stress hdd on' 5 && pass "Enter switches hdd on (unlimited)" || fail "hdd on: $(cat "$scratch/screen")"
t send-keys -t bt Right
wait_for 'stress hdd .*unlimited \(already the highest step\)' 5 \
	&& pass "→ on an unlimited hdd stays unlimited and says so" || fail "→ from unlimited: $(cat "$scratch/screen")"
t send-keys -t bt Enter   # off again: the steps below need no disk traffic
wait_for 'stress hdd off' 5 || fail "hdd off: $(cat "$scratch/screen")"
t send-keys -t bt Left
wait_for 'stress hdd target [0-9]+ MiB/s' 5 && pass "← from unlimited steps to a finite rate limit" \
	|| fail "← from unlimited: $(cat "$scratch/screen")"
# Up to the top, one step at a time: 5000 MiB/s, then unlimited, then nothing more.
k=0
while [ $k -lt 14 ] && ! grep -q 'stress hdd target 5000 MiB/s' "$scratch/screen"; do
	t send-keys -t bt Right; sleep 0.3; screen; k=$((k + 1))
done
expect_grep 'stress hdd target 5000 MiB/s +│' "$scratch/screen" "→ reaches 5000 MiB/s"
expect_grep '^│hdd .* 4\.883 GiB/s +- ' "$scratch/screen" "the target column reads 5000 MiB/s whole, scaled as achieved"
t send-keys -t bt Right
wait_for 'stress hdd .*, unlimited +│' 5 && pass "→ past 5000 MiB/s is unlimited" \
	|| fail "past 5000: $(cat "$scratch/screen")"
# vm has no target: its steps name the bytes per worker.
t send-keys -t bt k; sleep 0.2; t send-keys -t bt Right
wait_for 'stress vm [0-9]+ x [0-9.]+ [KMG]i?B' 5 && pass "→ on vm names its bytes per worker" \
	|| fail "vm step: $(cat "$scratch/screen")"
grep -qi 'nan' "$scratch/screen" && fail "a step said nan: $(grep -i nan "$scratch/screen")" || pass "no step says nan"
quit_now 5
[ "$(cat "$exitf" 2>/dev/null)" = 0 ] && pass "quits with exit 0" || fail "exit $(cat "$exitf" 2>/dev/null)"

# vm cannot start when /proc/meminfo leaves no room: its row says failed, in the error colour
# (red), not off; the line under it says why, and the run fails as the row said.
mkdir -p "$scratch/fakeproc"
cp /proc/stat /proc/vmstat "$scratch/fakeproc/" 2>/dev/null
printf 'MemTotal: 1000000 kB\nMemFree: 5000 kB\nMemAvailable: 5000 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n' \
	>"$scratch/fakeproc/meminfo"
start 80 24 "BENCHTOP_PROC_ROOT='$scratch/fakeproc'" --no-history --no-report --vm 1
wait_for '^│vm +failed +1 x 256 MiB' 10 && pass "a generator that could not start says failed" \
	|| fail "failed: $(cat "$scratch/screen")"
wait_for '^│  not started: 256 MiB requested, but MemAvailable' 5 && pass "and why, on the line under its row" \
	|| fail "why: $(cat "$scratch/screen")"
t capture-pane -e -p -t bt | grep -a 'vm ' | grep -q "$(printf '\033')\[31mfailed" \
	&& pass "failed is drawn in red" || fail "colour: $(t capture-pane -e -p -t bt | grep -a 'vm ' | od -c | head)"
quit_now 10
[ "$(cat "$exitf" 2>/dev/null)" = 1 ] && pass "and the run fails (exit 1)" || fail "exit $(cat "$exitf" 2>/dev/null)"

# vm ran, was turned off, and cannot start again: failed and why, not merely off.
printf 'MemTotal: 24000000 kB\nMemFree: 20000000 kB\nMemAvailable: 20000000 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n' \
	>"$scratch/fakeproc/meminfo"
start 80 24 "BENCHTOP_PROC_ROOT='$scratch/fakeproc'" --no-history --no-report --vm 1 --vm-bytes 4M
wait_for '^│vm +on ' 10 || fail "vm did not start: $(cat "$scratch/screen")"
t send-keys -t bt Down; sleep 0.3; t send-keys -t bt Enter
wait_for '^│vm +off ' 5 || fail "vm not off: $(cat "$scratch/screen")"
printf 'MemTotal: 1000000 kB\nMemFree: 5000 kB\nMemAvailable: 1000 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n' \
	>"$scratch/fakeproc/meminfo"
t send-keys -t bt Enter
wait_for '^│vm +failed ' 5 && pass "a generator that cannot start again says failed" \
	|| fail "restart: $(cat "$scratch/screen")"
wait_for '^│  not started: 4.00 MiB requested, but MemAvailable' 5 && pass "and why, under its row" \
	|| fail "restart why: $(cat "$scratch/screen")"
quit_now 10

# d: a test's detail in the tests panel; nothing in the stress panel, where no test is on screen.
start 100 30 "" --no-history --no-report --run "$top_srcdir/tests/suites/tiny.json"
wait_for 'run finished' 60 || fail "the suite did not finish: $(cat "$scratch/screen")"
t send-keys -t bt End; sleep 0.3; t send-keys -t bt Tab; sleep 0.5; t send-keys -t bt d; sleep 1; screen   # a test row
grep -q 'd/Esc closes' "$scratch/screen" && fail "d opened a test's detail over the stress panel" \
	|| pass "d in the stress panel opens nothing"
t send-keys -t bt Tab; sleep 0.5; t send-keys -t bt d
wait_for 'd/Esc closes' 5 && pass "d in the tests panel opens the test's detail" || fail "detail: $(cat "$scratch/screen")"
t send-keys -t bt Escape q
finish
