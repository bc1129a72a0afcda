#!/bin/sh
# The seed of a shuffled order through the real binary: kept exactly up to 2^53 - 1 in the
# report and the journal, so a rerun with the stored seed repeats the order; and a --seed
# that nothing shuffles is said to do nothing, without refusing the run.
. "${top_srcdir}/tests/lib.sh"
cat > six.json <<'J'
{"name": "six", "defaults": {"warmup": 0, "iterations": 2},
 "tests": [{"name": "t", "kind": "command", "argv": ["true", "{v}"], "matrix": {"v": [1, 2, 3, 4, 5, 6]}}]}
J
order_of() { grep '"type":"iteration"' "$1"/*.journal.jsonl | sed 's/.*"index":\([0-9]*\).*/\1/' | tr -d '\n'; }

max=9007199254740991
expect_exit 0 "a shuffled run with the largest seed" -- \
	"$BENCHTOP" -H -r six.json -o a --order shuffled --seed $max --no-history
expect_grep "order: shuffled, seed $max " "$scratch/out" "the seed is printed whole"
expect_grep "\"seed\":[[:space:]]*$max[,}[:space:]]" a/run-*.json "the report keeps the seed to the last digit"
expect_grep "\"seed\":$max[,}]" a/run-*.journal.jsonl "the journal keeps the seed to the last digit"
grep -qE '"seed":[[:space:]]*[0-9.]+e' a/run-*.json a/run-*.journal.jsonl \
	&& fail "a seed written with an exponent" || pass "no seed written with an exponent"
# The stored seed, as a reader of the report gets it, gives the same order again.
stored=$(sed -n 's/.*"seed":[[:space:]]*\([0-9]*\).*/\1/p' a/run-*.json | head -1)
expect_exit 0 "a rerun with the stored seed" -- \
	"$BENCHTOP" -H -r six.json -o b --order shuffled --seed "$stored" --no-history
[ "$(order_of a)" = "$(order_of b)" ] && pass "the stored seed repeats the order ($(order_of a))" \
	|| fail "seed $stored: order $(order_of a), then $(order_of b)"
# The report rebuilt from the journal is the run's report, figures to the last digit.
expect_exit 0 "the report rebuilt from the journal" -- "$BENCHTOP" report a/run-*.journal.jsonl -o c --no-history
if cmp -s a/run-*.json c/run-*.json; then pass "the rebuilt report is the run's report"
else fail "the rebuilt report differs: $(diff a/run-*.json c/run-*.json | head -5)"; fi

# --seed without a shuffled order: one line on stderr, and the run goes on as asked.
expect_exit 0 "--seed alone runs" -- "$BENCHTOP" -H -r six.json -o d --seed 7 --no-history
expect_grep '^benchtop: --seed has no effect without --order shuffled' "$scratch/err" "--seed alone is said to do nothing"
[ "$(grep -c 'seed' "$scratch/err")" = 1 ] && pass "in one line" || fail "seed lines: $(cat "$scratch/err")"
[ "$(order_of d)" = 001122334455 ] && pass "the order stays sequential" || fail "order $(order_of d)"
expect_exit 0 "--seed with --order interleaved runs" -- \
	"$BENCHTOP" -H -r six.json -o e --order interleaved --seed 7 --no-history
expect_grep '^benchtop: --seed has no effect' "$scratch/err" "--seed with interleaved is said to do nothing"
# A suite that shuffles takes the seed: nothing said.
sed 's/"iterations": 2}/"iterations": 2, "order": "shuffled"}/' six.json > shuf.json
expect_exit 0 "--seed with a shuffled suite" -- "$BENCHTOP" -H -r shuf.json -o f --seed 7 --no-history
grep -q 'no effect' "$scratch/err" && fail "a shuffled suite's seed said to do nothing" \
	|| pass "a shuffled suite uses the seed"
expect_grep "order: shuffled, seed 7 " "$scratch/out" "the suite's order is shuffled from the seed"
finish
