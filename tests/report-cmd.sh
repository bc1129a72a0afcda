#!/bin/sh
# benchtop report and benchtop compare, run as a user runs them: journals in, reports and exit codes out.
. "${top_srcdir}/tests/lib.sh"
fx="$top_srcdir/tests/fixtures"

# A journal cut short by a crash still gives every report; 3x slower renders miss max_mean.
expect_exit 0 "report of a passing run exits 0" -- "$BENCHTOP" report "$fx/run-20240501-120000.journal.jsonl" -o "$scratch/base"
for ext in json csv md xml; do
	[ -s "$scratch/base/run-20240501-120000.$ext" ] || fail "no $ext report"
done
expect_grep "^report: .*/base/run-20240501-120000.json$" "$scratch/out" "report says where the files are"
expect_exit 1 "report of a run that missed a threshold exits 1" -- "$BENCHTOP" report "$fx/run-20240502-120000.journal.jsonl" -o "$scratch/new"
expect_grep "above max_mean" "$scratch/new/run-20240502-120000.md" "the Markdown says which threshold"
expect_grep "<failure type=\"fail\"" "$scratch/new/run-20240502-120000.xml" "JUnit has the failure"

base="$scratch/base/run-20240501-120000.json"
new="$scratch/new/run-20240502-120000.json"
expect_exit 1 "a regression exits 1" -- "$BENCHTOP" compare "$base" "$new"
expect_grep "^quick/render res=720 .*\+200 % \[.*REGRESSED$" "$scratch/out" "the slower test is REGRESSED"
expect_grep "^quick/copy .*unchanged$" "$scratch/out" "the other test is unchanged"
expect_exit 0 "a report against itself exits 0" -- "$BENCHTOP" compare "$base" "$base"
expect_exit 0 "a wide threshold exits 0" -- "$BENCHTOP" compare "$base" "$new" --threshold 300

one_line() {  # one_line NAME PATTERN: stderr is one line matching PATTERN
	expect_grep "$2" "$scratch/err" "$1 names the problem"
	[ "$(wc -l < "$scratch/err")" -eq 1 ] || fail "$1: more than one line: $(cat "$scratch/err")"
}
expect_exit 2 "a missing report exits 2" -- "$BENCHTOP" compare "$base" "$scratch/none.json"
one_line "missing report" "none\.json: No such file"
expect_exit 2 "a journal that is not JSON exits 2" -- "$BENCHTOP" compare "$base" "$fx/run-20240501-120000.journal.jsonl"
one_line "journal given to compare" "journal\.jsonl: a journal, not a report; make its reports with: benchtop report"
expect_exit 2 "one report exits 2" -- "$BENCHTOP" compare "$base"
one_line "one report" "expected two reports"
expect_exit 2 "a bad threshold exits 2" -- "$BENCHTOP" compare "$base" "$new" --threshold lots
one_line "bad threshold" "--threshold: invalid value 'lots'"
expect_exit 2 "a missing journal exits 2" -- "$BENCHTOP" report "$scratch/run-x.journal.jsonl"
one_line "missing journal" "run-x\.journal\.jsonl: No such file"
expect_exit 2 "report without a journal exits 2" -- "$BENCHTOP" report
one_line "no journal" "expected a journal"
# A damaged journal is refused at the line that is wrong, not turned into samples.
j="$fx/run-20240501-120000.journal.jsonl"
sed 's/"iteration":1,"warmup":false,"value":0.02,/"iteration":1,"warmup":false,"value":"x",/' "$j" >"$scratch/run-s.journal.jsonl"
expect_exit 2 "a journal with a string sample exits 2" -- "$BENCHTOP" report "$scratch/run-s.journal.jsonl" -o "$scratch/s"
one_line "string sample" "run-s\.journal\.jsonl:[0-9]+: its value is not a finite number"
sed 's/"iteration":1,"warmup":false,"value":0.02,/"iteration":1,"warmup":false,"value":1e999,/' "$j" >"$scratch/run-i.journal.jsonl"
expect_exit 2 "a journal with an infinite sample exits 2" -- "$BENCHTOP" report "$scratch/run-i.journal.jsonl" -o "$scratch/i"
one_line "infinite sample" "run-i\.journal\.jsonl:[0-9]+: its value is not a finite number"
awk '{ print } /"iteration":2,/ && !d { print; d = 1 }' "$j" >"$scratch/run-d.journal.jsonl"
expect_exit 2 "a journal with an iteration twice exits 2" -- "$BENCHTOP" report "$scratch/run-d.journal.jsonl" -o "$scratch/d"
one_line "iteration twice" "run-d\.journal\.jsonl:[0-9]+: an iteration seen before \(test 0, iteration 2\)"
[ ! -e "$scratch/s" ] && [ ! -e "$scratch/d" ] && pass "no reports from a damaged journal" || fail "reports written from a damaged journal"
# The rebuilt run goes into the history named, once; --no-history records nothing.
expect_exit 0 "report --history-db" -- "$BENCHTOP" report "$j" -o "$scratch/h1" --history-db "$scratch/h.db"
expect_grep "^history: run 1 recorded in .*/h\.db" "$scratch/out" "the rebuilt run is recorded where --history-db says"
expect_exit 0 "report again" -- "$BENCHTOP" report "$j" -o "$scratch/h2" --history-db "$scratch/h.db"
expect_grep "^history: run already recorded as run 1" "$scratch/out" "a second rebuild is not recorded again"
expect_exit 0 "report --no-history" -- "$BENCHTOP" report "$j" -o "$scratch/h3" --no-history
grep -q "^history:" "$scratch/out" && fail "--no-history still recorded: $(grep ^history: "$scratch/out")" ||
	pass "report --no-history records nothing"
# Figures past every step of their unit: exponents in the unit given, a spread that neither
# overflows (1e300 s) nor vanishes (1e-300 s), and the min … max of a single sample.
x="$fx/run-20261202-extremes.journal.jsonl"
expect_exit 0 "report of 1e300 s and 1e-300 s samples" -- "$BENCHTOP" report "$x" -o "$scratch/x" --no-history
md="$scratch/x/run-20261202-extremes.md"
expect_grep '^\| s/huge \|  \| pass \| 2e\+300 ± 1e\+300 s \| 2e\+300 s \| 1e\+300 … 3e\+300 s \| 3 \|$' "$md" \
	"huge figures in exponent form, their stdev there"
expect_grep '^\| s/tiny \|  \| pass \| 2e-300 ± 1e-300 s \| 2e-300 s \| 1e-300 … 3e-300 s \| 3 \|$' "$md" \
	"tiny figures in exponent form, their stdev not 0"
expect_grep '^\| s/one \|  \| pass \| 500\.0 ms \| 500\.0 ms \| 500\.0 … 500\.0 ms \| 1 \|$' "$md" \
	"one sample: its min … max"
expect_grep '"stdev":[[:space:]]+1e\+300,' "$scratch/x/run-20261202-extremes.json" "the JSON has the huge stdev"
expect_grep '"ci95":[[:space:]]+\[-4\.84[0-9]*e\+299, 4\.48[0-9]*e\+300\]' "$scratch/x/run-20261202-extremes.json" \
	"the JSON has the huge interval"
expect_grep '"stdev":[[:space:]]+1(\.0*[0-9]*)?e-300,' "$scratch/x/run-20261202-extremes.json" "the JSON has the tiny stdev"
expect_exit 0 "compare --help exits 0" -- "$BENCHTOP" compare --help
expect_grep "usage: benchtop compare" "$scratch/out" "compare --help shows the usage"
finish
