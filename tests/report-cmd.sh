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
# A damaged line is left out, said on stderr with its line, and counted in the reports; the
# rest of the run is rebuilt and the exit status is the run's.
j="$fx/run-20240501-120000.journal.jsonl"
sed 's/"iteration":1,"warmup":false,"value":0.02,/"iteration":1,"warmup":false,"value":"x",/' "$j" >"$scratch/run-s.journal.jsonl"
expect_exit 0 "a journal with a string sample is rebuilt without it" -- "$BENCHTOP" report "$scratch/run-s.journal.jsonl" -o "$scratch/s"
one_line "string sample" "run-s\.journal\.jsonl:[0-9]+: its value is not a finite number .*; line skipped"
expect_grep "Rebuilt from a damaged journal: 1 line skipped" "$scratch/s/run-s.md" "the Markdown says a line was skipped"
expect_grep '"lines_skipped":[[:space:]]*1' "$scratch/s/run-s.json" "the JSON counts the skipped line"
sed 's/"iteration":1,"warmup":false,"value":0.02,/"iteration":1,"warmup":false,"value":1e999,/' "$j" >"$scratch/run-i.journal.jsonl"
expect_exit 0 "a journal with an infinite sample is rebuilt without it" -- "$BENCHTOP" report "$scratch/run-i.journal.jsonl" -o "$scratch/i"
one_line "infinite sample" "run-i\.journal\.jsonl:[0-9]+: its value is not a finite number"
awk '{ print } /"iteration":2,/ && !d { print; d = 1 }' "$j" >"$scratch/run-d.journal.jsonl"
expect_exit 0 "a journal with an iteration twice counts it once" -- "$BENCHTOP" report "$scratch/run-d.journal.jsonl" -o "$scratch/d"
one_line "iteration twice" "run-d\.journal\.jsonl:[0-9]+: an iteration seen before \(test 0, iteration 2\); line skipped"
# Garbage in the middle and a line of NUL bytes: each said once, the failing test still fails.
j2="$fx/run-20240502-120000.journal.jsonl"
awk 'NR == 6 { print substr($0, 1, 30) "GARBAGE"; next } { print }' "$j2" >"$scratch/mid.journal.jsonl"
expect_exit 1 "a garbage line mid-journal: the run's exit status" -- "$BENCHTOP" report "$scratch/mid.journal.jsonl" -o "$scratch/mid" --no-history
one_line "garbage line" "^benchtop report: .*mid\.journal\.jsonl:6: not a JSON object; line skipped$"
expect_grep "above max_mean" "$scratch/mid/mid.md" "the rest of the run is rebuilt"
expect_grep "^journal: 1 damaged line skipped$" "$scratch/out" "report says a line was skipped"
{ sed -n 1,6p "$j2"; head -c 120 /dev/zero; echo; sed -n '8,$p' "$j2"; } >"$scratch/nul.journal.jsonl"
expect_exit 1 "a line of NUL bytes: the run's exit status" -- "$BENCHTOP" report "$scratch/nul.journal.jsonl" -o "$scratch/nul" --no-history
one_line "NUL line" "nul\.journal\.jsonl:7: NUL bytes in the line; line skipped$"
# A lost test line leaves the tests after it nowhere to go: that is an error.
sed 2d "$j2" >"$scratch/lost.journal.jsonl"
expect_exit 2 "a lost test line exits 2" -- "$BENCHTOP" report "$scratch/lost.journal.jsonl" -o "$scratch/lost"
one_line "lost test line" "lost\.journal\.jsonl:2: test index 1, expected 0"
# A test whose finished state line was lost after all its iterations is judged as finished
# (here: it misses max_mean); with a min_time its iterations cannot prove, it stays stopped.
sed 10d "$j2" >"$scratch/run-c.journal.jsonl"
expect_exit 1 "a test cut after its last iteration is judged" -- "$BENCHTOP" report "$scratch/run-c.journal.jsonl" -o "$scratch/c" --no-history
expect_grep "above max_mean" "$scratch/c/run-c.md" "its threshold is applied"
sed -e 10d -e '2s/"min_time":null/"min_time":1000/' "$j2" >"$scratch/run-t.journal.jsonl"
expect_exit 0 "a min_time test cut short stays stopped" -- "$BENCHTOP" report "$scratch/run-t.journal.jsonl" -o "$scratch/t" --no-history
expect_grep "stopped after 5 of 5 iterations" "$scratch/t/run-t.md" "it says where it stopped"
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
# A --baseline run rebuilt from its journal, its baseline file gone: the same reports, digit
# for digit, and the same exit status, from the baseline's figures the journal copied.
echo '{"name":"c","defaults":{"warmup":0,"iterations":8},"tests":[{"name":"t","kind":"shell","run":"sleep 0.01"}]}' >"$scratch/a.json"
sed 's/0\.01/0.1/' "$scratch/a.json" >"$scratch/b.json"
expect_exit 0 "the baseline run" -- "$BENCHTOP" -H -r "$scratch/a.json" -o "$scratch/base.json" --no-history
expect_exit 1 "the slower run regressed" -- "$BENCHTOP" -H -r "$scratch/b.json" --baseline "$scratch/base.json" -o "$scratch/bl" --no-history
rm -f "$scratch/base.json"
expect_exit 1 "its rebuild exits 1 too" -- "$BENCHTOP" report "$scratch"/bl/*.journal.jsonl -o "$scratch/rb" --no-history
expect_grep "REGRESSED$" "$scratch/out" "the rebuild prints the comparison"
for f in "$scratch"/bl/*.json "$scratch"/bl/*.csv "$scratch"/bl/*.md "$scratch"/bl/*.html "$scratch"/bl/*.xml; do
	cmp -s "$f" "$scratch/rb/${f##*/}" && pass "rebuilt ${f##*.} is the run's" || fail "rebuilt ${f##*.} differs from the run's"
done
expect_grep '"verdict":[[:space:]]*"regressed"' "$scratch/rb/$(basename "$scratch"/bl/*.json)" "the rebuilt JSON has the verdict"
expect_exit 0 "compare --help exits 0" -- "$BENCHTOP" compare --help
expect_grep "usage: benchtop compare" "$scratch/out" "compare --help shows the usage"
finish
