#!/bin/sh
# The headless log: one complete line per interval in each format, --duration ends the run,
# signals end it cleanly, --log writes a file.
. "${top_srcdir}/tests/lib.sh"

# jsonl: 0.1 s for 1.05 s gives about 10 lines, each a whole JSON object with the named fields.
expect_exit 0 "jsonl run with --duration" -- "$BENCHTOP" --headless --interval 0.1 --duration 1.05 --format jsonl
lines=$(wc -l < "$scratch/out")
[ "$lines" -ge 8 ] && [ "$lines" -le 11 ] && pass "jsonl: $lines lines in 1.05 s" || fail "jsonl: $lines lines in 1.05 s at 0.1 s"
bad=$(grep -cvE '^\{"t":[0-9]+\.[0-9]+,"cpu":\{"total":.*"mem":\{"used":.*"swap":\{.*"disk":\{.*"net":\{.*"gpu":\[.*"sensors":\{.*\}$' "$scratch/out")
[ "$bad" -eq 0 ] && pass "every jsonl line has t, cpu, mem, swap, disk, net, gpu, sensors" || fail "$bad malformed jsonl lines: $(head -2 "$scratch/out")"

# csv: header once, then rows with as many cells as the header.
expect_exit 0 "csv run" -- "$BENCHTOP" -H -i 0.1 -d 0.55 --format csv
head -1 "$scratch/out" | grep -q '^t,cpu_total,cpu_user' && pass "csv header first" || fail "csv header: $(head -1 "$scratch/out")"
[ "$(grep -c '^t,' "$scratch/out")" -eq 1 ] && pass "csv header once" || fail "csv header repeated"
awk -F, 'NR==1{n=NF} NF!=n{bad=1} END{exit bad}' "$scratch/out" && pass "csv rows match the header" || fail "csv ragged rows"

# --log FILE and SIGTERM: the file ends with a complete line and the process exits 0.
"$BENCHTOP" --headless --interval 0.05 --log "$scratch/log.jsonl" --format jsonl 2>"$scratch/err" &
pid=$!
sleep 1
kill -TERM "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 0 ] && pass "SIGTERM ends the run with exit 0" || fail "SIGTERM: exit $rc"
[ -s "$scratch/log.jsonl" ] && [ "$(tail -c 1 "$scratch/log.jsonl" | od -An -c | tr -d ' ')" = '\n' ] \
	&& pass "log file ends with a complete line" || fail "log file incomplete"
grep -q 'run ended: terminated (SIGTERM)' "$scratch/err" && pass "the end is explained on stderr" \
	|| fail "no end note: $(cat "$scratch/err")"

# SIGHUP (an SSH drop) and SIGINT end it the same way.
for sig in HUP INT; do
	"$BENCHTOP" --headless --interval 0.1 >"$scratch/out" 2>&1 &
	pid=$!
	sleep 0.5
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	[ "$rc" -eq 0 ] && pass "SIG$sig ends the run with exit 0" || fail "SIG$sig: exit $rc"
done

# a log that cannot be opened is a clear error
expect_exit 2 "unwritable --log" -- "$BENCHTOP" --headless --log /nonexistent/dir/x.log -d 1
expect_grep "--log /nonexistent/dir/x.log: No such file or directory" "$scratch/err" "unwritable --log names the file"

# a full disk: the run ends with exit 1 and says why
if [ -w /dev/full ]; then
	expect_exit 1 "a log on a full disk" -- "$BENCHTOP" --headless --interval 0.1 --log /dev/full -d 3
	expect_grep "writing the log: No space left on device" "$scratch/err" "the full disk is named"
fi
# a disk that fills in the middle of a line: the log still ends with a whole line
mnt="$scratch/small"
mkdir "$mnt"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k benchtop-test "$mnt" 2>/dev/null; then
	expect_exit 1 "a JSONL log that fills its disk" -- \
		"$BENCHTOP" --headless --interval 0.05 -d 20 --format jsonl --log "$mnt/l.jsonl"
	[ "$(tail -c 1 "$mnt/l.jsonl" | od -An -c | tr -d ' ')" = '\n' ] &&
		pass "the filled log ends with a whole line" || fail "the filled log ends mid-line: $(tail -c 60 "$mnt/l.jsonl")"
	bad=$(grep -cv '^{.*}$' "$mnt/l.jsonl")
	[ "$bad" -eq 0 ] && pass "every line of the filled log is whole" || fail "$bad partial lines in the filled log"
	umount "$mnt"
fi

# a reader that goes away (| head) ends the run quietly
"$BENCHTOP" --headless --interval 0.05 --format jsonl | head -n 3 > "$scratch/out"
[ "$(wc -l < "$scratch/out")" -eq 3 ] && pass "closed pipe ends the run" || fail "closed pipe"
finish
