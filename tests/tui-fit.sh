#!/bin/sh
# Figures that must read whole at 80x24, driven in tmux: the header with --duration while a
# run goes on (the end time gives way first), a memory stressor's rate scaled to 3 or 4 digits,
# and the detail view's interval and histogram, whose bars span the min … max axis; and the
# tests table from 80 columns down to 40, where the status reads whole.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
. "${top_srcdir}/tests/tmux-lib.sh"

# 1. A run, a stressor and --duration at 80 columns.
start 80 24 "" --run "$top_srcdir/tests/suites/slow.json" --vm 1 --vm-bytes 16M -d 5m --no-history
wait_for 'run [1-9][0-9]*/50' 30 || fail "the run did not start: $(cat "$scratch/screen")"
head -1 "$scratch/screen" >"$scratch/header"
expect_grep 'RUNNING 0/1 tests │ [0-9.ms]+, [0-9.ms]+ left *$' "$scratch/header" \
	"the header keeps the time left whole and leaves out the end time"
t send-keys -t bt Tab
wait_for 'vm +on' 10 || fail "no vm row: $(cat "$scratch/screen")"
sleep 2
screen
expect_grep '^│vm +on .* [0-9]{1,4}(\.[0-9]{1,3})? (MiB|GiB|TiB)/s ' "$scratch/screen" \
	"the vm rate is scaled to at most four digits before the point"
grep '^│vm ' "$scratch/screen" | grep -q '…' && fail "the vm row is cut: $(grep '^│vm ' "$scratch/screen")" \
	|| pass "the vm row is not cut"
t send-keys -t bt q y
wait_exit 5
t kill-session -t bt

# 2. The detail view of a finished test.
start 80 24 "" --run "$top_srcdir/tests/suites/tiny.json" --no-history
wait_for 'run finished' 60 || fail "tiny did not finish: $(cat "$scratch/screen")"
t send-keys -t bt Home j j d
wait_for 'nap · pass · d/Esc closes' 5 || fail "no detail view: $(cat "$scratch/screen")"
# The title can reach the pane before the rest of the view: wait for the view's last lines too.
wait_for '95% CI [0-9.]+ … [0-9.]+ (ns|us|ms|s) *│' 5 && pass "the detail view's 95% CI reads whole" ||
	fail "the detail view's 95% CI: $(cat "$scratch/screen")"
wait_for '│[0-9.]+ (ns|us|ms|s) +[0-9.]+ (ns|us|ms|s)│' 5 || fail "no histogram axis: $(cat "$scratch/screen")"
# The histogram's bottom row: a bar in its first and its last column, the min and max below.
axis=$(grep -nE '│[0-9.]+ (ns|us|ms|s) +[0-9.]+ (ns|us|ms|s)│' "$scratch/screen" | tail -1 | cut -d: -f1)
bars=$(sed -n "$((axis - 1))p" "$scratch/screen" | grep -o '│[▁▂▃▄▅▆▇█ ]\{20,\}│' | tr -d '│')
case $bars in
[▁▂▃▄▅▆▇█]*[▁▂▃▄▅▆▇█]) pass "the histogram spans its axis, min to max" ;;
*) fail "histogram row: '$bars' in $(cat "$scratch/screen")" ;;
esac
t send-keys -t bt Escape q
wait_exit 5

# 3. The tests table from 80 columns down to 40: the sparkline gives way before the status,
# which reads whole at every width. A fake /proc/stat whose steal time grows by half of all
# time marks every test "pass !steal", as wide as a finished test's status gets.
mkdir -p fakeproc
printf 'pswpin 0\npswpout 0\n' >fakeproc/vmstat
cp /proc/meminfo fakeproc/ 2>/dev/null
( s=0; all=100000; while :; do
	s=$((s + 50)); all=$((all + 50))
	# in place: benchtop keeps the file open and reads it again from the start
	printf 'cpu  1000 0 1000 %d 0 0 0 %d 0 0\ncpu0 1000 0 1000 %d 0 0 0 %d 0 0\n' "$all" "$s" "$all" "$s" >fakeproc/stat
	sleep 0.01
done ) &
writer=$!
cat >steal.json <<'J'
{"name": "steal", "defaults": {"warmup": 0, "iterations": 4},
 "tests": [{"name": "nap", "kind": "command", "argv": ["sleep", "0.1"]},
           {"name": "nap2", "kind": "command", "argv": ["sleep", "0.1"]}]}
J
# Samples every 0.1 s, so several land in every iteration and each test is flagged.
start 80 24 "BENCHTOP_PROC_ROOT='$scratch/fakeproc'" --run steal.json --no-history -i 0.1
wait_for 'run finished' 60 || fail "the steal suite did not finish: $(cat "$scratch/screen")"
kill "$writer"; wait "$writer" 2>/dev/null
for w in 80 60 50 45 42 40; do
	t resize-window -t bt -x "$w" -y 24
	# Drawn at the new width: a box's bottom edge spans it.
	wait_for "^└(─){$((w - 2))}┘$" 5 || fail "$w columns: not redrawn: $(cat "$scratch/screen")"
	rows=$(grep -cE '^│  nap2? +pass !steal [0-9.]+ (us|ms|s) ' "$scratch/screen")
	[ "$rows" -eq 2 ] && ! grep -E '^│  nap' "$scratch/screen" | grep -q '…' \
		&& pass "$w columns: the status and the median read whole" \
		|| fail "$w columns: a status is cut: $(grep -E '^│(test|  nap)' "$scratch/screen")"
	if [ "$w" -ge 50 ]; then
		[ "$(grep -cE '^│  nap2? .*[▁▂▃▄▅▆▇█]{4}│$' "$scratch/screen")" -eq 2 ] \
			&& pass "$w columns: the sparkline fits beside them" \
			|| fail "$w columns: no sparkline: $(grep -E '^│(test|  nap)' "$scratch/screen")"
	fi
done
t send-keys -t bt q
wait_exit 5
finish
