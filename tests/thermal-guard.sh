#!/bin/sh
# The thermal guard (--max-temp) against a fake hwmon tree whose temperature the test raises and
# lowers: the stressors pause over the limit (their threads go away), stay paused within the
# hysteresis, resume under it; the stop action ends a stress-only run with the reason in the
# report; the CPUs' throttle counters over the run reach the summary and the report.
. "$top_srcdir/tests/lib.sh"

sys="$scratch/sys"
mkdir -p "$sys/class/hwmon/hwmon0" "$sys/devices/system/cpu/cpu0/thermal_throttle"
echo coretemp > "$sys/class/hwmon/hwmon0/name"
echo "Package id 0" > "$sys/class/hwmon/hwmon0/temp1_label"
temp() { echo "$1" > "$sys/class/hwmon/hwmon0/temp1_input"; }   # same inode: the source keeps its fd
temp 50000
echo 5 > "$sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count"
echo 7 > "$sys/devices/system/cpu/cpu0/thermal_throttle/package_throttle_count"

expect_exit 2 "--max-temp 0 is refused" -- "$BENCHTOP" -H --max-temp 0 -d 1
expect_grep 'max-temp' "$scratch/err" "the message names --max-temp"
expect_exit 2 "--max-temp-action nap is refused" -- "$BENCHTOP" -H --max-temp 80 --max-temp-action nap -d 1
expect_grep 'pause or stop' "$scratch/err" "the message says what it accepts"
expect_exit 0 "--max-temp-action alone runs" -- "$BENCHTOP" -H --max-temp-action stop -d 0.5 --no-history
expect_grep 'max-temp-action stop does nothing without --max-temp' "$scratch/out" "and says it does nothing"

# wait_for PATTERN FILE: up to 60 s (the machine may be loaded)
wait_for() {
	i=0
	while [ $i -lt 600 ] && ! grep -qE -- "$1" "$2" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
	grep -qE -- "$1" "$2"
}
threads() { cat /proc/$pid/task/*/comm 2>/dev/null | grep -c '^stress-cpu'; }

BENCHTOP_SYSFS_ROOT="$sys" "$BENCHTOP" -H -i 0.2 --cpu 1 --cpu-load 30 --max-temp 80 --no-history \
	-o "$scratch/pause.json" >"$scratch/pause.out" 2>&1 &
pid=$!
wait_for ' cpu [0-9.]+ %' "$scratch/pause.out" && pass "the stressor runs under the limit" \
	|| fail "no stress figures: $(tail -3 "$scratch/pause.out")"
temp 91000
wait_for 'thermal guard: stressors paused: coretemp: Package id 0 at 91 .C, over the 80 .C limit' "$scratch/pause.out" \
	&& pass "over the limit the stressors pause, and the log says which sensor" \
	|| fail "no pause: $(tail -3 "$scratch/pause.out")"
sleep 0.5
[ "$(threads)" -eq 0 ] && pass "paused: no stress thread runs" || fail "paused but $(threads) stress threads"
wait_for " cpu \(paused: thermal\)" "$scratch/pause.out" && pass "the log line says the stressor is paused" || fail "no paused state in the log"
temp 78000
sleep 1.5
grep -q 'stressors resumed' "$scratch/pause.out" && fail "resumed within the hysteresis" \
	|| pass "within the 5 degree hysteresis they stay paused"
echo 8 > "$sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count"
echo 9 > "$sys/devices/system/cpu/cpu0/thermal_throttle/package_throttle_count"
temp 70000
wait_for 'thermal guard: stressors resumed' "$scratch/pause.out" && pass "under the hysteresis they resume" \
	|| fail "no resume: $(tail -3 "$scratch/pause.out")"
i=0
while [ $i -lt 100 ] && [ "$(threads)" -eq 0 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(threads)" -eq 1 ] && pass "resumed: the stress thread runs again" || fail "resumed but $(threads) stress threads"
sleep 0.5
kill -TERM $pid
wait $pid
expect_grep '^  ! cpu was paused by the thermal guard for [0-9.]+s' "$scratch/pause.out" "the summary says how long it was paused"
expect_grep '^  thermal: thermal guard at 80 .C \(resume under 75 .C\): 1 pause, thermal throttle events: 3 core, 2 package' \
	"$scratch/pause.out" "the summary gives the guard's pauses and the throttle events over the run"
grep -qi 'nan' "$scratch/pause.out" && fail "nan in the output" || pass "no nan in the output"
/usr/bin/python3 - "$scratch/pause.json" <<'PY' && pass "the JSON report has the guard and the throttle events" || fail "JSON report"
import json, sys
s = json.load(open(sys.argv[1]))["stress"]
g = s["thermal_guard"]
assert g["max_temp_celsius"] == 80 and g["hysteresis_celsius"] == 5 and g["action"] == "pause", g
assert g["pauses"] == 1 and g["stopped"] is None, g
assert s["throttle_events"] == {"core": 3, "package": 2}, s["throttle_events"]
assert s["generators"][0]["seconds_paused"] > 0, s["generators"]
assert s["peaks"]["cpu_temp_celsius"] >= 70, s["peaks"]
PY

# stop: the stressors end, and so does a run that only stressed, with the reason
temp 95000
BENCHTOP_SYSFS_ROOT="$sys" timeout 120 "$BENCHTOP" -H -i 0.2 --cpu 1 --max-temp 80 --max-temp-action stop \
	--no-history -o "$scratch/stop.json" >"$scratch/stop.out" 2>&1
rc=$?
[ $rc -eq 1 ] && pass "the stop action ends a stress-only run with exit status 1" || fail "exit $rc: $(tail -3 "$scratch/stop.out")"
expect_grep 'thermal guard: stressors stopped: coretemp: Package id 0 at 95 .C' "$scratch/stop.out" "the log says why"
expect_grep 'run ended: the thermal guard stopped the stressors' "$scratch/stop.out" "and why the run ended"
/usr/bin/python3 - "$scratch/stop.json" <<'PY' && pass "the JSON report says why the stressors stopped" || fail "JSON stop"
import json, sys
g = json.load(open(sys.argv[1]))["stress"]["thermal_guard"]
assert g["action"] == "stop" and "over the 80" in g["stopped"], g
PY
finish
