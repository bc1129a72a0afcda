#!/bin/sh
# A detached run's end reaches whoever follows it: benchtop attach prints its verdict and exits
# with its exit status, benchtop stop prints the same (and exits 0: it did stop it); the reports' path is absolute, as the viewer or
# stop may be in another directory than the run. The failing stress part needs root (a tmpfs).
. "${top_srcdir}/tests/lib.sh"
mkdir "$scratch/w"
cp "$top_srcdir/tests/suites/tiny.json" "$scratch/w/"

id=$(cd "$scratch/w" && "$BENCHTOP" --detach --no-history -i 0.2 -r tiny.json -d 3 2>/dev/null)
[ -n "$id" ] || fail "no id from --detach"
(cd / && "$BENCHTOP" attach -H "$id" >"$scratch/a1" 2>&1)
rc=$?
[ "$rc" -eq 0 ] && pass "attach to a run that passes exits 0" || fail "attach: exit $rc: $(cat "$scratch/a1")"
expect_grep "ended: duration reached; tests: 5 pass, 0 fail, 0 error; reports: $scratch/w/benchtop-results/run-" \
	"$scratch/a1" "the viewer's end line has the verdict and an absolute path"

id=$(cd "$scratch/w" && "$BENCHTOP" --detach --no-history -i 0.2 -r tiny.json -d 60 2>/dev/null)
sleep 1
(cd / && "$BENCHTOP" stop "$id" >"$scratch/s1" 2>&1)
rc=$?
[ "$rc" -eq 0 ] && pass "stop of a run that passes exits 0" || fail "stop: exit $rc: $(cat "$scratch/s1")"
expect_grep "^stopped $id: stopped \\(benchtop stop\\); tests: 5 pass.*; reports: $scratch/w/benchtop-results/run-.*; exit status 0" \
	"$scratch/s1" "stop says how the run ended and where its reports are"

mnt="$scratch/m"
mkdir "$mnt"
[ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=2m benchtop-verdict "$mnt" 2>/dev/null || {
	echo "the failing stress part needs root to mount a tmpfs: skipped"; finish; }
trap 'stop_instances; umount "$mnt" 2>/dev/null; rm -rf "$scratch"' EXIT
id=$("$BENCHTOP" --detach --no-history -i 0.2 --cpu 1 --cpu-load 10 --hdd 1 --hdd-dir "$mnt" -d 2 2>/dev/null)
"$BENCHTOP" attach -H "$id" >"$scratch/a2" 2>&1
rc=$?
[ "$rc" -eq 1 ] && pass "attach to a failing stress run exits 1" || fail "attach: exit $rc: $(cat "$scratch/a2")"
expect_grep "ended: duration reached; stress FAILED: hdd: not started: " "$scratch/a2" "and says it failed, and why"
id=$("$BENCHTOP" --detach --no-history -i 0.2 --cpu 1 --cpu-load 10 --hdd 1 --hdd-dir "$mnt" -d 60 2>/dev/null)
sleep 1
"$BENCHTOP" stop "$id" >"$scratch/s2" 2>&1
rc=$?
[ "$rc" -eq 0 ] && pass "stop of a failing stress run exits 0: it stopped it" || fail "stop: exit $rc: $(cat "$scratch/s2")"
expect_grep "^stopped $id: stopped \\(benchtop stop\\); stress FAILED: hdd: not started: .*; exit status 1" \
	"$scratch/s2" "stop says it failed"
umount "$mnt"
finish
