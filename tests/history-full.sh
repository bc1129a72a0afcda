#!/bin/sh
# The history database on a full disk and on a read-only filesystem: one clear line, the run's
# reports written anyway, exit 1, and the database as it was (none, when the run would have
# made it). Needs root to mount a small tmpfs; skipped otherwise.
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

# A database the run would create, on a disk with no room, room for its schema but not the run,
# or room for both: it appears with the run in it or not at all (an empty file left behind read
# as a database from an older benchtop).
new="$mnt/new.db"
for room in 0 32 64 96 512; do
	avail=$(df -k --output=avail "$mnt" | tail -1)
	dd if=/dev/zero of="$mnt/filler" bs=4k count=$(((avail - room) / 4)) 2>/dev/null
	"$BENCHTOP" -H --log /dev/null -r "$suite" -o "new$room" --history-db "$new" >"$scratch/out" 2>"$scratch/err"
	rc=$?
	if [ $rc -eq 1 ]; then
		expect_grep "^benchtop: history: .*new\.db: the disk is full$" "$scratch/err" "$room KiB free: the full disk is one line"
		ls "$mnt"/new.db* >/dev/null 2>&1 && fail "$room KiB free: left behind: $(ls -l "$mnt")" \
			|| pass "$room KiB free: no database file left behind"
		expect_exit 0 "$room KiB free: history afterwards" -- "$BENCHTOP" history --history-db "$new"
		expect_grep "^no runs recorded yet in $new$" "$scratch/out" "$room KiB free: nothing recorded yet"
	elif [ $rc -eq 0 ] && [ "$room" -gt 0 ]; then
		expect_grep "^history: run 1 recorded in $new$" "$scratch/out" "$room KiB free: the run is recorded whole"
		rm -f "$new" "$new-wal" "$new-shm"
	else
		fail "$room KiB free: exit $rc: $(cat "$scratch/err")"
	fi
	rm -f "$mnt/filler"
done

mount -o remount,ro "$mnt" || fail "remount read-only"
expect_exit 1 "a run on a read-only filesystem exits 1" -- "$BENCHTOP" -H --log /dev/null -r "$suite" -o rep4 --history-db "$db"
expect_grep "^benchtop: history: .*history\.db: the database is read-only \(Read-only file system\)$" "$scratch/err" \
	"the read-only database is one line"
[ "$(wc -l < "$scratch/err")" -eq 1 ] || fail "more than one line: $(cat "$scratch/err")"
ls rep4/run-*.json >/dev/null 2>&1 && pass "the reports are written anyway" || fail "no reports"
finish
