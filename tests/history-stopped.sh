#!/bin/sh
# Runs cut short are recorded like any other: a run ended by --duration, SIGINT or SIGTERM
# lands in the history with status "stopped", the test that was cut keeps the samples it
# measured (status "stopped"), tests that finished before it keep theirs, and tests that
# never started are left out. The run says where it was recorded.
. "${top_srcdir}/tests/lib.sh"
cd "$scratch"
db="$scratch/h.db"

cat >slow.json <<'SUITE'
{ "name": "slow", "defaults": { "warmup": 0, "iterations": 20, "timeout": "10s" },
  "tests": [ { "name": "a", "kind": "shell", "run": "sleep 0.2" },
             { "name": "b", "kind": "shell", "run": "sleep 0.2" } ] }
SUITE
cat >two.json <<'SUITE'
{ "name": "two", "defaults": { "warmup": 0, "iterations": 3, "timeout": "10s" },
  "tests": [ { "name": "quick", "kind": "shell", "run": "true" },
             { "name": "long", "kind": "shell", "run": "sleep 0.2", "iterations": 200 },
             { "name": "never", "kind": "shell", "run": "true" } ] }
SUITE

# 1. --duration ends the run in its first test: the run and that test are recorded, stopped.
expect_exit 0 "a run cut by --duration exits 0" -- \
	"$BENCHTOP" -H --log /dev/null -r slow.json -o dur -d 3 --history-db "$db"
expect_grep "^history: run 1 recorded in $db$" "$scratch/out" "the cut run says it was recorded"
expect_exit 0 "history lists it" -- "$BENCHTOP" history --history-db "$db"
expect_grep "^ +1  .* slow +- +1 +0 +0  stopped " "$scratch/out" "its row: one test, status stopped"
expect_grep "^1 run in " "$scratch/out" "one run recorded"
expect_exit 0 "history show" -- "$BENCHTOP" history --history-db "$db" show 1
expect_grep "^run 1 .* status stopped " "$scratch/out" "show: the run is stopped"
expect_grep "^slow/a +stopped +[0-9.]+( ± [0-9.]+)? m?s .* ([1-9]|1[0-9])$" "$scratch/out" "show: the cut test with its samples"
expect_grep "^  ! stopped after [0-9]+ of 20 iterations$" "$scratch/out" "show: how far it got"
grep -q "^slow/b " "$scratch/out" && fail "a test that never started is recorded" || pass "the test that never started is left out"

# 2. A signal in the second test: the first test passed, the second was cut, the third never ran.
n=1
for sig in INT TERM; do
	n=$((n + 1))
	"$BENCHTOP" -H --log /dev/null -r two.json -o "sig$sig" --history-db "$db" >"sig$sig.out" 2>&1 &
	pid=$!
	# Once the long test has measured an iteration.
	i=0
	until grep -qs '"type":"iteration","index":1,' "sig$sig"/*.journal.jsonl || [ $i -ge 300 ]; do
		sleep 0.1; i=$((i + 1))
	done
	kill -"$sig" "$pid"
	wait "$pid"
	expect_grep "^history: run $n recorded in $db$" "sig$sig.out" "SIG$sig: the run says it was recorded"
	expect_exit 0 "SIG$sig: history show" -- "$BENCHTOP" history --history-db "$db" show "$n"
	expect_grep "^run $n .* status stopped " "$scratch/out" "SIG$sig: the run is stopped"
	expect_grep "^two/quick +pass .* 3$" "$scratch/out" "SIG$sig: the test that finished, as it finished"
	expect_grep "^two/long +stopped .* m?s +[1-9][0-9]*$" "$scratch/out" "SIG$sig: the cut test, stopped, with its samples"
	grep -q "^two/never " "$scratch/out" && fail "SIG$sig: a test that never started is recorded" \
		|| pass "SIG$sig: the test that never started is left out"
done
expect_exit 0 "history lists every run" -- "$BENCHTOP" history --history-db "$db"
expect_grep "^3 runs in " "$scratch/out" "three runs recorded"
expect_grep "^ +3  .* two +- +2 +1 +0  stopped " "$scratch/out" "a signalled run's row: two tests, one pass, stopped"

# 3. A stopped test is no point of a trend: its median is of an unfinished measurement.
expect_exit 0 "trend" -- "$BENCHTOP" trend --history-db "$db"
grep -q "^two/long " "$scratch/out" && fail "a stopped test is in the trend" || pass "stopped tests stay out of trends"
expect_grep "^two/quick +2 " "$scratch/out" "the finished test's trend has both runs"
finish
