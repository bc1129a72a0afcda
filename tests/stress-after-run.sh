#!/bin/sh
# Stressors that go on after the run's tests ended (until --duration, or a detached run's
# benchtop stop) are in its reports to the end: the run's reports are written again with the
# final stress tally, so the JSON's seconds_on covers the whole time the stressor was on.
. "${top_srcdir}/tests/lib.sh"
suite="$top_srcdir/tests/suites/tiny.json"

seconds_on() {  # JSON: the first generator's seconds_on
	/usr/bin/python3 -c 'import json, sys; print(int(json.load(open(sys.argv[1]))["stress"]["generators"][0]["seconds_on"]))' "$1"
}

# Headless: the tiny suite ends in about a second, the cpu stressor runs on until -d 6s.
expect_exit 0 "a run whose stressor outlives its tests" -- "$BENCHTOP" -H --no-history -r "$suite" \
	--cpu 1 --cpu-load 10 -d 6s -o "$scratch/dur"
json=$(ls "$scratch"/dur/run-*.json | head -1)
s=$(seconds_on "$json")
[ "$s" -ge 4 ] && pass "the report's stress tally runs to the end ($s s on)" || fail "seconds_on $s in $json"
grep -q '^## Stress' "${json%.json}.md" && pass "the Markdown report has the Stress section" \
	|| fail "no Stress section: $(head -c 300 "${json%.json}.md")"

# Detached with -d (a run without it ends with its suites): the suite ends, the stressor goes
# on until benchtop stop.
"$BENCHTOP" --detach --no-history -r "$suite" --cpu 1 --cpu-load 10 -d 2m -o "$scratch/det" >"$scratch/id" 2>"$scratch/err" \
	|| fail "--detach: $(cat "$scratch/err")"
id=$(cat "$scratch/id" | grep -o '[0-9][0-9]*' | head -1)
i=0; while [ $i -lt 100 ] && ! ls "$scratch"/det/run-*.json >/dev/null 2>&1; do sleep 0.1; i=$((i + 1)); done
ls "$scratch"/det/run-*.json >/dev/null 2>&1 && pass "the detached run's reports are written when its suite ends" \
	|| fail "no reports after the suite"
sleep 5
expect_exit 0 "benchtop stop ends the detached run" -- "$BENCHTOP" stop "$id"
json=$(ls "$scratch"/det/run-*.json | head -1)
s=$(seconds_on "$json")
[ "$s" -ge 4 ] && pass "after benchtop stop the report counts the stressor's whole time ($s s on)" \
	|| fail "seconds_on $s after stop"
[ "$(ls "$scratch"/det/run-*.json | wc -l)" -eq 1 ] && pass "the same report is brought up to date, not a second one" \
	|| fail "reports: $(ls "$scratch/det")"
finish
