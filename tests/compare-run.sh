#!/bin/sh
# compare on two real runs of a small suite, as a user would: the text table with a change and
# its interval per test and the geomean row, --format json read back, three reports side by side,
# and the verdict "too few samples" for runs of three iterations.
. "${top_srcdir}/tests/lib.sh"
cd "$scratch"
suite="$top_srcdir/tests/suites/tiny.json"

"$BENCHTOP" --headless --interval 0.2 --run "$suite" -o a.json >run.out 2>&1 || fail "first run: $(tail -3 run.out)"
"$BENCHTOP" --headless --interval 0.2 --run "$suite" -o b.json >run.out 2>&1 || fail "second run: $(tail -3 run.out)"

# The same suite twice: no verdict is certain on a shared machine, a wide threshold makes it so.
expect_exit 0 "two runs of the same suite" -- "$BENCHTOP" compare a.json b.json --threshold 1000
expect_grep '^tiny/nap +[0-9.]+ +[0-9.]+ ms +[+-][0-9.]+ % \[[+-][0-9.]+, [+-][0-9.]+\] +[0-9.<]+ unchanged$' \
	"$scratch/out" "a row has medians and their unit, the change with its interval, p and the verdict"
expect_grep '^tiny/size n=3 ' "$scratch/out" "variants are paired"
expect_grep '^geomean of 5 ' "$scratch/out" "the geomean row"
expect_grep '^0 regressed, 0 improved, 5 unchanged, 0 new, 0 gone$' "$scratch/out" "the summary"
awk 'length > 80 { bad = 1 } END { exit bad }' "$scratch/out" && pass "the table fits 80 columns" \
	|| fail "lines over 80 columns: $(awk 'length > 80' "$scratch/out")"

expect_exit 0 "--format json" -- "$BENCHTOP" compare a.json b.json --threshold 1000 --format json
if [ -x /usr/bin/python3 ]; then
	/usr/bin/python3 - "$scratch/out" <<'PY' && pass "the JSON has per test the change, interval, both p and the verdict" || fail "JSON: $(head -c 300 "$scratch/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["tests"]) == 5, d["tests"]
for t in d["tests"]:
    assert t["verdict"] == "unchanged", t
    assert isinstance(t["change_pct"], float) or isinstance(t["change_pct"], int)
    lo, hi = t["change_ci95_pct"]
    assert lo <= t["change_pct"] <= hi, t
    assert 0 <= t["p_utest"] <= 1 and 0 <= t["p_welch"] <= 1, t
assert d["geomean"][0]["tests"] == 5
PY
fi

expect_exit 0 "three reports" -- "$BENCHTOP" compare a.json b.json a.json --threshold 1000
expect_grep '^test +median 0 1 against 0 +2 against 0' "$scratch/out" "a column per report"
expect_grep '^tiny/nap .* \+0(\.0)? % \[[-+0-9.]+, [-+0-9.]+\] *$' "$scratch/out" "the first report against itself: no change"

# Three iterations a side cannot reach p < 0.05: the verdict says so.
sed 's/"iterations": 4/"iterations": 3/' "$suite" > three.json
"$BENCHTOP" --headless --interval 0.2 --run three.json -o c.json >run.out 2>&1 || fail "three-iteration run"
"$BENCHTOP" --headless --interval 0.2 --run three.json -o d.json >run.out 2>&1 || fail "three-iteration run"
expect_exit 0 "three samples a side" -- "$BENCHTOP" compare c.json d.json
expect_grep '^tiny/nap .* too few samples$' "$scratch/out" "too few samples, not unchanged"
expect_grep '^0 regressed, 0 improved, 0 unchanged, 5 too few samples' "$scratch/out" "the summary counts them"
finish
