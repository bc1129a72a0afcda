#!/bin/sh
# When a run with stressors ends (--duration, SIGTERM, benchtop stop), a summary per generator:
# time on, target, achieved mean and min, work, errors, the machine's peaks; the same in every
# report (JSON stress section, Markdown, HTML), a stress-only run's reports included; MiB/s as the
# one rate unit; never "nan".
. "$top_srcdir/tests/lib.sh"
XDG_RUNTIME_DIR="$scratch/rt"; export XDG_RUNTIME_DIR
mkdir -m 700 "$XDG_RUNTIME_DIR"

check_json() {   # FILE: the stress section's shape and figures
	/usr/bin/python3 - "$1" <<'PY'
import json, math, sys
s = json.load(open(sys.argv[1]))["stress"]
g = {x["name"]: x for x in s["generators"]}
cpu, vm = g["cpu"], g["vm"]
assert cpu["unit"] == "%" and cpu["target"] == 20 and cpu["workers"] == 1, cpu
assert cpu["seconds_on"] > 0 and cpu["achieved_mean"] > 0 and cpu["work_unit"] == "ops" and cpu["work"] > 0, cpu
assert cpu["errors"] is None, cpu                      # the cpu stressor checks no results
assert vm["unit"] == "MiB/s" and vm["target"] is None and vm["work_unit"] == "B" and vm["work"] > 0, vm
for k in ("cpu_temp_celsius", "cpu_clock_mhz_high", "package_power_watts", "gpu_temp_celsius"):
    assert k in s["peaks"], s["peaks"]
assert set(s["throttle_events"]) == {"core", "package"}, s
assert s["ended_unix"] >= s["started_unix"], s
PY
}

# --duration, a stress-only run with --report DIR: every format
"$BENCHTOP" -H -i 0.2 -d 3 --cpu 1 --cpu-load 20 --vm 1 --vm-bytes 16M --no-history -o "$scratch/dur" \
	>"$scratch/dur.out" 2>&1
rc=$?
[ $rc -eq 0 ] && pass "a stress-only run with -d exits 0" || fail "exit $rc: $(tail -3 "$scratch/dur.out")"
expect_grep '^stress summary' "$scratch/dur.out" "the summary is printed at the end"
expect_grep '^  cpu  1 worker, on [0-9.]+s, target 20 %, achieved mean [0-9.]+ %, min [0-9.-]+( %)?, work [0-9.]+( [kMG])? ops$' \
	"$scratch/dur.out" "cpu: time on, target, mean, min, work in ops"
expect_grep '^  vm   1 worker, on [0-9.]+s, target none, achieved mean [0-9.]+ [KMG]iB/s, .*work [0-9.]+ [KMG]?i?B' \
	"$scratch/dur.out" "vm: MiB/s and the bytes touched"
expect_grep '^  while stressed: ' "$scratch/dur.out" "the machine's peaks (or that it has none)"
expect_grep '^reports: .*/stress-[0-9]{8}-[0-9]{6}\.\{' "$scratch/dur.out" "a stress-only run writes its reports where -o says"
json=$(ls "$scratch"/dur/stress-*.json 2>/dev/null | head -1)
[ -n "$json" ] && check_json "$json" && pass "the JSON report has the stress section" || fail "JSON stress section: $json"
md=$(ls "$scratch"/dur/stress-*.md 2>/dev/null | head -1)
expect_grep '^## Stress' "$md" "the Markdown report has a Stress section"
expect_grep '^\| cpu \| 1 \| [0-9.]+s \| 20 % \|' "$md" "with a row per generator"
html=$(ls "$scratch"/dur/stress-*.html 2>/dev/null | head -1)
expect_grep '<h2>Stress</h2>' "$html" "the HTML report has a Stress section"
grep -qi 'nan' "$scratch/dur.out" "$json" "$md" "$html" && fail "nan in the output or reports" || pass "no nan anywhere"
grep -q 'MB/s' "$scratch/dur.out" "$md" && fail "MB/s next to MiB/s" || pass "one rate unit: MiB/s"

# Time on runs from the start to the stop, the first and the last partial interval included:
# a sample a second over 1.5 s is 1.5 s on, with a mean.
"$BENCHTOP" -H -i 1 -d 1.5 --cpu 1 --cpu-load 20 --no-history --no-report >"$scratch/one.out" 2>&1
expect_grep '^  cpu  1 worker, on 1\.[4-6][0-9]*s, target 20 %, achieved mean [0-9.]+ %' "$scratch/one.out" \
	"time on is the run's, and there is a mean"

# SIGTERM while a suite runs with a stressor: the summary, and the stress section in the run's report
cat >"$scratch/long.json" <<'SUITE'
{ "name": "long", "defaults": { "warmup": 0, "iterations": 400, "timeout": "10s" },
  "tests": [ { "name": "nap", "kind": "shell", "run": "sleep 0.05" } ] }
SUITE
"$BENCHTOP" -H -i 0.2 --cpu 1 --cpu-load 20 --vm 1 --vm-bytes 16M --no-history -r "$scratch/long.json" \
	-o "$scratch/term.json" >"$scratch/term.out" 2>&1 &
pid=$!
i=0
while [ $i -lt 600 ] && ! grep -qE ' cpu [0-9.]+ %' "$scratch/term.out"; do sleep 0.1; i=$((i + 1)); done
sleep 1
kill -TERM $pid
wait $pid
expect_grep '^  cpu  1 worker, on ' "$scratch/term.out" "SIGTERM: the summary still comes"
check_json "$scratch/term.json" && pass "the suite's JSON report carries the stress section" || fail "no stress in $scratch/term.json"

# A suite that finishes first: its reports, written then, carry what the stressors did so far
"$BENCHTOP" -H -i 0.2 --cpu 1 --cpu-load 20 --vm 1 --vm-bytes 16M --no-history -r "$top_srcdir/tests/suites/tiny.json" \
	-o "$scratch/done.json" >"$scratch/done.out" 2>&1
[ $? -eq 0 ] && /usr/bin/python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["stress"]
assert {g["name"] for g in s["generators"]} == {"cpu", "vm"}, s' "$scratch/done.json" \
	&& pass "a finished suite's report has the stress section" \
	|| fail "no stress in $scratch/done.json: $(tail -3 "$scratch/done.out")"

# benchtop stop
"$BENCHTOP" -H -i 0.2 --cpu 1 --cpu-load 20 --vm 1 --vm-bytes 16M --no-history --no-report >"$scratch/stop.out" 2>&1 &
pid=$!
i=0
while [ $i -lt 600 ] && ! grep -qE ' cpu [0-9.]+ %' "$scratch/stop.out"; do sleep 0.1; i=$((i + 1)); done
expect_exit 0 "benchtop stop ends it" -- "$BENCHTOP" stop "$pid"
wait $pid
expect_grep '^  cpu  1 worker, on ' "$scratch/stop.out" "benchtop stop: the summary still comes"

# The GPU stressor's result errors (a fake libcuda that corrupts every 5th FMA launch on GPU 0)
cuda="$top_builddir/tests/libcuda-fake.so"
if [ -f "$cuda" ]; then
	BENCHTOP_CUDA_LIB="$cuda" BENCHTOP_NVML_LIB="$top_builddir/tests/libnvidia-ml-fake.so" FAKE_CUDA_CORRUPT_EVERY=5 \
		"$BENCHTOP" -H -i 0.2 -d 4 --gpu all --gpu-load 50 --gpu-method fma --no-history -o "$scratch/gpu" \
		>"$scratch/gpu.out" 2>&1
	cp "$scratch"/gpu/stress-*.json "$scratch/gpu.json"; cp "$scratch"/gpu/stress-*.md "$scratch/gpu.md"
	cp "$scratch"/gpu/stress-*.html "$scratch/gpu.html"
	expect_grep '^  gpu  2 workers, on [0-9.]+s, target 50 %, .*, [1-9][0-9]* errors$' "$scratch/gpu.out" \
		"the summary counts the GPU stressor's result errors"
	expect_grep '^       GPU 0 0000:AF:00.0: FAULTY, [1-9][0-9]* errors? in [0-9]+ checks$' "$scratch/gpu.out" \
		"the summary names the GPU whose results were wrong"
	expect_grep '^       GPU 1 0000:3B:00.0: OK, 0 errors in [1-9][0-9]* checks$' "$scratch/gpu.out" \
		"and the one whose results were right"
	/usr/bin/python3 - "$scratch/gpu.json" <<'PY' && pass "and so does the JSON report" || fail "gpu errors in $scratch/gpu.json"
import json, sys
g = {x["name"]: x for x in json.load(open(sys.argv[1]))["stress"]["generators"]}["gpu"]
assert g["errors"] >= 1 and g["unit"] == "%" and g["target"] == 50, g
d = {x["name"]: x for x in g["devices"]}
assert d["GPU 0 0000:AF:00.0"]["errors"] >= 1 and d["GPU 1 0000:3B:00.0"]["errors"] == 0, d
assert d["GPU 1 0000:3B:00.0"]["checks"] > 0 and sum(x["errors"] for x in d.values()) == g["errors"], d
PY
	expect_grep '^- gpu: GPU 0 0000:AF:00.0: FAULTY, [1-9][0-9]* errors? in [0-9]+ checks$' "$scratch/gpu.md" \
		"the Markdown report names the faulty GPU"
	expect_grep '^- gpu: GPU 1 0000:3B:00.0: OK, 0 errors in [1-9][0-9]* checks$' "$scratch/gpu.md" \
		"and the sound one"
	expect_grep '^<li class="fail">gpu: GPU 0 0000:AF:00.0: FAULTY, ' "$scratch/gpu.html" \
		"the HTML report marks the faulty GPU"
	expect_grep '^<li>gpu: GPU 1 0000:3B:00.0: OK, 0 errors' "$scratch/gpu.html" "and not the sound one"
else
	echo "no $cuda: the GPU part is left out"
fi
finish
