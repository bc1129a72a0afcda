#!/bin/sh
# What a headless run prints for people: a line per test (never one per iteration, even for a
# min_time test), a line now and then for a long test, and a final table whose names are whole,
# whose figures carry their units, and whose summary says how many times faster.
. "${top_srcdir}/tests/lib.sh"
cd "$scratch"
long=a-test-name-that-is-much-longer-than-any-column-would-give-it-by-default-and-then-some-more
cat > t.json <<JSON
{ "name": "rt", "defaults": { "warmup": 0, "iterations": 5, "timeout": "30s" },
  "tests": [
    { "name": "quick", "kind": "command", "argv": ["true"] },
    { "name": "$long", "kind": "shell", "run": "sleep 0.02" },
    { "name": "timed", "kind": "command", "argv": ["true"], "iterations": 1, "min_time": "2s" },
    { "name": "slow", "kind": "shell", "run": "sleep 6.5", "iterations": 1 }
  ] }
JSON
"$BENCHTOP" --headless --interval 0.5 --run t.json --no-report >out 2>err
rc=$?
[ "$rc" -eq 0 ] && pass "the suite passes" || fail "exit $rc: $(cat err)"
n=$(grep -c '^\[3/4\] rt/timed' out)
[ "$n" -eq 1 ] && pass "a 2-second min_time test gets one progress line" || fail "$n lines for rt/timed: $(grep -c iteration out)"
expect_grep '^\[3/4\] rt/timed pass: [0-9]+ iterations, mean .* ETA' out "its line gives the iterations it made"
expect_grep '^\[4/4\] rt/slow running: iteration 1/1, [0-9.]+s so far, test ETA [0-9.hms?]+, run ETA [0-9.hms?]+$' out \
	"a long test says now and then where it is"
expect_grep "^rt/$long +pass " out "a long name is whole in the table when the output is not a terminal"
expect_grep '^rt/slow +pass +6\.[0-9]{3} s +6\.[0-9]{3} s +6\.[0-9]{3} … 6\.[0-9]{3} s +' out "figures carry their unit, scaled; one sample is its own min … max"
expect_grep 'mean ± σ +median +min … max +user +system +n$' out "the header names every column"
expect_grep '^  rt/[a-z]+ is [0-9.]+ ± [0-9.]+ times faster than rt/(quick|timed|a-test)' out "the summary says how many times faster"
grep -q 'iteration [0-9]*/5:' out && fail "per-iteration lines are printed" || pass "no line per iteration"

# A test that errored after a few quick iterations is not ranked, however fast those were.
cat > rank.json <<'JSON'
{ "name": "rk", "defaults": { "warmup": 0, "iterations": 4 },
  "tests": [ { "name": "breaks", "kind": "shell", "run": "n=$(cat cnt 2>/dev/null || echo 0); echo $((n + 1)) > cnt; [ $n -lt 2 ]" },
             { "name": "nap", "kind": "shell", "run": "sleep 0.02" },
             { "name": "nap2", "kind": "shell", "run": "sleep 0.05" } ] }
JSON
"$BENCHTOP" --headless --run rank.json --no-report --no-history >rank.out 2>&1
expect_grep '^rk/breaks +error ' rank.out "the test that broke errors, with figures"
expect_grep '^  rk/nap is [0-9.]+ ± [0-9.]+ times faster than rk/nap2$' rank.out "the tests that passed are ranked"
grep -q 'rk/breaks is\|than rk/breaks' rank.out && fail "an errored test is ranked: $(grep 'rk/breaks' rank.out)" \
	|| pass "the errored test is not ranked"

# Every unit gets its line: the best test against the next best, with how many were ranked;
# a lone test in its unit has nothing to be ranked against. History shows a report's table.
t() { printf '{"suite":"%s","name":"%s","variant":%s,"unit":"%s","better":"%s","status":"pass","samples":[%s]}' "$@"; }
{
	printf '{"schema":1,"started_unix":1700000000,"system":{"hostname":"h"},"tests":['
	t q int '{"threads":1}' Gop/s higher '10,10.1,9.9'; printf ,
	t q int '{"threads":2}' Gop/s higher '20,20.2,19.8'; printf ,
	t q fma '{"threads":1}' GFLOP/s higher '5,5.1,4.9'; printf ,
	t q fma '{"threads":2}' GFLOP/s higher '40,40.4,39.6'; printf ,
	t q mm '{}' GFLOP/s higher '30,30.3,29.7'; printf ,
	t q lat '{"size":"16K"}' ns lower '1,1.01,0.99'; printf ,
	t q lat '{"size":"8M"}' ns lower '100,101,99'; printf ,
	t q iops '{}' IOPS higher '1000,1010,990'
	printf ']}\n'
} >units.json
"$BENCHTOP" history --history-db units.db import units.json >/dev/null 2>&1 || fail "import units.json"
"$BENCHTOP" history --history-db units.db show 1 >units.out 2>&1
expect_grep '^  q/int \[threads=2\] is 2\.00 ± [0-9.]+ times faster than q/int \[threads=1\]$' units.out "the first unit is ranked"
expect_grep '^  q/fma \[threads=2\] is 1\.33 ± [0-9.]+ times faster than q/mm, the next best of 3$' units.out \
	"so is the second, best against the next best of three"
expect_grep '^  q/lat \[size=16K\] is 100\.00 ± [0-9.]+ times faster than q/lat \[size=8M\]$' units.out \
	"and a lower-is-better unit"
[ "$(grep -c ' times faster than ' units.out)" -eq 3 ] && pass "one line per unit, none for a lone test" ||
	fail "summary: $(sed -n '/^summary/,$p' units.out)"
# Past ten units the rest are counted, not printed.
{
	printf '{"schema":1,"started_unix":1700000001,"system":{"hostname":"h"},"tests":['
	for u in 1 2 3 4 5 6 7 8 9 10 11 12; do
		[ $u -gt 1 ] && printf ,
		t q "a$u" '{}' "u$u/s" higher '2,2.02,1.98'; printf ,
		t q "b$u" '{}' "u$u/s" higher '1,1.01,0.99'
	done
	printf ']}\n'
} >many.json
"$BENCHTOP" history --history-db units.db import many.json >/dev/null 2>&1 || fail "import many.json"
"$BENCHTOP" history --history-db units.db show 2 >many.out 2>&1
[ "$(grep -c ' times faster than ' many.out)" -eq 10 ] && pass "ten units ranked" ||
	fail "summary: $(sed -n '/^summary/,$p' many.out)"
expect_grep '^  \(2 more groups of tests in one unit not ranked here\)$' many.out "the rest counted"

# On an 80-column terminal no row wraps: columns give way, the count stays at the row's end.
if command -v tmux >/dev/null 2>&1; then
	cat > narrow.json <<'JSON'
{ "name": "nr", "defaults": { "warmup": 0, "iterations": 5 },
  "tests": [ { "name": "quick", "kind": "command", "argv": ["true"] },
             { "name": "nap", "kind": "shell", "run": "sleep 0.01" } ] }
JSON
	sock="$scratch/tmux.sock"
	tmux -S "$sock" new-session -d -s rt -x 80 -y 40 \
		"cd '$scratch' && LANG=C.UTF-8 '$BENCHTOP' --headless --log /dev/null --run narrow.json --no-report --no-history; echo done-rt; sleep 30"
	i=0; while ! tmux -S "$sock" capture-pane -p -t rt | grep -q done-rt && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	tmux -S "$sock" capture-pane -p -t rt > narrow.out
	tmux -S "$sock" kill-server
	expect_grep '^nr/quick +pass .* 5 *$' narrow.out "at 80 columns a row ends with its count: it does not wrap"
	expect_grep '^test +status +mean ± σ .* n *$' narrow.out "the header fits on its line"
	grep -q '^test .*system' narrow.out && fail "system time still shown at 80 columns" || pass "system time gives way first"
fi
finish
