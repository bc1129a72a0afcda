#!/bin/sh
# throttle.sh - why clocks are held down, in the dashboard: the CPUs' thermal throttle events
# since the run began (a fake sysfs tree whose counters the test raises), and each GPU's
# slowdown reasons as the driver gives them (the fake NVML).
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
. "${top_srcdir}/tests/tmux-lib.sh"
nvml="$top_builddir/tests/libnvidia-ml-fake.so"
sys="$scratch/sys"
count() {   # count CPU FILE VALUE
	mkdir -p "$sys/devices/system/cpu/cpu$1/thermal_throttle"
	echo "$3" > "$sys/devices/system/cpu/cpu$1/thermal_throttle/$2_throttle_count"
}
count 0 core 5; count 0 package 7; count 1 core 4; count 1 package 7

# 0x24: the power cap (0x04) and the software thermal limit (0x20) hold the clocks
start 120 40 "BENCHTOP_SYSFS_ROOT='$sys' BENCHTOP_NVML_LIB='$nvml' FAKE_NVML_REASONS=0x24" \
	--no-report --no-history -i 0.2
wait_for 'q quit' 20 || fail "the dashboard did not start: $(cat "$scratch/screen")"
wait_for '1410 ?MHz thermal power' 10 && pass "a GPU's line says why its clock is held: thermal, power" \
	|| fail "GPU reasons: $(cat "$scratch/screen")"
grep -q 'throttled' "$scratch/screen" && fail "throttle events before any: $(cat "$scratch/screen")" \
	|| pass "no throttle event since the start: nothing said"
count 0 core 8; count 0 package 9; count 1 package 9
wait_for 'throttled 3 core, 2 pkg' 10 && pass "the CPU box counts the throttle events since the start" \
	|| fail "throttle events: $(cat "$scratch/screen")"
t send-keys -t bt q
t kill-session -t bt

# The same in each headless log format: the events since the start, and the GPUs' reasons.
for fmt in jsonl csv text; do
	count 0 core 5; count 0 package 7; count 1 core 4; count 1 package 7
	BENCHTOP_SYSFS_ROOT="$sys" BENCHTOP_NVML_LIB="$nvml" FAKE_NVML_REASONS=0x24 \
		"$BENCHTOP" -H --format "$fmt" --log "log.$fmt" -i 0.2 -d 3 --no-report --no-history 2>/dev/null &
	bt=$!
	sleep 1.2
	count 0 core 8; count 0 package 9; count 1 package 9
	wait "$bt" || fail "$fmt log run: exit $?"
	cp "log.$fmt" "$scratch/log"
	case $fmt in
	jsonl) expect_grep '"throttle_core":3,"throttle_pkg":2}' "$scratch/log" "jsonl: the throttle events since the start"
	       expect_grep '"slowdown":\["thermal","power"\]' "$scratch/log" "jsonl: each GPU's slowdown reasons" ;;
	csv)   head -1 "$scratch/log" | grep -q ',throttle_core,throttle_pkg,.*,gpu0_slowdown,gpu1_slowdown' &&
	       pass "csv: throttle and slowdown columns" || fail "csv header: $(head -1 "$scratch/log")"
	       expect_grep ',3,2,.*,thermal\+power,thermal\+power' "$scratch/log" "csv: the events and the reasons" ;;
	text)  expect_grep 'throttled 3 core, 2 pkg' "$scratch/log" "text: the throttle events since the start"
	       expect_grep 'gpu0 .*\(thermal\+power\)' "$scratch/log" "text: each GPU's reasons" ;;
	esac
done
finish
