#!/bin/sh
# Verdicts to trust, through the real binary: adaptive repetitions stop at the precision or
# say which cap ended them; a busy machine marks its tests; interleaved rounds in the journal
# and their use against drift; the shuffled order repeats from its seed; a cut run is
# "stopped", writes its reports and exits 0.
. "${top_srcdir}/tests/lib.sh"
cd "$scratch"
py=/usr/bin/python3
[ -x "$py" ] || { echo "needs /usr/bin/python3 to read the JSON reports"; exit 77; }
# jq-like: field PATH of the single report in DIR
field() { "$py" -c "import json,glob,sys; r=json.load(open(glob.glob(sys.argv[1]+'/run-*.json')[0])); print(eval(sys.argv[2]))" "$1" "$2"; }

# 1. precision "2%" on sleep 0.02 stops at the precision, well before max_iterations. A
#    machine so busy that even sleep scatters widely may not get there: then the test must
#    at least be marked as disturbed, which is the point of the mark.
cat > prec.json <<'J'
{"name": "prec", "defaults": {"warmup": 1, "precision": "2%", "max_iterations": 400, "max_time": "40s"},
 "tests": [{"name": "sleep", "kind": "command", "argv": ["sleep", "0.02"]}]}
J
expect_exit 0 "a precision suite runs" -- "$BENCHTOP" --headless --run prec.json -o prec/
n=$(field prec "r['tests'][0]['stats']['n']")
by=$(field prec "r['tests'][0]['stopped_by']")
noisy=$(field prec "r['tests'][0]['noise']['disturbed']")
reached=$(field prec "r['tests'][0]['precision']['reached']")
if [ "$by" = precision ] && [ "$n" -lt 400 ]; then
	pass "precision 2% reached (±$reached) after $n of at most 400 iterations"
elif "$py" -c "import sys; sys.exit(0 if float(sys.argv[1]) >= 0.1 else 1)" "$noisy"; then
	pass "the machine is too busy for 2% ($by after $n, ±$reached), and the test is marked disturbed ($noisy)"
else
	fail "precision 2%: stopped by $by after $n iterations (±$reached), not disturbed ($noisy)"
fi
expect_grep 'precision ±[0-9.]+% \(target ±2%\), ended by ' "$scratch/out" "the final table says the precision and what ended it"

# 2. a noisy command cannot reach 1 % in 12 iterations: it stops at the cap and says so.
cat > noisy.json <<'J'
{"name": "noisy", "defaults": {"warmup": 0},
 "tests": [{"name": "dice", "kind": "shell", "precision": "1%", "max_iterations": 12,
            "run": "sleep 0.0$(( $(od -An -N1 -tu1 /dev/urandom) % 9 + 1 ))"}]}
J
expect_exit 0 "a noisy command runs" -- "$BENCHTOP" --headless --run noisy.json -o noisy/
[ "$(field noisy "r['tests'][0]['stopped_by']")" = max_iterations ] && pass "the noisy command stops at max_iterations" \
	|| fail "noisy stopped by $(field noisy "r['tests'][0]['stopped_by']")"
[ "$(field noisy "r['tests'][0]['stats']['n']")" = 12 ] && pass "it took the 12 iterations" || fail "noisy n"
field noisy "r['tests'][0]['precision']['reached'] > 0.01" | grep -qx True && pass "the precision it reached is reported" \
	|| fail "precision reached: $(field noisy "r['tests'][0]['precision']")"
expect_grep 'ended by max_iterations' "$scratch/out" "the final table says the cap ended it"
expect_grep 'ended by max_iterations' noisy/run-*.md "the Markdown report says so too"

# 3. warmup "auto" reports how many warmups it took.
cat > warm.json <<'J'
{"name": "warm", "tests": [{"name": "t", "kind": "command", "argv": ["true"], "warmup": "auto", "iterations": 3}]}
J
expect_exit 0 "warmup auto runs" -- "$BENCHTOP" --headless --run warm.json -o warm/
w=$(field warm "r['tests'][0]['warmups']")
[ "$w" -ge 4 ] && [ "$w" -le 20 ] && pass "warmup auto took $w warmups (4 to 20)" || fail "warmups $w"
[ "$(field warm "r['tests'][0]['warmup']")" = auto ] && pass "the report says the warmup was auto" || fail "warmup kind"

# 4. a busy machine: yes processes on every CPU mark the test, with the reason; --require-quiet exits 3.
cat > quiet.json <<'J'
{"name": "quiet", "defaults": {"warmup": 0, "iterations": 8},
 "tests": [{"name": "nap", "kind": "command", "argv": ["sleep", "0.05"]}]}
J
cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
pids=
i=0; while [ $i -lt "$cpus" ]; do yes >/dev/null & pids="$pids $!"; i=$((i + 1)); done
sleep 0.5
"$BENCHTOP" --headless --require-quiet --run quiet.json -o busy/ >out 2>err
rc=$?
kill $pids 2>/dev/null; wait $pids 2>/dev/null
[ "$rc" -eq 3 ] && pass "--require-quiet exits 3 on a busy machine" || fail "--require-quiet: exit $rc"
field busy "r['tests'][0]['noise']['disturbed'] >= 0.5" | grep -qx True && pass "the test is marked disturbed" \
	|| fail "noise: $(field busy "r['tests'][0]['noise']")"
field busy "[x['reason'] for x in r['tests'][0]['noise']['reasons']]" | grep -q 'other processes' \
	&& pass "the reason is other processes" || fail "reasons: $(field busy "r['tests'][0]['noise']")"
expect_grep '! noise: [0-9]+% disturbed: other processes' out "the final table marks it with the reason"
expect_grep 'disturbed: other processes' busy/run-*.md "the Markdown report shows the noise"
expect_grep 'noise: [0-9]+% disturbed' busy/run-*.xml "the JUnit report shows the noise"
expect_grep 'disturbed: other processes' busy/run-*.html "the HTML report shows the noise"
field busy "[f['check'] for f in r['system']['findings']]" | grep -q load \
	&& pass "the system checks name the load before the run" || fail "findings: $(field busy "r['system']['findings']")"
expect_grep 'system: load [0-9.]+ on [0-9]+ CPUs' out "the run begins by naming the load"
# the journal keeps --require-quiet: the reports rebuilt from it exit 3 as the run did
"$BENCHTOP" report busy/run-*.journal.jsonl -o rebuilt-busy >rout 2>&1
rc=$?
[ "$rc" -eq 3 ] && pass "a rebuild of the disturbed run exits 3 too" || fail "rebuild: exit $rc: $(cat rout)"
expect_grep '^--require-quiet: a test was measured on a busy machine' rout "and says why"

# The same test alone. This machine is shared, so "alone" is a fake /proc whose counters do
# not move: nobody else used the CPU. (The real /proc would show the other builds.)
mkdir -p fakeproc
printf 'cpu  1000 0 1000 100000 0 0 0 0 0 0\n' > fakeproc/stat
printf 'pswpin 0\npswpout 0\n' > fakeproc/vmstat
BENCHTOP_PROC_ROOT="$scratch/fakeproc" "$BENCHTOP" --headless --require-quiet --run quiet.json -o alone/ >out 2>err
rc=$?
[ "$rc" -eq 0 ] && pass "alone, --require-quiet exits 0" || fail "alone: exit $rc: $(cat err)"
"$BENCHTOP" report alone/run-*.journal.jsonl -o rebuilt-alone >rout 2>&1
rc=$?
[ "$rc" -eq 0 ] && pass "a rebuild of the quiet run exits 0" || fail "rebuild alone: exit $rc: $(cat rout)"
[ "$(field alone "r['tests'][0]['noise']['disturbed'] == 0")" = True ] && pass "alone, no sample is disturbed" \
	|| fail "alone noise: $(field alone "r['tests'][0]['noise']")"

# A hypervisor taking CPU time: a fake /proc/stat whose steal grows by half of all time.
( s=0; t=100000; while :; do
	s=$((s + 50)); t=$((t + 50))
	# in place: benchtop keeps the file open and reads it again from the start
	printf 'cpu  1000 0 1000 %d 0 0 0 %d 0 0\n' "$t" "$s" > fakeproc/stat
	sleep 0.01
done ) &
writer=$!
BENCHTOP_PROC_ROOT="$scratch/fakeproc" "$BENCHTOP" --headless --run quiet.json -o steal/ >out 2>err
kill $writer; wait $writer 2>/dev/null
field steal "[x['reason'] for x in r['tests'][0]['noise']['reasons']]" | grep -q steal \
	&& pass "steal time marks the test" || fail "steal: $(field steal "r['tests'][0]['noise']")"

# 5. interleaved: the journal shows rounds, one iteration of each variant per round.
cat > inter.json <<'J'
{"name": "inter", "defaults": {"warmup": 0, "iterations": 3},
 "tests": [{"name": "t", "kind": "command", "argv": ["true", "{v}"], "matrix": {"v": [1, 2, 3]}}]}
J
expect_exit 0 "an interleaved run" -- "$BENCHTOP" --headless --order interleaved --run inter.json -o inter/
seq=$(grep '"type":"iteration"' inter/run-*.journal.jsonl | sed 's/.*"index":\([0-9]*\).*"round":\([0-9]*\).*/\2:\1/' | tr '\n' ' ')
[ "$seq" = "1:0 1:1 1:2 2:0 2:1 2:2 3:0 3:1 3:2 " ] && pass "the journal shows rounds: $seq" || fail "rounds: $seq"
[ "$(field inter "r['order']")" = interleaved ] && pass "the report names the order" || fail "order"
expect_exit 0 "a sequential run" -- "$BENCHTOP" --headless --run inter.json -o seq/
seq=$(grep '"type":"iteration"' seq/run-*.journal.jsonl | sed 's/.*"index":\([0-9]*\).*/\1/' | tr -d '\n')
[ "$seq" = "000111222" ] && pass "sequential is the default: $seq" || fail "sequential: $seq"

# shuffled: the seed is printed and stored, and the same seed gives the same order.
expect_exit 0 "a shuffled run" -- "$BENCHTOP" --headless --order shuffled --seed 7 --run inter.json -o shuf1/
expect_grep 'order: shuffled, seed 7 ' "$scratch/out" "the seed is printed"
"$BENCHTOP" --headless --order shuffled --seed 7 --run inter.json -o shuf2/ >/dev/null 2>&1
a=$(grep '"type":"iteration"' shuf1/run-*.journal.jsonl | sed 's/.*"index":\([0-9]*\).*/\1/' | tr -d '\n')
b=$(grep '"type":"iteration"' shuf2/run-*.journal.jsonl | sed 's/.*"index":\([0-9]*\).*/\1/' | tr -d '\n')
[ "$a" = "$b" ] && [ "$a" != 000111222 ] && pass "the same seed repeats the shuffled order ($a)" || fail "shuffled $a vs $b"
[ "$(field shuf1 "r['seed']")" = 7 ] && pass "the report keeps the seed" || fail "seed"
expect_exit 2 "a bad --order" -- "$BENCHTOP" --headless --order random --run inter.json
expect_grep "expected sequential, interleaved or shuffled" "$scratch/err" "the bad order names the choices"

# 6. drift: a program slower on each call biases sequential order, not interleaved.
cat > drift.sh <<'S'
n=$(cat "$1" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$1"
sleep $(awk "BEGIN { print $n * 0.05 }")
S
cat > drift.json <<J
{"name": "drift", "defaults": {"warmup": 0, "iterations": 6},
 "tests": [{"name": "d", "kind": "command", "argv": ["sh", "$scratch/drift.sh", "$scratch/count", "{v}"],
            "matrix": {"v": ["a", "b"]}}]}
J
diff_of() { field "$1" "r['tests'][1]['stats']['mean'] - r['tests'][0]['stats']['mean']"; }
rm -f count; "$BENCHTOP" --headless --run drift.json -o dseq/ >/dev/null 2>&1
rm -f count; "$BENCHTOP" --headless --order interleaved --run drift.json -o dint/ >/dev/null 2>&1
ds=$(diff_of dseq); di=$(diff_of dint)
"$py" -c "import sys; s, i = float(sys.argv[1]), float(sys.argv[2]); sys.exit(0 if s > 0.15 and abs(i) < 0.12 else 1)" "$ds" "$di" \
	&& pass "drift: b - a is ${ds}s sequential, ${di}s interleaved" || fail "drift: sequential $ds, interleaved $di"

# 7. a cut run: SIGINT mid-test exits 0, the test is stopped with its samples, reports written.
cat > long.json <<'J'
{"name": "long", "defaults": {"warmup": 0, "iterations": 10},
 "tests": [{"name": "nap", "kind": "command", "argv": ["sleep", "0.3"]},
           {"name": "later", "kind": "command", "argv": ["true"]}]}
J
"$BENCHTOP" --headless --run long.json -o cut/ >out 2>err &
pid=$!
i=0
while [ "$(cat cut/*.journal.jsonl 2>/dev/null | grep -c '"type":"iteration"')" -lt 3 ] && [ $i -lt 200 ]; do
	sleep 0.1; i=$((i + 1))
done
kill -INT "$pid"; wait "$pid"; rc=$?
[ "$rc" -eq 0 ] && pass "SIGINT mid-run exits 0" || fail "SIGINT: exit $rc: $(cat err)"
[ "$(field cut "r['tests'][0]['status']")" = stopped ] && pass "the cut test is stopped" || fail "status $(field cut "r['tests'][0]['status']")"
field cut "r['tests'][0]['stats']['n'] >= 3 and r['tests'][0]['stats']['mean'] is not None" | grep -qx True \
	&& pass "it keeps its samples and statistics" || fail "samples: $(field cut "r['tests'][0]['stats']")"
[ "$(field cut "r['tests'][1]['status']")" = skipped ] && pass "the test after it is skipped" || fail "later"
expect_grep '<skipped message="stopped after [0-9]+ of 10 iterations"/>' cut/run-*.xml "JUnit marks it skipped: stopped after N of 10"
expect_grep '\| stopped \|' cut/run-*.md "Markdown shows stopped"
expect_grep 'class="stopped"' cut/run-*.html "HTML shows stopped"
expect_grep '^long/nap +stopped' out "the final table shows stopped"

# --duration ends a run the same way.
expect_exit 0 "--duration cutting a test exits 0" -- "$BENCHTOP" --headless --duration 1.5 --run long.json -o dur/
[ "$(field dur "r['tests'][0]['status']")" = stopped ] && pass "--duration leaves the test stopped" || fail "duration status"

sed 's/"iterations": 10/"iterations": 40/' long.json > longer.json
# The dashboard: q in the middle of a test exits 0, the test is stopped, the reports are written.
if command -v tmux >/dev/null 2>&1; then
	. "${top_srcdir}/tests/tmux-lib.sh"
	mkdir dash
	exitf="$scratch/dash.exit"
	t new-session -d -s bt -x 100 -y 30 \
		"cd '$scratch/dash' && LANG=C.UTF-8 '$BENCHTOP' --run '$scratch/longer.json' 2>'$scratch/dash.err'; echo \$? > '$exitf'; sleep 60"
	wait_for 'run [3-9]/40' 30
	t send-keys -t bt q   # while tests run, q asks first: q or y confirms
	sleep 0.5
	t send-keys -t bt y
	wait_exit 10
	[ "$(cat dash.exit 2>/dev/null)" = 0 ] && pass "q mid-run in the dashboard exits 0" || fail "dashboard q: exit $(cat dash.exit 2>/dev/null): $(cat dash.err)"
	[ "$(field dash/benchtop-results "r['tests'][0]['status']")" = stopped ] && pass "the test cut by q is stopped" \
		|| fail "dashboard cut status: $(field dash/benchtop-results "r['tests'][0]['status']")"
	ls dash/benchtop-results/run-*.xml dash/benchtop-results/run-*.md >/dev/null 2>&1 && pass "q leaves every report" \
		|| fail "dashboard reports: $(ls dash/benchtop-results)"
	t kill-server 2>/dev/null
else
	echo "tmux is not installed: the dashboard part is left out"
fi

# kill -9 mid-test, then report: exit 0 by the same rule, the cut test stopped.
"$BENCHTOP" --headless --run long.json -o k9/ >/dev/null 2>&1 &
pid=$!
i=0
while [ "$(cat k9/*.journal.jsonl 2>/dev/null | grep -c '"type":"iteration"')" -lt 2 ] && [ $i -lt 200 ]; do
	sleep 0.1; i=$((i + 1))
done
kill -9 "$pid"; wait "$pid" 2>/dev/null
expect_exit 0 "report of a journal cut by kill -9 exits 0" -- "$BENCHTOP" report k9/run-*.journal.jsonl -o k9r
expect_grep 'stopped' "$scratch/out" "report counts the stopped test"
[ "$(field k9r "r['tests'][0]['status']")" = stopped ] && pass "the rebuilt test is stopped" || fail "k9 status"

# 8. suite fields: errors with their place and a suggestion.
printf '{"name":"x","tests":[{"name":"a","kind":"command","argv":["true"],"precison":"2%%"}]}\n' > f1.json
expect_exit 2 "a misspelt precision" -- "$BENCHTOP" --headless --run f1.json
expect_grep "unknown field 'precison'.*did you mean 'precision'" "$scratch/err" "precision gets a suggestion"
printf '{"name":"x","tests":[{"name":"a","kind":"command","argv":["true"],"precision":"200%%"}]}\n' > f2.json
expect_exit 2 "precision out of range" -- "$BENCHTOP" --headless --run f2.json
expect_grep "^benchtop: f2.json:1:[0-9]+: tests\[0\].precision: 'precision' in test 'a' must be" "$scratch/err" "the bad precision is placed"
printf '{"name":"x","tests":[{"name":"a","kind":"command","argv":["true"],"warmup":"soon"}]}\n' > f3.json
expect_exit 2 "a bad warmup word" -- "$BENCHTOP" --headless --run f3.json
expect_grep "must be a whole number or \"auto\"" "$scratch/err" "warmup says auto is the word"
printf '{"name":"x","defaults":{"order":"interleave"},"tests":[{"name":"a","kind":"command","argv":["true"]}]}\n' > f4.json
expect_exit 2 "a misspelt order" -- "$BENCHTOP" --headless --run f4.json
expect_grep "did you mean 'interleaved'" "$scratch/err" "the order gets a suggestion"
printf '{"name":"x","tests":[{"name":"a","kind":"command","argv":["true"],"min_iterations":9,"max_iterations":3}]}\n' > f5.json
expect_exit 2 "max below min" -- "$BENCHTOP" --headless --run f5.json
expect_grep "'max_iterations' in test 'a' \(3\) is below 'min_iterations' \(9\)" "$scratch/err" "max below min is named"
finish
