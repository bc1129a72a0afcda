#!/bin/sh
# Every run keeps its own files: two runs in one dashboard session give two complete sets of
# reports and journals, `e` writes the active run's reports without touching the other's,
# a run's reports are written the moment it ends, and each journal rebuilds its own run.
# Headless: two runs in the same second get two stems, two runs going on side by side with
# the same -o x.json write x.json and x-2.json (a later run writes over x.json), an unwritable
# -o is refused before anything runs, and a --baseline verdict reaches every report.
. "${top_srcdir}/tests/lib.sh"

cat >"$scratch/three.json" <<'SUITE'
{ "name": "three", "defaults": { "warmup": 0, "iterations": 6, "timeout": "10s" },
  "tests": [ { "name": "a", "kind": "shell", "run": "sleep 0.2" },
             { "name": "b", "kind": "shell", "run": "sleep 0.2" },
             { "name": "c", "kind": "shell", "run": "sleep 0.2" } ] }
SUITE

# --- headless ---------------------------------------------------------------------------
cat >"$scratch/fast.json" <<'SUITE'
{ "name": "fast", "defaults": { "warmup": 0, "iterations": 5 },
  "tests": [ { "name": "t", "kind": "shell", "run": "sleep ${NAP:-0.01}" } ] }
SUITE
expect_exit 2 "-o in a directory that cannot be made exits 2" -- \
	"$BENCHTOP" -H -r "$scratch/fast.json" -o /proc/nope/x.json
expect_grep "^benchtop: -o /proc/nope/x.json: cannot create /proc/nope" "$scratch/err" "one line names the path"
grep -q "fast/t" "$scratch/out" && fail "a test ran before the path was refused" || pass "nothing ran"
expect_exit 2 "a missing --baseline is refused before the run" -- \
	"$BENCHTOP" -H -r "$scratch/fast.json" -o "$scratch/unused" --baseline "$scratch/none.json"
grep -q "fast/t" "$scratch/out" && fail "the run went on" || pass "nothing ran with a missing baseline"

# Three runs at once into one directory: three stems, three journals, three reports.
for i in 1 2 3; do "$BENCHTOP" -H -r "$scratch/fast.json" -o "$scratch/same" >"$scratch/same$i.out" 2>&1 & done
wait
[ "$(ls "$scratch"/same/run-*.journal.jsonl | wc -l)" -eq 3 ] && pass "three runs, three journals" \
	|| fail "journals: $(ls "$scratch/same")"
[ "$(ls "$scratch"/same/run-*.json | wc -l)" -eq 3 ] && pass "three runs, three JSON reports" \
	|| fail "reports: $(ls "$scratch/same")"
grep -h '^journal:' "$scratch"/same?.out | sort | uniq -d | grep -q . && fail "two runs print the same journal" \
	|| pass "each run prints its own journal"

# A baseline regression: exit 1, a JUnit failure with the numbers, the comparison in every report.
# The baseline's samples are made 100 times faster, so the verdict does not hang on how busy
# the machine is.
"$BENCHTOP" -H -r "$scratch/fast.json" --save-baseline "$scratch/saved.json" -o "$scratch/b1" >/dev/null 2>&1
/usr/bin/python3 - "$scratch/saved.json" "$scratch/base.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for t in r["tests"]:
    t["samples"] = [x / 100 * (1 + 0.01 * i) for i, x in enumerate(t["samples"])]
json.dump(r, open(sys.argv[2], "w"))
PY
"$BENCHTOP" -H -r "$scratch/fast.json" --baseline "$scratch/base.json" -o "$scratch/b2" \
	>"$scratch/out" 2>"$scratch/err"
[ $? -eq 1 ] && pass "a regression exits 1" || fail "regression exit: $(cat "$scratch/err")"
xml=$(ls "$scratch"/b2/run-*.xml)
/usr/bin/python3 - "$xml" <<'PY' && pass "JUnit has a <failure> with the numbers" || fail "JUnit: $(cat "$xml")"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
f = root.findall(".//testcase/failure")
assert len(f) == 1 and f[0].get("type") == "regression", f
assert "REGRESSED" in f[0].get("message") and "baseline" in f[0].get("message")
assert root.get("failures") == "1"
PY
expect_grep '"verdict":[[:space:]]*"regressed"' "$(ls "$scratch"/b2/run-*.json)" "the JSON carries the verdict, as compare's JSON writes it"
expect_grep '"file":[[:space:]]*".*base.json"' "$(ls "$scratch"/b2/run-*.json)" "the JSON names the baseline"
expect_grep '^## Compared with .*base.json' "$(ls "$scratch"/b2/run-*.md)" "the Markdown has a comparison section"
expect_grep '\| fast/t \|.*\*\*REGRESSED\*\*' "$(ls "$scratch"/b2/run-*.md)" "the Markdown table marks the regression"
expect_grep ',regressed,' "$(ls "$scratch"/b2/run-*.csv)" "the CSV has the verdict, as compare's CSV writes it"
expect_grep 'REGRESSED' "$(ls "$scratch"/b2/run-*.html)" "the HTML has the verdict"

# --- the dashboard ------------------------------------------------------------------------
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed: dashboard part skipped"; finish; }
. "${top_srcdir}/tests/tmux-lib.sh"
mkdir "$scratch/dash"
exitf="$scratch/exit"
t new-session -d -s bt -x 100 -y 30 \
	"cd '$scratch/dash' && LANG=C.UTF-8 '$BENCHTOP' --run '$scratch/three.json' 2>'$scratch/stderr'; echo \$? > '$exitf'; sleep 60"
wait_for 'run finished: 3 pass, 0 fail, 0 error; reports: benchtop-results/run-' 60 \
	&& pass "the first run's reports are written when it ends, and the event line says so" \
	|| fail "first run: $(cat "$scratch/screen")"
[ "$(ls "$scratch"/dash/benchtop-results/run-*.json 2>/dev/null | wc -l)" -eq 1 ] \
	&& pass "one run, one JSON report at once" || fail "after run 1: $(ls "$scratch/dash/benchtop-results")"
t send-keys -t bt Home Enter
wait_for 'three/b|run [2-6]/6' 20 || fail "the second run did not start: $(cat "$scratch/screen")"
t send-keys -t bt e
wait_for 'reports written to benchtop-results/run-' 5 && pass "e mid-run writes the active run's reports" \
	|| fail "e: $(cat "$scratch/screen")"
wait_for 'run 2 finished: 3 pass' 60 && pass "the second run ends with its own event line" \
	|| fail "second run: $(cat "$scratch/screen")"
t send-keys -t bt q
wait_exit 10
[ "$(cat "$exitf" 2>/dev/null)" = 0 ] && pass "q exits 0" || fail "exit: $(cat "$exitf" 2>/dev/null)"

set -- "$scratch"/dash/benchtop-results/run-*.json
[ $# -eq 2 ] && pass "two runs, two JSON reports" || fail "reports: $(ls "$scratch/dash/benchtop-results")"
for f in "$@"; do
	n=$(grep -c '"status":[[:space:]]*"pass"' "$f")
	[ "$n" -eq 3 ] && pass "$(basename "$f") holds its run's 3 passing tests" || fail "$(basename "$f"): $n pass"
done
s1=$(grep -m1 '"started":' "$1"); s2=$(grep -m1 '"started":' "$2")
[ "$s1" != "$s2" ] && pass "each report carries its own run's start" || fail "both started $s1"
set -- "$scratch"/dash/benchtop-results/run-*.journal.jsonl
[ $# -eq 2 ] && pass "two runs, two journals" || fail "journals: $(ls "$scratch/dash/benchtop-results")"
mkdir "$scratch/rebuilt"
for j in "$@"; do
	"$BENCHTOP" report "$j" -o "$scratch/rebuilt" >/dev/null 2>&1 || fail "report $j failed"
done
for f in "$scratch"/rebuilt/run-*.json; do
	n=$(grep -c '"status":[[:space:]]*"pass"' "$f")
	[ "$n" -eq 3 ] && pass "journal $(basename "$f" .json) rebuilds its run" || fail "rebuilt $(basename "$f"): $n pass"
done
# Two runs side by side, the same named report: neither overwrites the other's.
cat >"$scratch/nap.json" <<'SUITE'
{ "name": "nap", "defaults": { "warmup": 0, "iterations": 3 },
  "tests": [ { "name": "a", "kind": "shell", "run": "sleep 0.5" } ] }
SUITE
"$BENCHTOP" -H -r "$scratch/nap.json" -o "$scratch/same/x.json" --no-history >"$scratch/side1" 2>&1 &
side=$!
sleep 1.2
"$BENCHTOP" -H -r "$scratch/nap.json" -o "$scratch/same/x.json" --no-history >"$scratch/side2" 2>&1
wait $side
[ -s "$scratch/same/x.json" ] && [ -s "$scratch/same/x-2.json" ] &&
	pass "two runs side by side write x.json and x-2.json" || fail "side by side: $(ls "$scratch/same")"
expect_grep "reports: .*/same/x-2.json" "$scratch/side2" "the second run names x-2.json"
"$BENCHTOP" -H -r "$scratch/nap.json" -o "$scratch/same/x.json" --no-history >"$scratch/side3" 2>&1
expect_grep "reports: .*/same/x.json" "$scratch/side3" "a later run writes over x.json, as asked"
finish
