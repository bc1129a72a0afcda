#!/bin/sh
# The headless log's own fields: the text log's header line and dated lines, nice, steal,
# load5/15 and per-core clocks in JSON Lines and CSV, and the stressors' on/target in CSV.
. "${top_srcdir}/tests/lib.sh"
expect_exit 0 "text log" -- "$BENCHTOP" -H -i 0.2 -d 0.7 --format text
expect_grep '^# benchtop: one line per sample: local date and time \(UTC[+-][0-9]{4}\)' "$scratch/out" \
	"the text log starts with a header line"
[ "$(grep -c '^# benchtop: one line per sample' "$scratch/out")" -eq 1 ] && pass "the header is written once" \
	|| fail "header lines: $(grep -c '^# benchtop: one' "$scratch/out")"
expect_grep '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}  cpu ' "$scratch/out" "each line has the date and time"

expect_exit 0 "jsonl log" -- "$BENCHTOP" -H -i 0.2 -d 0.7 --format jsonl
expect_grep '"cpu":\{"total":[^}]*"nice":[^}]*"steal":[^}]*"load":\[[^],]*,[^],]*,[^],]*\][^}]*"freq_mhz":\[' \
	"$scratch/out" "jsonl has nice, steal, load 1/5/15 and per-core clocks"

expect_exit 0 "csv log with a stressor" -- "$BENCHTOP" -H -i 0.2 -d 0.9 --cpu 1 --cpu-load 20 --format csv
head -1 "$scratch/out" > "$scratch/header"
for col in cpu_nice cpu_steal load5 load15 cpu0_mhz stress_cpu_achieved stress_cpu_on stress_cpu_target; do
	grep -q ",$col," "$scratch/header" || grep -q ",$col\$" "$scratch/header" && pass "csv has $col" \
		|| fail "csv lacks $col: $(cat "$scratch/header")"
done
awk -F, 'NR==1 { for (i = 1; i <= NF; i++) if ($i == "stress_cpu_target") c = i; n = NF }
	NF != n { bad = 1 } NR > 1 && $c != "" && $c != 20 { bad = 1 } END { exit bad }' "$scratch/out" \
	&& pass "csv rows match the header and carry the target" || fail "csv rows: $(sed -n 2p "$scratch/out")"

# Threads carry names that say what they do (top -H, gdb, /proc/PID/task/*/comm).
"$BENCHTOP" -H -i 0.2 -d 20 --cpu 2 --cpu-load 10 >"$scratch/stress.out" 2>&1 &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -qx 'stress-cpu/2' /proc/$pid/task/*/comm 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
cat /proc/$pid/task/*/comm > "$scratch/comm" 2>/dev/null
sleep 2   # a few samples with the stressors on
kill -TERM $pid 2>/dev/null
wait $pid
for name in sampler stress-cpu/1 stress-cpu/2; do
	grep -qx "$name" "$scratch/comm" && pass "a thread is named $name" || fail "no thread $name: $(tr '\n' ' ' < "$scratch/comm")"
done
# However it ends (here SIGTERM), a run with stressors says what they did.
expect_grep '^  cpu  2 workers, on [0-9.]+s, target 10 %, achieved mean [0-9.]+ %, min ' "$scratch/stress.out" \
	"the stress summary gives workers, time on, target, achieved mean and minimum"
expect_grep '^  while stressed: ' "$scratch/stress.out" "and the machine's peaks (or that it has none)"
grep -qi 'nan' "$scratch/stress.out" && fail "nan in the output" || pass "no nan in the output"
finish
