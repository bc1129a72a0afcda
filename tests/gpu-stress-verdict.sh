#!/bin/sh
# gpu-stress-verdict.sh - what the gpu stressor says about each GPU, through the binary on the
# fake libcuda and NVML. A GPU that fails while stressed (a launch failure, one that falls off
# the bus, an Xid from the driver) is STOPPED, with the error, in the summary and in the JSON,
# Markdown, HTML and JUnit reports, and the run exits 1. A GPU that checked nothing is never
# "OK", and each verdict is given once. The busy % never passes 100.
. "${top_srcdir}/tests/lib.sh"
BENCHTOP_CUDA_LIB="$top_builddir/tests/libcuda-fake.so"; export BENCHTOP_CUDA_LIB
BENCHTOP_NVML_LIB="$top_builddir/tests/libnvidia-ml-fake.so"; export BENCHTOP_NVML_LIB
[ -f "$BENCHTOP_CUDA_LIB" ] || { echo "no fake libcuda: build it with make check"; exit 77; }

# The fake runs its kernels on the CPU, here maybe a loaded or sanitized one: a run goes until
# what the test waits for has happened, then ends as benchtop stop ends it.
# start OUT ERR ARGS...: benchtop with ARGS in the background, its output to OUT and ERR.
start() {
	out=$1 err=$2; shift 2
	"$BENCHTOP" "$@" >"$out" 2>"$err" &
	pid=$!
}
# seen PATTERN: until the run's output shows PATTERN (120 s at most).
seen() {
	i=0
	while [ $i -lt 1200 ] && ! grep -qE -- "$1" "$out" "$err" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
	[ $i -lt 1200 ] || fail "no /$1/ in 120 s: $(tail -5 "$out" "$err")"
}
# stop: SIGTERM, and the run's exit status in rc.
stop() {
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
}

# A launch failure on GPU 0, the only one stressed; jsonl, so the summary goes to stderr.
FAKE_CUDA_DEVICE=0 FAKE_CUDA_FAIL_AFTER=5; export FAKE_CUDA_DEVICE FAKE_CUDA_FAIL_AFTER
start "$scratch/r3.log" "$scratch/r3.err" -H -i 0.2 -d 300 --gpu 1 --format jsonl --no-history -o "$scratch/r3"
seen "GPU 0 .* stopped: "
stop
[ $rc -eq 1 ] && pass "a launch failure fails the run" || fail "launch failure: exit $rc"
expect_grep "^       GPU 0 0000:AF:00.0: STOPPED, 0 errors in [0-9]+ checks?: cuLaunchKernel: CUDA_ERROR_LAUNCH_FAILED" \
	"$scratch/r3.err" "the summary says the GPU stopped, and why"
expect_grep "^  result: FAILED: gpu: GPU 0 0000:AF:00.0: STOPPED" "$scratch/r3.err" "and that the run failed"
/usr/bin/python3 - "$scratch"/r3/stress-*.json <<'PY' && pass "the JSON report: the GPU stopped, with the error" || fail "JSON"
import json, sys
s = json.load(open(sys.argv[1]))["stress"]
g = s["generators"][0]
d = g["devices"][0]
assert d["name"] == "GPU 0 0000:AF:00.0" and d["errors"] == 0 and d["checks"] >= 0, d    # the old fields stay
assert d["state"] == "stopped" and "CUDA_ERROR_LAUNCH_FAILED" in d["reason"], d
assert g["state"] == "stopped" and g["stopped_workers"] == 1, g
assert s["result"] == "failed" and "STOPPED" in s["failure"], s
PY
expect_grep "^- gpu: GPU 0 0000:AF:00.0: STOPPED, 0 errors in [0-9]+ checks?: cuLaunchKernel: CUDA\\\\_ERROR" \
	"$(ls "$scratch"/r3/stress-*.md)" "the Markdown report"
expect_grep '^<li class="fail">gpu: GPU 0 0000:AF:00.0: STOPPED, ' "$(ls "$scratch"/r3/stress-*.html)" "the HTML report"
xml=$(ls "$scratch"/r3/stress-*.xml)
expect_grep '<testcase classname="stress.gpu" name="GPU 0 0000:AF:00.0"' "$xml" "JUnit: a testcase for the GPU"
expect_grep '<failure type="stopped" message="GPU 0 0000:AF:00.0: STOPPED, ' "$xml" "which failed"
grep -q 'OK, 0 errors' "$scratch/r3.err" "$scratch"/r3/stress-*.md && fail "a stopped GPU said OK" \
	|| pass "nothing says it was OK"

# A suite run with the stressor: its reports, written when the suite ends, are written again at
# the end with what became of the GPU; JUnit has the suite's testsuite and the stress one.
start "$scratch/suite.out" "$scratch/suite.err" -H -i 0.2 -d 300 --gpu 1 --no-history \
	-r "$top_srcdir/tests/suites/tiny.json" -o "$scratch/suite"
seen "GPU 0 .* stopped: "
seen "^\\[5/5\\] "	# the suite's last test; its "reports:" line comes only when the run ends
i=0; until ls "$scratch"/suite/run-*.json >/dev/null 2>&1 || [ $i -ge 600 ]; do sleep 0.1; i=$((i + 1)); done
stop
unset FAKE_CUDA_DEVICE FAKE_CUDA_FAIL_AFTER
[ $rc -eq 1 ] && pass "a suite run whose GPU stressor failed exits 1" \
	|| fail "suite run: exit $rc: $(grep -E 'GPU|result' "$scratch/suite.out" "$scratch/suite.err")"
/usr/bin/python3 - "$scratch"/suite/run-*.json <<'PY' && pass "the suite's JSON report has the stopped GPU" || fail "suite JSON"
import json, sys
r = json.load(open(sys.argv[1]))
assert all(t["status"] == "pass" for t in r["tests"]), r["tests"]
d = r["stress"]["generators"][0]["devices"][0]
assert d["state"] == "stopped" and r["stress"]["result"] == "failed", r["stress"]
PY
xml=$(ls "$scratch"/suite/run-*.xml)
expect_grep '<testsuite name="tiny" ' "$xml" "its JUnit report has the suite's testsuite"
expect_grep '<failure type="stopped" message="GPU 0 0000:AF:00.0: STOPPED, ' "$xml" "and the stress one, failed"

# A GPU that faults before any sample shows it (here none comes in 10 s): the summary still
# says it stopped, and the run fails.
FAKE_CUDA_DEVICE=0 FAKE_CUDA_FAIL_AFTER=5; export FAKE_CUDA_DEVICE FAKE_CUDA_FAIL_AFTER
start "$scratch/nosample.out" "$scratch/nosample.err" -H -i 10 -d 300 --gpu 1 --no-history --no-report
seen "GPU 0 .* stopped: "
stop
unset FAKE_CUDA_DEVICE FAKE_CUDA_FAIL_AFTER
[ $rc -eq 1 ] && pass "a GPU that stopped between samples fails the run" || fail "no sample: exit $rc"
expect_grep "^       GPU 0 0000:AF:00.0: STOPPED, " "$scratch/nosample.out" "and the summary says it stopped"

# GPU 1 falls off the bus; GPU 0 is not blamed. Small launches: the fake runs them on the CPU.
FAKE_CUDA_DEVICE=1 FAKE_CUDA_LOSE_AFTER=20; export FAKE_CUDA_DEVICE FAKE_CUDA_LOSE_AFTER
start "$scratch/lost.out" "$scratch/lost.out" -H -i 0.2 -d 300 --gpu all --gpu-blocks 8 --no-history --no-report
seen "GPU 1 .* stopped: "
stop
unset FAKE_CUDA_DEVICE FAKE_CUDA_LOSE_AFTER
[ $rc -eq 1 ] && pass "a GPU off the bus fails the run" || fail "off the bus: exit $rc"
expect_grep "^       GPU 1 0000:3B:00.0: STOPPED, 0 errors in [0-9]+ checks?: .*CUDA_ERROR_UNKNOWN" "$scratch/lost.out" \
	"the summary: GPU 1 stopped"
expect_grep "^       GPU 0 0000:AF:00.0: (OK, 0 errors in [1-9][0-9]* checks?|NOT CHECKED, 0 errors in 0 checks)$" \
	"$scratch/lost.out" "GPU 0 is not called stopped"

# The driver reports Xid 79 for the A100 (NVML's index 0, CUDA's GPU 1).
FAKE_NVML_XID=79 FAKE_NVML_XID_GPU=0; export FAKE_NVML_XID FAKE_NVML_XID_GPU
start "$scratch/xid.out" "$scratch/xid.out" -H -i 0.2 -d 300 --gpu all --gpu-blocks 8 --no-history --no-report
seen "GPU 1 .* stopped: Xid"
stop
unset FAKE_NVML_XID FAKE_NVML_XID_GPU
[ $rc -eq 1 ] && pass "an Xid fails the run" || fail "Xid: exit $rc"
expect_grep "^       GPU 1 0000:3B:00.0: STOPPED, 0 errors in [0-9]+ checks?: Xid 79 from the driver: the GPU fell off the bus$" \
	"$scratch/xid.out" "the summary: GPU 1 stopped on Xid 79"

# The thermal guard stops the stressors at once: the GPU's verdict once, and not OK unchecked.
cp -R "$top_srcdir/tests/fixtures/sysfs" "$scratch/fsys"
chmod -R u+w "$scratch/fsys"
BENCHTOP_SYSFS_ROOT="$scratch/fsys" "$BENCHTOP" -H -d 4 --gpu 1 --max-temp 60 --max-temp-action stop --no-history \
	--no-report >"$scratch/guard.out" 2>&1
expect_grep "thermal guard: stressors stopped" "$scratch/guard.out" "the guard stops the stressors"
n=$(grep -c "GPU 0 .*errors in" "$scratch/guard.out")
[ "$n" -eq 1 ] && pass "the GPU's verdict is given once" || fail "$n verdicts: $(grep 'errors in' "$scratch/guard.out")"
grep -q "OK, 0 errors in 0 checks" "$scratch/guard.out" && fail "OK with nothing checked" \
	|| pass "a GPU with no check is not OK"
expect_grep "^       GPU 0 0000:AF:00.0: (NOT CHECKED, 0 errors in 0 checks|OK, 0 errors in [1-9][0-9]* checks?)$" \
	"$scratch/guard.out" "the summary's line for it"
grep -q "result: FAILED" "$scratch/guard.out" && fail "the guard's stop made the GPU fail" \
	|| pass "the guard's stop is no GPU failure"

# Busy %: the mean over the GPUs running, each at most 100 %, in every log line and the summary.
FAKE_CUDA_DEVICE=0 FAKE_CUDA_CORRUPT_EVERY=10 "$BENCHTOP" -H -i 0.2 -d 3 --gpu all --gpu-method fma --format jsonl \
	--no-history --no-report >"$scratch/busy.log" 2>"$scratch/busy.err"
/usr/bin/python3 - "$scratch/busy.log" <<'PY' && pass "the gpu row's busy % stays within 0..100" || fail "busy % over 100"
import json, sys
seen = [json.loads(l)["stress"]["gpu"]["achieved"] for l in open(sys.argv[1]) if '"gpu":{"on":1' in l]
assert seen and all(0 <= a <= 100 for a in seen), seen
PY
expect_grep "^  gpu  2 workers, on [0-9.]+s, target 100 %, achieved mean ([0-9]|[1-9][0-9]|100)(\.[0-9]+)? %" \
	"$scratch/busy.err" "and the summary's mean"
finish
