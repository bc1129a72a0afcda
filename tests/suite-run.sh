#!/bin/sh
# Suites run headless as a CI job would: reports whose statistics match their own samples,
# regressions found by compare and --baseline with the right exit codes, broken suites
# named with their place, and a killed run whose journal rebuilds its reports.
. "${top_srcdir}/tests/lib.sh"
suite="$top_srcdir/tests/suites/naps.json"
checker="$top_builddir/tests/check-report"
cd "$scratch"

# 1. the run, its progress lines, its table, its four reports
NAP=0.01 "$BENCHTOP" --headless --interval 0.2 --run "$suite" -o base/ >out 2>err
rc=$?
[ "$rc" -eq 0 ] && pass "a passing suite exits 0" || fail "suite exit $rc: $(cat err)"
expect_grep '\[2/5\] naps/nap pass: 6 iterations, mean [0-9.]+ ± [0-9.]+ ms, took .*  ETA' out "a progress line per test names it, its iterations, its mean and the ETA"
expect_grep '^naps/grid \[n=3\] +pass' out "the final table lists every variant"
for ext in json csv md xml html; do
	ls base/run-*."$ext" >/dev/null 2>&1 && pass "-o DIR/ gets the .$ext report" || fail "no .$ext report in base/"
done
ls base/run-*.journal.jsonl >/dev/null 2>&1 && pass "the journal is beside the reports" || fail "no journal"
"$checker" base/run-*.json >check.out 2>&1 && expect_grep '^5 tests checked' check.out "JSON statistics match the samples" \
	|| fail "report statistics: $(cat check.out)"
[ "$(wc -l < base/run-*.csv)" -eq 6 ] && pass "CSV: a header and one row per variant" || fail "CSV rows: $(wc -l < base/run-*.csv)"
grep -c '<testcase' base/run-*.xml | grep -qx 5 && pass "JUnit: one testcase per variant" || fail "JUnit testcases"
cp base/run-*.json base.json

# 2. compare: a 20x slowdown is a regression (exit 1), a report against itself is not (exit 0).
# 20x, not 3x: a shell's start on a loaded machine takes tens of ms and drowns 10 ms against 30.
NAP=0.2 "$BENCHTOP" --headless --interval 0.2 --run "$suite" -o slow.json >out 2>&1
expect_exit 1 "compare finds the 20x slowdown" -- "$BENCHTOP" compare base.json slow.json
expect_grep 'nap .*REGRESSED' "$scratch/out" "the slow test is marked REGRESSED"
awk 'length > 80 { bad = 1 } END { exit bad }' "$scratch/out" && pass "the compare table fits 80 columns" \
	|| fail "compare lines over 80 columns"
expect_exit 0 "a report compared with itself" -- "$BENCHTOP" compare base.json base.json
expect_exit 2 "compare with a missing file" -- "$BENCHTOP" compare base.json missing.json
expect_grep 'missing.json' "$scratch/err" "the missing file is named"

# 3. --baseline gates a run the same way, --no-report writes nothing
NAP=0.2 "$BENCHTOP" --headless -i 0.2 --run "$suite" --baseline base.json --no-report >out 2>&1
rc=$?
[ "$rc" -eq 1 ] && pass "--baseline exits 1 on a regression" || fail "--baseline exit $rc: $(tail -5 out)"
expect_grep 'REGRESSED' out "--baseline prints the regression table"
[ ! -d benchtop-results ] && pass "--no-report writes no files" || fail "--no-report wrote benchtop-results/"

# 4. broken suites exit 2 and name the file, line and column
printf '{"name":"x","tests":[{"name":"a","kind":"command","argv":["true"]},]}\n' > comma.json
expect_exit 2 "a trailing comma" -- "$BENCHTOP" --headless --run comma.json
expect_grep '^benchtop: comma.json:1:[0-9]+: .*expected' "$scratch/err" "the trailing comma's place is named"
printf '{"name":"x","tests":[{"name":"a","kind":"comand","argv":["true"]}]}\n' > kind.json
expect_exit 2 "an unknown kind" -- "$BENCHTOP" --headless --run kind.json
expect_grep "unknown kind 'comand'.*did you mean 'command'" "$scratch/err" "the unknown kind gets a suggestion"
printf '{"name":"x","tests":[{"name":"a","kind":"command","argv":["true"],"iterations":"five"}]}\n' > type.json
expect_exit 2 "a wrong type" -- "$BENCHTOP" --headless --run type.json
expect_grep "'iterations' in test 'a' must be a whole number" "$scratch/err" "the wrong type is named"
printf '{"name":"x","tests":[{"name":"a","kind":"command","argv":["true"],"iterations":-3}]}\n' > neg.json
expect_exit 2 "negative iterations" -- "$BENCHTOP" --headless --run neg.json
expect_grep "between 0 and" "$scratch/err" "the range is named"
expect_exit 2 "a missing suite file" -- "$BENCHTOP" --headless --run nothere.json
expect_grep "nothere.json" "$scratch/err" "the missing file is named"

# 5. kill -9 mid-run: the journal keeps every finished iteration and rebuilds the reports
"$BENCHTOP" --headless -i 0.2 --run "$top_srcdir/tests/suites/slow.json" -o killed/ >out 2>&1 &
pid=$!
i=0
while [ "$(cat killed/*.journal.jsonl 2>/dev/null | grep -c '"type":"iteration"')" -lt 3 ] && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
kill -9 "$pid"; wait "$pid" 2>/dev/null
pkill -f benchtop-slow-child
n=$(grep -c '"type":"iteration"' killed/*.journal.jsonl)
[ "$n" -ge 3 ] && pass "kill -9 keeps the $n finished iterations" || fail "journal after kill -9 has $n iterations"
expect_exit 0 "report rebuilds from the journal (the cut test is stopped, no failure)" -- "$BENCHTOP" report killed/run-*.journal.jsonl -o rebuilt
expect_grep '"status":[[:space:]]*"stopped"' rebuilt/run-*.json "the cut test is 'stopped' in the rebuilt report"
expect_grep 'stopped after [0-9]+ of' rebuilt/run-*.xml "JUnit says how far the cut test got"
ls rebuilt/run-*.json >/dev/null 2>&1 && pass "the rebuilt reports are written" || fail "no rebuilt report"
grep -q '"samples":' rebuilt/run-*.json && "$checker" rebuilt/run-*.json >/dev/null 2>&1 \
	&& pass "the rebuilt report's statistics match its samples" || fail "rebuilt report"
# A test that misses its threshold is a failure the moment it ends: in its progress line and
# in the journal, not only in the final table.
cat >thr.json <<'SUITE'
{ "name": "thr", "defaults": { "warmup": 0, "iterations": 3 },
  "tests": [ { "name": "slow", "kind": "shell", "run": "sleep 0.02", "max_mean": "1ms" },
             { "name": "fast", "kind": "command", "argv": ["true"] } ] }
SUITE
"$BENCHTOP" --headless --run thr.json -o thr --no-history >thr.out 2>&1
[ $? -eq 1 ] && pass "a missed threshold exits 1" || fail "a missed threshold did not exit 1"
expect_grep '^\[1/2\] thr/slow fail: 3 iterations' thr.out "the progress line says fail as the test ends"
expect_grep '"type":"state","index":0,"status":"fail","error":"mean [0-9.e+-]+ s is above max_mean' \
	"$(ls thr/run-*.journal.jsonl)" "the journal has the failure and its reason"
grep -q '"index":0,"status":"pass"' thr/run-*.journal.jsonl && fail "the journal said pass first" ||
	pass "the journal never says pass for it"
finish
