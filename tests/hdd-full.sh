#!/bin/sh
# The disk stressor keeps off a full disk: on a small filesystem that something else fills,
# its worker stops with a message before free space falls under the reserve, and the
# machine's disk is never filled by us. The stop fails the run (exit 1: the load was not held),
# with the reason in the summary and every report; so does a disk stressor that cannot start
# at all, whose reports are written all the same. Needs root to mount a small tmpfs; skipped
# otherwise.
. "${top_srcdir}/tests/lib.sh"
mnt="$scratch/mnt"
mkdir -p "$mnt"
[ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=700m benchtop-test "$mnt" 2>/dev/null || {
	echo "cannot mount a tmpfs here (needs root): skipped"; exit 77; }
trap 'stop_instances; umount "$mnt" 2>/dev/null; umount "$scratch/tiny" 2>/dev/null; rm -rf "$scratch"' EXIT

"$BENCHTOP" --headless --interval 0.2 --duration 6 --format jsonl --hdd 1 --hdd-bytes 64M \
	--hdd-dir "$mnt" --no-history -o "$scratch/rep" >"$scratch/log" 2>"$scratch/err" &
pid=$!
sleep 1.5
# Another program takes most of the filesystem: 700M - 64M of ours - 560M leaves under the
# 512 MiB reserve.
dd if=/dev/zero of="$mnt/filler" bs=1M count=560 2>/dev/null && pass "the filler fits beside our file" \
	|| fail "the filler did not fit: our worker took more than it planned"
wait "$pid"
rc=$?
[ "$rc" -eq 1 ] && pass "a worker that could not hold the load fails the run" || fail "exit $rc: $(cat "$scratch/err")"
expect_grep "hdd: worker 1 stopped: free space in .* would fall under the 512 MiB reserve" "$scratch/err" \
	"the worker stops and says why"
expect_grep "^  ! hdd: worker 1 stopped: free space in .* would fall under the 512 MiB reserve" "$scratch/err" \
	"the summary says why it stopped"
expect_grep "^  result: FAILED: hdd: worker 1 stopped: free space" "$scratch/err" "and that the run failed"
/usr/bin/python3 - "$scratch"/rep/stress-*.json <<'PY' && pass "the JSON report has the stop and its reason" \
	|| fail "JSON: $(ls "$scratch/rep")"
import json, sys
s = json.load(open(sys.argv[1]))["stress"]
g = {x["name"]: x for x in s["generators"]}["hdd"]
assert g["state"] == "stopped" and g["stopped_workers"] == 1, g
assert "would fall under the 512 MiB reserve" in g["reason"], g
assert s["result"] == "failed" and "hdd: worker 1 stopped" in s["failure"], s
PY
expect_grep '<testcase classname="stress" name="hdd" .*>' "$(ls "$scratch"/rep/stress-*.xml)" "JUnit has a testcase for it"
expect_grep '<failure type="stopped" message="hdd: worker 1 stopped: free space' "$(ls "$scratch"/rep/stress-*.xml)" \
	"which failed with the reason"
expect_grep '^\| hdd \| .* \| stopped \|$' "$(ls "$scratch"/rep/stress-*.md)" "the Markdown report says stopped"
expect_grep '^- hdd: worker 1 stopped: free space' "$(ls "$scratch"/rep/stress-*.md)" "and why"
tail -1 "$scratch/log" | grep -q '"hdd":{"on":0' && pass "the log shows the generator off" \
	|| fail "last line: $(tail -1 "$scratch/log" | grep -o '"hdd":{[^}]*}')"
rm -f "$mnt/filler"
[ -z "$(ls -A "$mnt")" ] && pass "nothing of ours is left on the filesystem" || fail "left: $(ls -A "$mnt")"

# No room from the start: not started, said in the summary; the reports -o asked for are written.
mkdir "$scratch/tiny"
mount -t tmpfs -o size=2m benchtop-tiny "$scratch/tiny" || fail "cannot mount the 2 MiB tmpfs"
"$BENCHTOP" -H -i 0.2 -d 1 --hdd 1 --hdd-dir "$scratch/tiny" --no-history -o "$scratch/r6" >"$scratch/tiny.out" 2>&1
rc=$?
umount "$scratch/tiny"
[ "$rc" -eq 1 ] && pass "a disk stressor that cannot start fails the run" || fail "not started: exit $rc"
expect_grep "^  ! hdd: not started: .*tiny has .* free, within the 512 MiB reserve" "$scratch/tiny.out" \
	"the summary says it never started, and why"
ls "$scratch"/r6/stress-*.json "$scratch"/r6/stress-*.md "$scratch"/r6/stress-*.html "$scratch"/r6/stress-*.xml \
	>/dev/null 2>&1 && pass "its reports are written" || fail "reports: $(ls -A "$scratch/r6" 2>&1)"
/usr/bin/python3 - "$scratch"/r6/stress-*.json <<'PY' && pass "the JSON report says not started" || fail "JSON not started"
import json, sys
g = json.load(open(sys.argv[1]))["stress"]["generators"][0]
assert g["name"] == "hdd" and g["state"] == "not_started" and "within the 512 MiB reserve" in g["reason"], g
PY

# Reports onto a full filesystem: a clear message, exit 1, and no half-written file.
mkdir "$mnt/out"
dd if=/dev/zero of="$mnt/filler" bs=1M count=800 2>/dev/null
mkdir "$scratch/tmp"
TMPDIR="$scratch/tmp" "$BENCHTOP" --headless -i 0.2 --run "$top_srcdir/tests/suites/tiny.json" -o "$mnt/out" \
	>"$scratch/out" 2>"$scratch/err"
rc=$?
[ "$rc" -eq 1 ] && pass "reports on a full disk exit 1" || fail "full disk: exit $rc"
expect_grep "reports not written: .*No space left on device" "$scratch/err" "the full disk is named"
expect_grep "^tiny/nap +pass" "$scratch/out" "the results are still printed"
fb="$scratch/tmp/benchtop-results-$(id -u)"
expect_grep "kept in $fb/run-[0-9-]+\\.\\{json" "$scratch/err" "the message names the fallback directory"
ls "$fb"/run-*.json >/dev/null 2>&1 && grep -q '"name":[[:space:]]*"nap"' "$fb"/run-*.json \
	&& pass "the reports are kept in the fallback" || fail "fallback: $(ls -A "$fb" 2>&1)"
[ -z "$(find "$mnt/out" -name '.*tmp*' 2>/dev/null)" ] && pass "no temporary file is left" \
	|| fail "left: $(ls -A "$mnt/out")"
rm -f "$mnt/filler"
finish
