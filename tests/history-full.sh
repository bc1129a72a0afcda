#!/bin/sh
# The history database on a full disk and on a read-only filesystem: one clear line, the run's
# reports written anyway, exit 1, and the database as it was. Needs root to mount a small
# tmpfs; skipped otherwise.
. "${top_srcdir}/tests/lib.sh"
mnt="$scratch/mnt"
mkdir -p "$mnt"
[ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=2m benchtop-history-test "$mnt" 2>/dev/null || {
	echo "cannot mount a tmpfs here (needs root): skipped"; exit 77; }
trap 'stop_instances; umount "$mnt" 2>/dev/null; rm -rf "$scratch"' EXIT
suite="$top_srcdir/tests/suites/history-nap.json"
cd "$scratch"
db="$mnt/history.db"

expect_exit 0 "a first run is recorded" -- "$BENCHTOP" -H --log /dev/null -r "$suite" -o rep --history-db "$db"
runs() { "$BENCHTOP" history --history-db "$db" 2>&1 | tail -1; }
before=$(runs)
# Another program fills the filesystem.
dd if=/dev/zero of="$mnt/filler" bs=64k 2>/dev/null
expect_exit 1 "a run on a full disk exits 1" -- "$BENCHTOP" -H --log /dev/null -r "$suite" -o rep2 --history-db "$db"
expect_grep "^benchtop: history: .*history\.db: the disk is full$" "$scratch/err" "the full disk is one line"
[ "$(wc -l < "$scratch/err")" -eq 1 ] || fail "more than one line: $(cat "$scratch/err")"
ls rep2/run-*.json >/dev/null 2>&1 && pass "the reports are written anyway" || fail "no reports"
rm -f "$mnt/filler"
[ "$(runs)" = "$before" ] && pass "the database is as it was" || fail "runs: $(runs), before: $before"
expect_exit 0 "with room again, a run is recorded" -- "$BENCHTOP" -H --log /dev/null -r "$suite" -o rep3 --history-db "$db"

mount -o remount,ro "$mnt" || fail "remount read-only"
expect_exit 1 "a run on a read-only filesystem exits 1" -- "$BENCHTOP" -H --log /dev/null -r "$suite" -o rep4 --history-db "$db"
expect_grep "^benchtop: history: .*history\.db: the database is read-only \(Read-only file system\)$" "$scratch/err" \
	"the read-only database is one line"
[ "$(wc -l < "$scratch/err")" -eq 1 ] || fail "more than one line: $(cat "$scratch/err")"
ls rep4/run-*.json >/dev/null 2>&1 && pass "the reports are written anyway" || fail "no reports"
finish
