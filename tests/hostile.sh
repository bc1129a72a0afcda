#!/bin/sh
# Hostile and broken input, through the real binary: FIFOs and devices refused at once, files
# and matrices past their limits refused naming the limit, long paths refused rather than cut,
# numbers out of range refused, escape sequences in names never written raw, and reports that
# keep hostile names as text (JUnit parsed by python's xml.etree). Inputs that once crashed or
# hung live in tests/fuzz/regress and are replayed by tests/fuzz/replay-*.
. "${top_srcdir}/tests/lib.sh"
regress="$top_srcdir/tests/fuzz/regress"
cd "$scratch"
esc=$(printf '\033')

# run_bt DESCRIPTION CODE PATTERN -- ARGS...: benchtop ARGS within 60 s, its exit code and stderr.
run_bt() {
	what=$1 want=$2 pat=$3; shift 4
	timeout 60 "$BENCHTOP" "$@" >"$scratch/out" 2>"$scratch/err" </dev/null
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$what: exit $got, expected $want; stderr: $(head -c 300 "$scratch/err")"
	elif [ -n "$pat" ] && ! grep -qE -- "$pat" "$scratch/err"; then
		fail "$what: /$pat/ not in stderr: $(head -c 300 "$scratch/err")"
	else
		pass "$what"
	fi
}

# 1. FIFOs and devices: refused at once, not waited on or read forever.
mkfifo fifo.json fifo.theme fifo.jsonl
run_bt "a FIFO as a suite" 2 'fifo.json: a named pipe, not a suite file' -- --headless --no-report -r ./fifo.json
run_bt "a FIFO as a theme" 2 'fifo.theme: a named pipe, not a theme file' -- --headless -d 1 --theme ./fifo.theme
run_bt "a FIFO as a journal" 2 'fifo.jsonl: a named pipe, not a journal' -- report fifo.jsonl -o out
run_bt "compare /dev/zero" 2 '/dev/zero: a character device, not a report' -- compare /dev/zero /dev/zero
run_bt "report /dev/zero" 2 '/dev/zero: a character device, not a journal' -- report /dev/zero -o out

# 2. Sizes past the limits: refused naming the limit, without reading it all.
truncate -s 17M big.json && truncate -s 65M big-report.json && truncate -s 65K big.theme
run_bt "a 17 MiB suite" 2 'larger than 16 MiB \(the limit for a suite file\)' -- --headless --no-report -r ./big.json
run_bt "a 65 MiB report" 2 'larger than 64 MiB \(the limit for a report\)' -- compare big-report.json big-report.json
run_bt "a 65 KiB theme" 2 'larger than 64 KiB \(the limit for a theme file\)' -- --headless -d 1 --theme ./big.theme
{ printf '{"type":"run","schema":1}\n{"type":"test","index":0,"name":"'; head -c 1100000 /dev/zero | tr '\0' x;
  printf '"}\n'; } > long.journal.jsonl
run_bt "a journal line over 1 MiB" 2 'long.journal.jsonl:2: a line longer than 1048576 bytes \(the limit' -- \
	report long.journal.jsonl -o out
run_bt "a matrix of 10,100 variants" 2 "makes more than 10000 variants" -- --headless --no-report \
	-r "$regress/suite/matrix-10001-variants.json"
run_bt "matrix substitution past an argument" 2 'longer than 128 KiB after matrix substitution' -- --headless \
	--no-report -r "$regress/suite/matrix-subst-too-long.json"
run_bt "matrix substitution past the suite's cap" 2 'grow past 64 MiB through matrix substitution' -- --headless \
	--no-report -r "$regress/suite/matrix-subst-total.json"

# 3. Long paths: refused, never cut to a prefix that names another file.
long=$(printf 'd%.0s' $(seq 1 640))
run_bt "a 650-byte suite path" 2 'suite path longer than 511 bytes' -- --headless --no-report -r "./$long.json"
run_bt "a long --hdd-dir" 2 'a path longer than 511 bytes' -- --headless --no-report --hdd 1 --hdd-dir "/tmp/$long" -d 1

# 4. Numbers: infinity and out-of-range counts named as such.
run_bt "max_mean 1e999" 2 "'max_mean' in test 't' must be a finite number" -- --headless --no-report \
	-r "$regress/suite/max-mean-1e999.json"
run_bt "a matrix value 1e999" 2 "must be finite numbers" -- --headless --no-report -r "$regress/suite/matrix-value-1e999.json"
run_bt "iterations 1e30" 2 "'iterations' in test 't' must be between 0 and 1000000 \(got 1e\+30\)" -- --headless \
	--no-report -r "$regress/suite/iterations-1e30.json"
run_bt "a UTF-16 suite" 2 'the file is UTF-16 .*save it as UTF-8' -- --headless --no-report -r "$regress/suite/utf16-bom.json"
run_bt "a report with warmups 1e300 and started_unix 1e25" 0 '' -- compare "$regress/report/warmups-1e300.json" \
	"$regress/report/warmups-1e300.json"
run_bt "--duration 1e999" 2 'duration' -- --headless -d 1e999

# 5. Escape sequences: shown as \x1b on the terminal, kept as text in every report.
cat > evil.json <<'JSON'
{ "name": "evil", "defaults": { "warmup": 0, "iterations": 1 },
  "tests": [
    { "name": "\u001b]0;pwned\u0007\u001b[2J", "kind": "shell", "run": "printf 'oops\\033[2J' >&2; exit 3" },
    { "name": "=HYPERLINK(\"http://x\")<script>alert(1)</script>|", "kind": "command", "argv": ["true"] }
  ] }
JSON
timeout 120 "$BENCHTOP" --headless --interval 5 -r ./evil.json -o rep/ >out 2>err
if grep -q "$esc" out err; then fail "an escape reached the terminal: $(grep "$esc" out err | od -c | head -5)"; else
	pass "no escape byte reaches stdout or stderr"; fi
expect_grep 'evil/\\x1b\]0;pwned\\x07\\x1b\[2J' out "the name shows as \\x1b text"
junit=$(ls rep/*.xml)
if /usr/bin/python3 -c 'import sys, xml.etree.ElementTree as E; t = E.parse(sys.argv[1]); print(len(t.findall(".//testcase")))' "$junit" >py.out 2>&1 \
	&& grep -qx 2 py.out; then pass "the JUnit file parses, two testcases"; else fail "JUnit: $(cat py.out)"; fi
expect_grep '"'"'"'=HYPERLINK' rep/*.csv "a CSV cell that would be a formula starts with a quote"
expect_grep '&lt;script&gt;alert\(1\)&lt;/script&gt;\\\|' rep/*.md "Markdown shows <script> as text and escapes |"
expect_grep '&lt;script&gt;alert\(1\)&lt;/script&gt;' rep/*.html "HTML shows <script> as text"
if grep -q '<script>alert' rep/*.html rep/*.md; then fail "raw <script> in a report"; else pass "no raw <script> in a report"; fi

# 6. Files benchtop writes: the umask honoured, --log neither inherited nor followed through a link.
(umask 077 && timeout 60 "$BENCHTOP" --headless -r "$top_srcdir/tests/suites/tiny.json" -o private.json >/dev/null 2>&1)
mode=$(stat -c %a private.json 2>/dev/null)
[ "$mode" = 600 ] && pass "umask 077 gives a 0600 report" || fail "umask 077: report mode $mode"
echo precious > target
ln -s target link.log
run_bt "--log through a symlink" 2 'a symbolic link to a file' -- --headless -d 1 --log link.log
[ "$(cat target)" = precious ] && pass "the symlink's target is untouched" || fail "target was truncated"
echo precious > target2
ln -s target2 planted.json
timeout 60 "$BENCHTOP" --headless -r "$top_srcdir/tests/suites/tiny.json" -o planted.json >/dev/null 2>&1
if [ "$(cat target2)" = precious ] && [ -f planted.json ] && [ ! -L planted.json ]; then
	pass "a symlink planted at the report's name is replaced, its target untouched"
else fail "planted report symlink: target2 is $(head -c 80 target2)"; fi
cat > fds.json <<JSON
{ "tests": [ { "name": "fds", "kind": "shell", "run": "ls -l /proc/self/fd/ > '$scratch/fds'", "iterations": 1, "warmup": 0 } ] }
JSON
timeout 60 "$BENCHTOP" --headless --no-report -r ./fds.json --log "$scratch/samples.log" >/dev/null 2>&1
if grep -q 'samples.log' fds; then fail "a test command inherits the --log file: $(cat fds)"; else
	pass "test commands do not inherit the --log file"; fi
finish
