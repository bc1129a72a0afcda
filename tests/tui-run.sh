#!/bin/sh
# The dashboard while a run goes on, driven in tmux as a person would: the running test's row
# stays on screen at 80x24 through a 16-test suite and a status line names it; names are cut in
# the middle with the variant kept; columns sized by content at 200 and 60 columns; the header's
# clock, pause, the memory rows; and a fake 64-core machine without sensors.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }

. "${top_srcdir}/tests/tmux-lib.sh"
suite="$top_srcdir/tests/suites/sixteen.json"

# 1. 80x24 through a 16-test suite: at every look, the test the status line names has its row on
#    screen with a running status, and the table shows at least five rows.
start 80 24 "" --no-history --run "$suite"
wait_for '▶ sixteen/nap \[n=' 30 || fail "no status line: $(cat "$scratch/screen")"
looks=0 seen=0 late=0 short=0
while [ $looks -lt 400 ]; do
	screen
	grep -q 'run finished' "$scratch/screen" && break
	looks=$((looks + 1))
	status=$(grep -o '▶ [^·]*· [a-z]*' "$scratch/screen" | head -1)
	variant=$(printf '%s' "$status" | sed -n 's/.*\[\(.*\)\].*/\1/p')
	if [ -n "$variant" ]; then
		if grep -qE "^│  .* $variant +(run|warmup)" "$scratch/screen"; then
			seen=$((seen + 1))
			case $variant in resolution=*) late=$((late + 1)) ;; esac
		else
			fail "the running test ($variant) is not on screen: $(cat "$scratch/screen")"
			break
		fi
		rows=$(awk '/^│test /{on=1; next} /^│▶ /{on=0} on && /^│/{n++} END{print n+0}' "$scratch/screen")
		[ "$rows" -ge 5 ] || short=$((short + 1))
	fi
	sleep 0.1
done
[ $seen -ge 4 ] && pass "the running test's row was on screen at each of $seen looks" || fail "only $seen looks saw a running test"
[ $late -ge 1 ] && pass "late tests (past the first screenful) were on screen while they ran" \
	|| fail "no look saw one of the last eight tests running"
[ $short -eq 0 ] && pass "the table showed at least five rows while the run went on" || fail "$short looks had fewer than five rows"
wait_for 'run finished' 60 || fail "the suite did not finish: $(cat "$scratch/screen")"
[ "$(grep -c '▸ sixteen (16)' "$scratch/screen")" -le 1 ] && ! grep -q '│  sixteen/' "$scratch/screen" \
	&& pass "the suite is one group row, not a prefix on every row" || fail "suite rows: $(cat "$scratch/screen")"

# 2. names: the long name is cut in its middle with …, its variant whole.
t send-keys -t bt End
wait_for '│  a-rath[^ ]*…[^ ]*middle resolution=16k ' 5 \
	&& pass "a long name is cut in the middle and keeps its variant" || fail "long name: $(cat "$scratch/screen")"

# 3. columns by content: at 200 the sparkline gets the room, at 60 the name keeps 16 columns.
t resize-window -t bt -x 200 -y 40
wait_for '│test .*iterations' 5 || fail "200 columns: $(cat "$scratch/screen")"
head_line=$(grep '^│test ' "$scratch/screen")
spark_at=$(printf '%s' "$head_line" | awk '{ print index($0, "iterations") }')
[ "$spark_at" -gt 0 ] && [ "$spark_at" -lt 130 ] && pass "at 200 columns the sparkline column starts at $spark_at" \
	|| fail "at 200 columns the sparkline starts at $spark_at: $head_line"
t resize-window -t bt -x 60 -y 24
wait_for '│test ' 5
head_line=$(grep '^│test ' "$scratch/screen")
status_at=$(printf '%s' "$head_line" | awk '{ print index($0, "status") }')
[ "$status_at" -ge 19 ] && pass "at 60 columns the name keeps at least 16 columns" \
	|| fail "at 60 columns the status column starts at $status_at: $head_line"
grep -q '│  .* n=8 ' "$scratch/screen" || t send-keys -t bt Home
wait_for '│  nap n=1 +pass' 5 && ! grep -qE '^│test .* ± ' "$scratch/screen" \
	&& pass "at 60 columns the spread column gives way first" || fail "60 columns: $(cat "$scratch/screen")"
t resize-window -t bt -x 80 -y 24

# 4. memory rows: a percentage; no swap row on a machine without swap.
wait_for 'mem .*GiB [0-9]+%' 5 && pass "the mem row shows a percentage" || fail "mem: $(cat "$scratch/screen")"
if grep -q '^SwapTotal: *0 kB' /proc/meminfo; then
	! grep -q 'swap ' "$scratch/screen" && pass "no swap row without swap" || fail "swap row: $(cat "$scratch/screen")"
fi
expect_grep 'fs .*[0-9]+%' "$scratch/screen" "the fs row shows a percentage"
quit_now

# 5. the header while a run goes on: the tests done, the elapsed time; pausing adds PAUSED after it.
start 80 24 "" --no-history --run "$suite"
wait_for 'RUNNING [0-9]+/16 tests │ [0-9.hms]+$' 20 && pass "the header shows the progress and the elapsed time" \
	|| fail "header: $(head -1 "$scratch/screen")"
t send-keys -t bt p
wait_for 'RUNNING [0-9]+/16 tests │ [0-9.hms]+ │ PAUSED' 5 && pass "pausing keeps the header readable" \
	|| fail "paused header: $(head -1 "$scratch/screen")"
t send-keys -t bt p
quit_now
[ "$(cat "$exitf" 2>/dev/null)" != "" ] && pass "q then y ends a run" || fail "q y did not end the run"

# 6. a fake 64-core machine without sensors (a VM): labelled per-core rows, "no sensors" once,
#    no "unavailable" events, the clock from /proc/cpuinfo.
proc="$scratch/proc"; mkdir -p "$proc" "$scratch/nosys"
cp /proc/meminfo /proc/loadavg /proc/diskstats "$proc/" 2>/dev/null
fake_cpus() {  # fake_cpus N: a machine of N cores at 2.4 GHz
	ncores=$1; i=0; : > "$proc/cpuinfo"
	while [ $i -lt "$ncores" ]; do printf 'processor\t: %d\ncpu MHz\t\t: 2400.000\n\n' $i >> "$proc/cpuinfo"; i=$((i + 1)); done
}
fake_stat() {  # fake_stat N: every core N ticks busier than before; cores 7, 15, 23... the busiest
	{ echo "cpu  $(($1 * ncores)) 0 0 $(($1 * ncores)) 0 0 0 0 0 0"
	  i=0; while [ $i -lt "$ncores" ]; do echo "cpu$i $(($1 * (i % 8 + 1))) 0 0 $(($1 * (8 - i % 8))) 0 0 0 0 0 0"; i=$((i + 1)); done
	  echo "intr 1"; echo "ctxt 1"; echo "btime 1700000000"; echo "procs_running 1"; echo "procs_blocked 0"
	} > "$proc/stat.new" && cat "$proc/stat.new" > "$proc/stat"   # in place: the source keeps it open
}
fake_cpus 64
fake_stat 1
start 80 24 "BENCHTOP_PROC_ROOT='$proc' BENCHTOP_SYSFS_ROOT='$scratch/nosys'" --no-history
# The counters keep moving until the rows show them (a dashboard slow to start on a loaded
# machine must still see two different samples).
n=2
while [ $n -le 40 ]; do
	fake_stat $((n * 100))
	wait_for '^│32  ([▁▂▃▄▅▆▇█]{8}){4}' 1 && break
	n=$((n + 1))
done
wait_for 'CPU · 64 cores · 2.40 GHz' 5 && pass "the clock comes from /proc/cpuinfo without cpufreq" \
	|| fail "cpuinfo clock: $(cat "$scratch/screen")"
expect_grep '^│0   ([▁▂▃▄▅▆▇█]{8}){4}' "$scratch/screen" "cores 0-31 are a labelled row"
expect_grep '^│32  ([▁▂▃▄▅▆▇█]{8}){4}' "$scratch/screen" "cores 32-63 are a labelled row"
[ "$(grep -c 'no sensors' "$scratch/screen")" = 1 ] && pass "the CPU box says 'no sensors' once" \
	|| fail "no sensors: $(cat "$scratch/screen")"
! grep -q 'unavailable' "$scratch/screen" && pass "no 'unavailable' events for missing sensors" \
	|| fail "unavailable events: $(cat "$scratch/screen")"
t send-keys -t bt q

# 6b. 128 cores do not fit as rows of glyphs at 80x24: the busiest cores by number, busiest first.
fake_cpus 128
fake_stat 1
start 80 24 "BENCHTOP_PROC_ROOT='$proc' BENCHTOP_SYSFS_ROOT='$scratch/nosys'" --no-history
wait_for 'CPU · 128 cores' 10 || fail "128 cores: $(cat "$scratch/screen")"
# The counters keep moving until the box shows them: a dashboard slow to start on a loaded
# machine must still see two different samples.
n=2
while [ $n -le 40 ]; do
	fake_stat $((n * 100))
	wait_for '^│busiest +#7 89% +#15 89% ' 1 && break
	n=$((n + 1))
done
[ $n -le 40 ] && pass "with 128 cores the CPU box lists the busiest cores" \
	|| fail "busiest cores: $(cat "$scratch/screen")"
t send-keys -t bt q

# 7. the help at 80 columns: every key's text whole; at 30x10 "too small" never breaks a word.
start 80 24 "" --no-history
wait_for 'q quit' 10
t send-keys -t bt '?'
wait_for 'Keys' 3 || fail "help: $(cat "$scratch/screen")"
for text in 'start the selected suite or test; stop the run' 'switch between the tests and the stress panel' \
	'quit \(asks while tests or stressors run\)' 'graph span: minute, 10 minutes, hour, whole run'; do
	expect_grep "$text" "$scratch/screen" "the help shows '$text' whole"
done
t send-keys -t bt Escape
t resize-window -t bt -x 30 -y 10
wait_for 'too small' 3 || fail "30x10: $(cat "$scratch/screen")"
tr -s ' \n' '  ' < "$scratch/screen" | grep -q 'terminal too small: 40x12 needed (now 30x10)' \
	&& pass "at 30x10 the message reads whole, broken only at spaces" || fail "too small: $(cat "$scratch/screen")"
t resize-window -t bt -x 80 -y 24
t send-keys -t bt q

# 8. stressors: q asks first; with --duration the header shows the time left and the end.
start 80 24 "" --no-history --cpu 1 --cpu-load 10 --duration 10m
wait_for 'RUNNING|[0-9.]+s, [0-9hms]+ left, ends [0-2][0-9]:[0-5][0-9]:[0-5][0-9]' 10
expect_grep '│ [0-9.ms]+, (9m[0-9]{2}s|10m00s) left, ends [0-2][0-9]:[0-5][0-9]:[0-5][0-9]' "$scratch/screen" \
	"with --duration the header shows the elapsed time, the time left and the end"
t send-keys -t bt q
wait_for 'Stressors are running. Quit\? y / n' 3 && pass "q while stressors run asks first" \
	|| fail "q with stressors: $(cat "$scratch/screen")"
t send-keys -t bt n
sleep 0.5; screen
[ ! -s "$exitf" ] && ! grep -q 'Quit?' "$scratch/screen" && pass "n keeps the stressors running" \
	|| fail "n: $(cat "$scratch/screen")"
quit_now
[ "$(cat "$exitf" 2>/dev/null)" = 0 ] && pass "q, y ends the stressors with exit 0" || fail "exit $(cat "$exitf" 2>/dev/null)"

# 9. the detail view: the test's last recorded runs as a sparkline; one line when there are none
#    or the database cannot be read.
tiny="$top_srcdir/tests/suites/tiny.json"
db="$scratch/history.db"
start 80 24 "" --history-db "$db"
wait_for 'q quit' 10
t send-keys -t bt Home Down d
wait_for 'history: no runs recorded yet' 5 && pass "the detail view says when nothing is recorded" \
	|| fail "no history: $(cat "$scratch/screen")"
quit_now
i=0; while [ $i -lt 3 ]; do "$BENCHTOP" -H --history-db "$db" --run "$tiny" >/dev/null 2>&1; i=$((i + 1)); done
start 80 24 "" --history-db "$db" --run "$tiny"
wait_for 'run finished' 60
t send-keys -t bt Home Down d
wait_for 'last [0-9]+ runs [▁▂▃▄▅▆▇█]{3,}  latest [0-9.]+ [mun]?s' 5 \
	&& pass "the detail view shows the test's recorded runs as a sparkline" || fail "history: $(cat "$scratch/screen")"
quit_now
echo "not a database" > "$scratch/bad.db"
start 80 24 "" --history-db "$scratch/bad.db" --run "$tiny"
wait_for 'run finished' 60
t send-keys -t bt Home Down d
wait_for 'history: cannot be read: .*bad.db' 5 && pass "a database that cannot be read is one line" \
	|| fail "bad history: $(cat "$scratch/screen")"
quit_now
# 10. the graph on a true time axis: at -i 0.1 after ~15 s, the last minute fills about a
#     quarter of the width on the right, 10 minutes and an hour a sliver, the whole run all of it;
#     CPU and memory are two series with a legend; v shows the CPU clock; ASCII keeps the legend.
if [ -x /usr/bin/python3 ]; then
	start 80 24 "" --no-history -i 0.1 --cpu 1 --cpu-load 50
	wait_for 'every 0.1s │ 1[5-9]' 40 || fail "stress clock: $(head -1 "$scratch/screen")"
	cols() {  # the plot columns of the History box holding any dot, and where the first is
		/usr/bin/python3 -c '
import sys
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")
top = next(i for i, r in enumerate(rows) if "History" in r)
end = next(i for i in range(top + 1, len(rows)) if rows[i].startswith("\u2514"))
plot = [r[6:-1] for r in rows[top + 1:end - 1]]
used = [x for x in range(len(plot[0])) if any(0x2800 < ord(r[x]) <= 0x28ff for r in plot if x < len(r))]
print(len(used), used[0] if used else -1, len(plot[0]))' "$scratch/screen"
	}
	for span in minute 10m hour whole; do
		# the best of three looks: a look can fall between two halves of a redraw
		best=-1
		for look in 1 2 3; do
			sleep 0.3; screen; set -- $(cols)
			[ "$1" -gt "$best" ] && { best=$1; eval "n_$span=$1 at_$span=$2"; width=$3; }
		done
		t send-keys -t bt g
	done
	[ "$n_minute" -ge $((width / 6)) ] && [ "$n_minute" -le $((width / 2)) ] && [ "$at_minute" -ge $((width / 2)) ] \
		&& pass "the last minute: $n_minute of $width columns, on the right" \
		|| fail "the last minute: $n_minute columns from $at_minute of $width"
	[ "$n_10m" -lt "$n_minute" ] && [ "$n_10m" -ge 1 ] && pass "10 minutes: $n_10m columns" || fail "10 minutes: $n_10m columns"
	[ "$n_hour" -le "$n_10m" ] && [ "$n_hour" -ge 1 ] && pass "an hour: $n_hour columns" || fail "an hour: $n_hour columns"
	[ "$n_whole" -ge $((width * 9 / 10)) ] && pass "the whole run fills the width ($n_whole of $width)" \
		|| fail "the whole run: $n_whole of $width"
	screen
	expect_grep 'History · cpu and memory .* ━ cpu % ━ mem % ▲ peak [0-9]+%' "$scratch/screen" \
		"CPU and memory are two series with a legend and the peak"
	expect_grep '^│100% ' "$scratch/screen" "the y scale is labelled"
	t send-keys -t bt v
	wait_for 'History · cpu clock .* peak [0-9]+ MHz' 3 && pass "v shows the CPU clock with its peak" \
		|| fail "v: $(cat "$scratch/screen")"
	quit_now
	start 80 24 "LANG=C" --no-history --ascii -i 0.2
	wait_for '\* cpu % o mem % \^ peak' 10 && pass "the legend in ASCII" || fail "ASCII legend: $(cat "$scratch/screen")"
	t send-keys -t bt q
fi
# 11. with sensors (the fixture sysfs) and two fake GPUs, v steps through their graphs.
fake="$top_builddir/tests/libnvidia-ml-fake.so"
if [ -f "$fake" ]; then
	start 100 30 "BENCHTOP_SYSFS_ROOT='$top_srcdir/tests/fixtures/sysfs' BENCHTOP_NVML_LIB='$fake'" --no-history -i 0.2
	wait_for 'CPU · ' 10; sleep 1
	for want in 'temperature .* peak [0-9]+°C' 'cpu clock' 'package power' 'gpu0 utilization .* peak 37%' 'gpu0 power .* peak 25[0-9.]+ W' \
		'gpu1 utilization .* peak 5%'; do
		t send-keys -t bt v
		wait_for "History · $want" 3 && pass "v shows the graph of $want" || fail "v ($want): $(grep History "$scratch/screen")"
	done
	t send-keys -t bt q
fi
# 12. the thermal guard in the stress panel: over --max-temp the generator's state reads
#     "paused" (in the error colour), and "on" again once the sensor cools.
hot="$scratch/hot"
mkdir -p "$hot/class/hwmon/hwmon0"
echo coretemp > "$hot/class/hwmon/hwmon0/name"
echo 50000 > "$hot/class/hwmon/hwmon0/temp1_input"
start 80 24 "BENCHTOP_SYSFS_ROOT='$hot'" --no-history -i 0.2 --cpu 1 --cpu-load 20 --max-temp 80
wait_for '│cpu +on ' 15 && pass "under the limit the stressor is on" || fail "stress row: $(cat "$scratch/screen")"
echo 91000 > "$hot/class/hwmon/hwmon0/temp1_input"
wait_for '│cpu +paused ' 15 && pass "over the limit the stress panel says paused" || fail "paused: $(cat "$scratch/screen")"
echo 60000 > "$hot/class/hwmon/hwmon0/temp1_input"
wait_for '│cpu +on ' 15 && pass "cooled, the stressor is on again" || fail "resume: $(cat "$scratch/screen")"
quit_now
finish
