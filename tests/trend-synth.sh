#!/bin/sh
# Trends and the gate as a nightly CI job meets them, on histories imported from synthetic
# reports: a step reported only once --min-runs runs have it, from its first run; a step among
# the first runs mirrored; a regression red for --gate-window runs from the run that first
# reported it, even when that run's analysis needed runs --last no longer reads; values whose squares overflow; a history whose runs were all pruned; --test
# patterns, and the names suggested when one names no test.
. "${top_srcdir}/tests/lib.sh"

# series DIR N BASE STEP FROM TO NOISE SEED: reports DIR/rNNN.json of runs 1..N of test t/x (3
# samples of one value): about BASE, times STEP for runs FROM..TO, with +-NOISE relative noise
# from a fixed sequence. Run i starts on day i.
series() {
	mkdir -p "$1"
	awk -v n="$2" -v base="$3" -v step="$4" -v from="$5" -v to="$6" -v noise="$7" -v seed="$8" -v dir="$1" 'BEGIN {
		s = seed
		for (i = 1; i <= n; i++) {
			s = (s * 1103515245 + 12345) % 2147483648
			v = base * (1 + noise * (2 * s / 2147483648 - 1)) * (i >= from && i <= to ? step : 1)
			f = sprintf("%s/r%03d.json", dir, i)
			printf "{\"schema\":1,\"started_unix\":%d,\"system\":{\"hostname\":\"ci\",\"cpu_model\":\"Synthetic CPU\",", 1700000000 + i * 86400 > f
			printf "\"cores\":8,\"memory_bytes\":17179869184,\"kernel\":\"Linux 6.1\",\"gpus\":[]},\"tests\":[" > f
			printf "{\"suite\":\"t\",\"name\":\"x\",\"kind\":\"shell\",\"variant\":{},\"metric\":\"wall_time\",\"unit\":\"s\"," > f
			printf "\"better\":\"lower\",\"status\":\"pass\",\"samples\":[%.17g,%.17g,%.17g]}]}\n", v, v, v > f
			close(f)
		}
	}'
}

# import DB DIR FIRST LAST: records runs FIRST..LAST of DIR, as the nights bring them.
import() {
	i=$3
	while [ "$i" -le "$4" ]; do
		"$BENCHTOP" history --history-db "$1" import "$2/r$(printf %03d "$i").json" >/dev/null ||
			fail "import of $2 run $i"
		i=$((i + 1))
	done
}

# 1. 28 normal nights, then 13 s instead of 10: not a change with 2 or 3 slow nights, and no
# normal night blamed; the 4th slow night opens it at the first slow one, run 29.
series tail 32 10 1.3 29 32 0.02 5
import tail.db tail 1 30
expect_exit 0 "2 slow runs after 28 pass the gate" -- "$BENCHTOP" trend --history-db tail.db --gate
expect_grep "^no new regression in run 30$" "$scratch/out" "the gate names the newest run"
import tail.db tail 31 31
expect_exit 0 "3 slow runs pass the gate" -- "$BENCHTOP" trend --history-db tail.db --gate
import tail.db tail 32 32
expect_exit 1 "the 4th slow run fails the gate" -- "$BENCHTOP" trend --history-db tail.db --gate
expect_grep "^REGRESSION t/x: from run 29: " "$scratch/out" "the regression is dated from the first slow run"
expect_exit 0 "--min-runs 5 waits for a 5th" -- "$BENCHTOP" trend --history-db tail.db --gate --min-runs 5
expect_exit 0 "--min-change 50% lets a 30 % step pass" -- "$BENCHTOP" trend --history-db tail.db --gate --min-change 50%

# 2. The mirror: 2 slow nights first, then 28 normal ones, is steady; 4 slow ones open a change
# at the first normal night.
series head2 30 10 1.3 1 2 0.02 9
import head2.db head2 1 30
expect_exit 0 "trend of 2 slow runs then 28" -- "$BENCHTOP" trend --history-db head2.db
expect_grep "^t/x .* steady$" "$scratch/out" "2 slow runs at the start are no change"
grep -q "change point" "$scratch/out" && fail "a change point among the first runs: $(cat "$scratch/out")"
series head4 30 10 1.3 1 4 0.02 9
import head4.db head4 1 30
expect_exit 0 "trend of 4 slow runs then 26" -- "$BENCHTOP" trend --history-db head4.db
expect_grep "^  change point at run 5: " "$scratch/out" "4 slow runs at the start end at run 5"

# 3. A step at run 21, gate window 10: red from the run that first reports it (run 24, its 4th
# slow night) for 10 runs, through run 33; green at run 34.
series win 34 10 1.3 21 34 0.02 13
import win.db win 1 23
expect_exit 0 "3 runs after the step: not yet" -- "$BENCHTOP" trend --history-db win.db --gate
import win.db win 24 24
expect_exit 1 "run 24 reports the step" -- "$BENCHTOP" trend --history-db win.db --gate
expect_grep "^REGRESSION t/x: from run 21: " "$scratch/out" "from run 21"
import win.db win 25 33
expect_exit 1 "run 33 is still red: the 10th run since it was reported" -- "$BENCHTOP" trend --history-db win.db --gate
# --last 12 sees the step 4 runs in only until run 28: the gate reads 17 runs (10 + 2 x 4 - 1).
expect_exit 1 "run 33 is red with --last 12 too" -- "$BENCHTOP" trend --history-db win.db --gate --last 12
import win.db win 34 34
expect_exit 0 "run 34 is green" -- "$BENCHTOP" trend --history-db win.db --gate
expect_exit 1 "a wider window keeps it red" -- "$BENCHTOP" trend --history-db win.db --gate --gate-window 11
expect_exit 1 "a wider window keeps it red with --last 12" -- \
	"$BENCHTOP" trend --history-db win.db --gate --gate-window 11 --last 12
expect_exit 0 "run 34 is green with --last 12" -- "$BENCHTOP" trend --history-db win.db --gate --last 12

# 3b. A 6 % step in 4 % noise stands out only with the runs before it: first reported at run
# 25, when the gate read runs 1-25. It is green 10 runs later, at run 35, though --last 30 then
# reads runs 6-35: the replay looks at what the gate saw at each run, not at the runs read now.
series late 35 10 1.06 21 35 0.04 9
import late.db late 1 24
expect_exit 0 "a small step, not yet reported" -- "$BENCHTOP" trend --history-db late.db --gate
import late.db late 25 25
expect_exit 1 "run 25 reports the small step" -- "$BENCHTOP" trend --history-db late.db --gate
expect_grep "^REGRESSION t/x: from run 21: " "$scratch/out" "the small step from run 21"
import late.db late 26 34
expect_exit 1 "run 34 is still red: the 10th run since it was reported" -- "$BENCHTOP" trend --history-db late.db --gate
import late.db late 35 35
expect_exit 0 "run 35 is green, though the runs before the step went out of --last" -- \
	"$BENCHTOP" trend --history-db late.db --gate

# 4. Values near 1e160, whose squares overflow a double: the +50 % step is still found.
series big 30 1e160 1.5 16 30 0.02 17
import big.db big 1 30
expect_exit 0 "trend of values near 1e160" -- "$BENCHTOP" trend --history-db big.db
expect_grep "^t/x .* regressed$" "$scratch/out" "a step of huge values is a regression"
expect_grep "^  change point at run 16: " "$scratch/out" "at its first run"

# 5. Every run pruned: as a history not made yet, for every kind of trend.
"$BENCHTOP" history --history-db tail.db prune --keep 0 >/dev/null || fail "prune --keep 0"
for opt in "" --gate --machines; do
	expect_exit 0 "trend $opt of a pruned history" -- "$BENCHTOP" trend --history-db tail.db $opt
	expect_grep "^no runs recorded yet in tail\.db$" "$scratch/out" "trend $opt says no runs are recorded yet"
	[ "$(wc -l <"$scratch/out")" -eq 1 ] || fail "trend $opt of a pruned history: $(cat "$scratch/out")"
done
# 6. --test: a pattern without '/' is a test's name in any suite, with shell wildcards; one
# with '/' is suite/name. A pattern that names no test says so in one line, with the nearest.
# names CPU DAY [SUITE/NAME]: three runs on machine CPU from day DAY, each of quick/memory
# triad n=1 and n=2, quick/nap and cpu/nap, and of SUITE/NAME.
names() {
	t=
	for s_n_v in 'quick|memory triad|{"n":1}' 'quick|memory triad|{"n":2}' 'quick|nap|{}' 'cpu|nap|{}' \
		${3:+"${3%/*}|${3#*/}|{}"}; do
		t="$t${t:+,}$(echo "$s_n_v" | awk -F'|' '{ printf "{\"suite\":\"%s\",\"name\":\"%s\",\"variant\":%s,", $1, $2, $3 }')"
		t="$t\"unit\":\"s\",\"better\":\"lower\",\"status\":\"pass\",\"samples\":[1,1,1]}"
	done
	for i in 1 2 3; do
		printf '{"schema":1,"started_unix":%d,"system":{"hostname":"ci","cpu_model":"%s","cores":8,' \
			$((1700000000 + ($2 + i) * 86400)) "$1" >names.json
		printf '"memory_bytes":17179869184,"kernel":"L","gpus":[]},"tests":[%s]}\n' "$t" >>names.json
		"$BENCHTOP" history --history-db names.db import names.json >/dev/null || fail "import of $1 run $i"
	done
}
names Other 0 other/lone
names Synthetic 10
rows() { grep -E '^[a-z]+/[a-z ]+( n=[0-9])? +3  ' "$scratch/out" | sed 's/  .*//; s/ *$//' | tr '\n' ',' ; }
expect_exit 0 "--test 'mem*'" -- "$BENCHTOP" trend --history-db names.db --test 'mem*'
[ "$(rows)" = "quick/memory triad n=1,quick/memory triad n=2," ] && pass "'mem*' names both variants of quick/memory triad" \
	|| fail "'mem*' showed: $(rows)"
expect_exit 0 "--test nap" -- "$BENCHTOP" trend --history-db names.db --test nap
[ "$(rows)" = "cpu/nap,quick/nap," ] && pass "nap is the name in every suite" || fail "nap showed: $(rows)"
expect_exit 0 "--test '*triad n=2'" -- "$BENCHTOP" trend --history-db names.db --test '*triad n=2'
[ "$(rows)" = "quick/memory triad n=2," ] && pass "a pattern of the name with its variant" || fail "'*triad n=2': $(rows)"
expect_exit 0 "--test 'quick/*'" -- "$BENCHTOP" trend --history-db names.db --test 'quick/*'
[ "$(rows)" = "quick/memory triad n=1,quick/memory triad n=2,quick/nap," ] && pass "with a '/', suite/name" \
	|| fail "'quick/*' showed: $(rows)"
expect_exit 0 "--test 'cpu/nap'" -- "$BENCHTOP" trend --history-db names.db --test cpu/nap
[ "$(rows)" = "cpu/nap," ] && pass "suite/name names one test" || fail "cpu/nap showed: $(rows)"
expect_exit 0 "--gate --test 'mem*'" -- "$BENCHTOP" trend --history-db names.db --gate --test 'mem*'
for opt in "" --gate --machines; do
	expect_exit 2 "trend $opt --test memroy" -- "$BENCHTOP" trend --history-db names.db $opt --test memroy
	expect_grep "^benchtop trend: no recorded test matches --test 'memroy'; did you mean quick/memory triad\?$" \
		"$scratch/err" "trend $opt: the pattern is named, with the nearest test"
	[ "$(wc -l <"$scratch/err")" -eq 1 ] && [ ! -s "$scratch/out" ] && pass "trend $opt: one line, nothing else" \
		|| fail "trend $opt --test memroy: $(cat "$scratch/out" "$scratch/err")"
done
expect_exit 2 "--test Nap" -- "$BENCHTOP" trend --history-db names.db --test Nap
expect_grep "; did you mean cpu/nap or quick/nap\?$" "$scratch/err" "a name in other letter case is suggested"
expect_exit 2 "--test zzz" -- "$BENCHTOP" trend --history-db names.db --test zzz
expect_grep "^benchtop trend: no recorded test matches --test 'zzz' \(benchtop trend lists every test\)$" \
	"$scratch/err" "nothing near: no suggestion"
expect_exit 2 "--test lone, run on another machine only" -- "$BENCHTOP" trend --history-db names.db --test lone
expect_grep "^benchtop trend: --test 'lone': no result of it on ci \([0-9a-f]+\) \(--any-machine" \
	"$scratch/err" "a test of another machine is said to be"
expect_exit 0 "--test lone --any-machine" -- "$BENCHTOP" trend --history-db names.db --test lone --any-machine
[ "$(rows)" = "other/lone," ] && pass "--any-machine finds it" || fail "lone --any-machine: $(rows)"
finish
