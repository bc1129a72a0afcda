#!/bin/sh
# The run history as a nightly CI job uses it: runs recorded with labels, listed and shown,
# trends with change points, the gate, imports that count once, pruning, the HTML page, and a
# database that is broken, foreign, newer or shared by two runs at once. Every database is a
# temporary file; the sqlite3 command (installed when root, else that part is skipped) checks
# what landed in it.
. "${top_srcdir}/tests/lib.sh"
suite="$top_srcdir/tests/suites/history-nap.json"
# The same test, hist/nap, sleeping 0.2 s instead of 0.01 s: a step far above the noise of a
# loaded machine (sleep 0.010 vs 0.013, the step of bench/history.sh, drowns in it there).
slow="$top_srcdir/tests/suites/history-nap-slow.json"
cd "$scratch"

# sqlite3 for looking inside the database.
have_sqlite=yes
if ! command -v sqlite3 >/dev/null 2>&1; then
	if [ "$(id -u)" -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq sqlite3 >/dev/null 2>&1
	fi
	command -v sqlite3 >/dev/null 2>&1 || { have_sqlite=no; echo "skip: no sqlite3 command (install sqlite3 as root)"; }
fi
sq() { sqlite3 "$@"; }

# run DB LABEL SUITE: one headless run of the suite, recorded in DB.
run() {
	"$BENCHTOP" --headless --interval 0.5 --log /dev/null --run "$3" -o "$scratch/reports" \
		--history-db "$1" --label "$2" >run.out 2>run.err
}

# report FILE T0 VALUE...: a JSON report of test synth/step started at T0 with these samples.
report() {
	f=$1; t0=$2; shift 2
	samples=$(echo "$@" | tr ' ' ',')
	cat >"$f" <<JSON
{"schema":1,"benchtop_version":"0.1.0","started_unix":$t0,
 "system":{"hostname":"ci","cpu_model":"Synthetic CPU","cores":8,"memory_bytes":17179869184,"kernel":"Linux 6.1","gpus":[]},
 "tests":[{"suite":"synth","name":"step","kind":"shell","variant":{},"metric":"wall_time","unit":"s","better":"lower",
  "status":"pass","samples":[$samples]},
  {"suite":"synth","name":"rate","kind":"shell","variant":{"n":1},"metric":"throughput","unit":"op/s","better":"higher",
  "status":"pass","samples":[$samples]}]}
JSON
}

# series DIR NRUNS STEP_AT STEP NOISE SEED: NRUNS reports in DIR of about 1.0 (x STEP from run STEP_AT
# on), with +-NOISE relative noise from a fixed sequence.
series() {
	mkdir -p "$1"
	awk -v n="$2" -v at="$3" -v step="$4" -v noise="$5" -v seed="$6" 'BEGIN {
		s = seed
		for (i = 1; i <= n; i++) {
			line = ""
			for (k = 0; k < 5; k++) {
				s = (s * 1103515245 + 12345) % 2147483648
				v = (1 + noise * (2 * s / 2147483648 - 1)) * (i >= at ? step : 1)
				line = line sprintf(" %.6f", v)
			}
			print i, line
		}
	}' | while read -r i vals; do
		# shellcheck disable=SC2086
		report "$1/r$(printf %03d "$i").json" $((1700000000 + i * 86400)) $vals
	done
}

# 1. Real runs: 12 nights at 10 ms, then 6 at 200 ms.
db="$scratch/h.db"
i=1
while [ $i -le 18 ]; do
	s=$suite
	[ $i -gt 12 ] && s=$slow
	run "$db" "c$i" "$s" || fail "run $i: exit $?: $(cat run.err)"
	i=$((i + 1))
done
expect_grep "^history: run 18 recorded in $db$" run.out "a run says where it was recorded"
[ "$(stat -c %a "$db")" = 600 ] && pass "the database is mode 0600" || fail "database mode $(stat -c %a "$db")"
expect_exit 0 "history lists the runs" -- "$BENCHTOP" history --history-db "$db"
expect_grep "^18 runs in " "$scratch/out" "history counts 18 runs"
expect_grep "^ +13  .* hist +c13 +2 +2 +0  pass " "$scratch/out" "a run's row: id, suite, label, tests, pass, fail, status"
expect_exit 0 "history show" -- "$BENCHTOP" history --history-db "$db" show 13
expect_grep "^run 13 .* label c13  status pass" "$scratch/out" "show names the run"
expect_grep "^test +status +mean ± σ +median +min … max +n$" "$scratch/out" "show has the run's table, as the run printed it"
expect_grep "^hist/nap +pass +[0-9.]+ ± [0-9.]+ m?s +[0-9.]+ m?s +[0-9.]+ … [0-9.]+ m?s +5$" "$scratch/out" \
	"show: mean ± σ, median and min … max scaled with their unit, and n"
expect_exit 2 "show of a missing run" -- "$BENCHTOP" history --history-db "$db" show 99
expect_grep "no run 99" "$scratch/err" "a missing run is named"

expect_exit 0 "trend" -- "$BENCHTOP" trend --history-db "$db"
expect_grep "^hist/nap +18  [▁▂▃▄▅▆▇█]{18} +[0-9]{1,3}\.[0-9]+ ms +\+[0-9.]+%  regressed$" "$scratch/out" \
	"trend: sparkline, last (scaled: ms), change, regressed"
expect_grep "^  change point at run 13 \(c13\): [0-9]+\.[0-9]+ -> [0-9]+\.[0-9]+ ms " "$scratch/out" \
	"trend: the change point's levels, scaled"
expect_grep "change point at run 13 \(c13\)" "$scratch/out" "trend names the change point's run and label"
LANG=C LC_ALL=C expect_exit 0 "trend under LANG=C" -- "$BENCHTOP" trend --history-db "$db" --test hist/nap
expect_grep "^hist/nap +18  [_.,=+*#-]{18} " "$scratch/out" "ASCII sparkline under LANG=C"
# Real runs move with the machine's load: 10 ms sleeps have become 14-20 ms, and `true` (hist/true)
# 0.65 ms -> 3 ms, when other jobs started beside the test. So the gates on real runs look at the
# sleep alone, and less than a fourfold change is not one (the step is twentyfold).
expect_exit 1 "the gate finds the step" -- "$BENCHTOP" trend --history-db "$db" --gate --test hist/nap --min-change 300
expect_grep "^REGRESSION hist/nap: from run 13 \(c13\)" "$scratch/out" "the gate names the test and the 13th run"

db2="$scratch/flat.db"
i=1
while [ $i -le 18 ]; do
	run "$db2" "f$i" "$suite" || fail "flat run $i: $(cat run.err)"
	i=$((i + 1))
done
expect_exit 0 "18 runs without the step pass the gate" -- "$BENCHTOP" trend --history-db "$db2" --gate --test hist/nap --min-change 300
expect_grep "^no new regression in run 18" "$scratch/out" "the gate says so"

# 2. Synthetic series from report files: a 10 % step after 20 nights in 1 % noise, and flat 3 % noise.
series step 26 21 1.10 0.01 7
series flat 40 999 1 0.03 11
sdb="$scratch/synth.db"
expect_exit 0 "import of 26 reports" -- "$BENCHTOP" history --history-db "$sdb" import step/*.json
expect_grep "r021\.json: recorded as run 21" "$scratch/out" "import says which run each report became"
expect_exit 0 "import again" -- "$BENCHTOP" history --history-db "$sdb" import step/*.json
[ "$(grep -c 'already recorded' "$scratch/out")" -eq 26 ] && pass "a second import adds nothing" \
	|| fail "second import: $(head -3 "$scratch/out")"
expect_exit 1 "the gate on the step" -- "$BENCHTOP" trend --history-db "$sdb" --gate
expect_grep "^REGRESSION synth/step: from run 21" "$scratch/out" "lower-is-better step regressed at run 21"
grep -q "synth/rate" "$scratch/out" && fail "a higher-is-better test that went up is in the gate" \
	|| pass "higher-is-better: up is not a regression"
expect_exit 0 "trend of the step" -- "$BENCHTOP" trend --history-db "$sdb" --test "synth/rate n=1"
expect_grep "^synth/rate n=1 .* improved$" "$scratch/out" "higher-is-better: up is improved"
fdb="$scratch/flat-synth.db"
"$BENCHTOP" history --history-db "$fdb" import flat/*.json >/dev/null || fail "flat import"
expect_exit 0 "noisy but flat passes the gate" -- "$BENCHTOP" trend --history-db "$fdb" --gate
expect_exit 0 "trend json" -- "$BENCHTOP" trend --history-db "$fdb" --format json
expect_grep '"verdict":[[:space:]]*"steady"' "$scratch/out" "flat noise is steady"
expect_exit 0 "trend csv" -- "$BENCHTOP" trend --history-db "$sdb" --format csv
expect_grep '^test,suite,name,variant,unit,better,runs,last,change_pct,verdict,change_point_runs$' "$scratch/out" \
	"CSV header: the change in percent, as compare's CSV has it"
expect_grep '^"synth/step","synth","step","",s,lower,26,1\.[0-9]+,(9\.[5-9]|10\.[0-4])[0-9]*,regressed,21$' "$scratch/out" \
	"CSV row: the 10 % step as a percent"
expect_grep '^"synth/rate n=1","synth","rate","n=1",op/s,higher,26,' "$scratch/out" \
	"CSV row: the variant as key=value, as compare's CSV writes it"
expect_exit 0 "trend md" -- "$BENCHTOP" trend --history-db "$sdb" --format md
expect_grep '^\| synth/step \| 26 \|' "$scratch/out" "Markdown row"

# Few points are read by a query per test, many by one scan of every result: the same points.
for m in "" --any-machine; do
	"$BENCHTOP" trend --history-db "$sdb" $m --test synth/step --last 3 --format json >short.json 2>&1
	"$BENCHTOP" trend --history-db "$sdb" $m --test synth/step --last 100000 --format json >long.json 2>&1
	/usr/bin/python3 - short.json long.json <<'PY' && pass "trend $m: per-test query and scan agree" \
		|| fail "trend $m: per-test query and scan differ"
import json, sys
a, b = (json.load(open(f))["tests"][0]["runs"] for f in sys.argv[1:3])
sys.exit(0 if len(a) == 3 and len(b) > 3 and a == b[-3:] else 1)
PY
done

# 3. The HTML page: one SVG chart per test, well-formed, no scripts or outside loads.
expect_exit 0 "trend -o page.html" -- "$BENCHTOP" trend --history-db "$sdb" --last 50 -o page.html
[ "$(grep -c '<svg class="chart"' page.html)" -eq 2 ] && pass "one chart per test" || fail "charts: $(grep -c '<svg' page.html)"
expect_grep "Content-Security-Policy" page.html "the page forbids outside loads"
grep -qi '<script\|https\?://' page.html && fail "the page has a script or a URL" || pass "self-contained page"
if command -v xmllint >/dev/null 2>&1; then
	sed -n '/<svg/,/<\/svg>/p' page.html | awk '/<svg/ { n++ } { print > ("svg" n ".xml") }'
	for f in svg*.xml; do xmllint --noout "$f" 2>>xml.err || fail "$f not well-formed: $(cat xml.err)"; done
	pass "every SVG is well-formed XML"
fi
expect_exit 0 "trend --test one" -- "$BENCHTOP" trend --history-db "$sdb" --test synth/step -o one.html
[ "$(grep -c '<svg class="chart"' one.html)" -eq 1 ] && pass "--test draws one chart" || fail "--test charts"
expect_exit 2 "trend --test unknown" -- "$BENCHTOP" trend --history-db "$sdb" --test nothing
expect_grep "no recorded test matches --test 'nothing'" "$scratch/err" "an unknown test is named"

# 4. Machines: another machine's reports compare with themselves, and side by side.
report other.json "$(date +%s)" 0.5 0.5 0.5
sed -i 's/Synthetic CPU/Other CPU/' other.json
"$BENCHTOP" history --history-db "$sdb" import other.json >/dev/null
expect_exit 0 "trend --machines" -- "$BENCHTOP" trend --history-db "$sdb" --machines
expect_grep "^machine 2: ci \([0-9a-f]{16}\), Other CPU, 8 cores, 16 GiB" "$scratch/out" "machines listed"
expect_grep "^geomean" "$scratch/out" "a geomean row"

# 5. Prune.
expect_exit 0 "prune --keep 10" -- "$BENCHTOP" history --history-db "$sdb" prune --keep 10
expect_grep "^pruned 17 runs" "$scratch/out" "prune says how many went"
expect_exit 0 "prune --older-than 90d" -- "$BENCHTOP" history --history-db "$sdb" prune --older-than 90d
"$BENCHTOP" history --history-db "$sdb" >out.txt
expect_grep "^1 run in " out.txt "runs older than 90 days are gone (the other machine's, just now, stays)"
expect_exit 2 "prune without a rule" -- "$BENCHTOP" history --history-db "$sdb" prune
expect_exit 2 "prune with a bad time" -- "$BENCHTOP" history --history-db "$sdb" prune --older-than soon

# 6. benchtop report JOURNAL: a run already recorded is not added again; into a new db it is.
j=$(ls "$scratch"/reports/*.journal.jsonl | head -1)
XDG_DATA_HOME="$scratch/xdg" "$BENCHTOP" report "$j" -o rebuilt >out.txt 2>&1
expect_grep "^history: run 1 recorded in $scratch/xdg/benchtop/history.db$" out.txt "report JOURNAL records the run"
XDG_DATA_HOME="$scratch/xdg" "$BENCHTOP" report "$j" -o rebuilt >out.txt 2>&1
expect_grep "^history: run already recorded as run 1" out.txt "a second rebuild adds nothing"
"$BENCHTOP" history --history-db "$scratch/xdg/benchtop/history.db" import rebuilt/*.json >out.txt
expect_grep "already recorded as run 1" out.txt "its JSON report is the same run"
# A run recorded live is the same run as its JSON report and its journal, though JSON gives some
# values back one unit in the last place off (of 60 samples, some always are): a run cut short too.
cat >many.json <<'SUITE'
{ "name": "many", "defaults": { "warmup": 0, "iterations": 60 },
  "tests": [ { "name": "t", "kind": "command", "argv": ["true"] } ] }
SUITE
cat >cut.json <<'SUITE'
{ "name": "cut", "defaults": { "warmup": 0, "iterations": 60 },
  "tests": [ { "name": "nap", "kind": "shell", "run": "sleep 0.05" } ] }
SUITE
ldb="$scratch/xdg-live/benchtop/history.db"
n=0
for s in many cut; do
	n=$((n + 1))
	XDG_DATA_HOME="$scratch/xdg-live" "$BENCHTOP" -H --log /dev/null -r $s.json -o "live-$s" -d 2 >out.txt 2>&1
	expect_grep "^history: run $n recorded in $ldb$" out.txt "$s: recorded live as run $n"
	"$BENCHTOP" history --history-db "$ldb" import "live-$s"/*.json >out.txt 2>&1
	expect_grep "^live-$s/run-[0-9-]+\.json: already recorded as run $n$" out.txt "$s: importing its report adds nothing"
	XDG_DATA_HOME="$scratch/xdg-live" "$BENCHTOP" report "live-$s"/*.journal.jsonl -o "live-$s-rebuilt" >out.txt 2>&1
	expect_grep "^history: run already recorded as run $n in $ldb$" out.txt "$s: rebuilding it from its journal adds nothing"
done
"$BENCHTOP" history --history-db "$ldb" >out.txt
expect_grep "^2 runs in " out.txt "two runs, each recorded once"

# 7. Broken, foreign and newer databases: one line, reports still written, exit 1.
echo "not a database" > junk.db
"$BENCHTOP" --headless --log /dev/null --run "$suite" -o junk-reports --history-db junk.db >out.txt 2>err.txt
rc=$?
[ "$rc" -eq 1 ] && pass "a run with a broken database exits 1" || fail "broken database: exit $rc"
expect_grep "^benchtop: history: junk.db: not a SQLite database$" err.txt "the broken database is one line"
[ "$(wc -l < err.txt)" -eq 1 ] || fail "more than one line: $(cat err.txt)"
ls junk-reports/run-*.json >/dev/null 2>&1 && pass "the reports are written anyway" || fail "no reports"
expect_exit 2 "history on a broken database" -- "$BENCHTOP" history --history-db junk.db
# A report whose samples are not numbers is refused, and nothing is recorded.
for bad in '"a","b"' '1e999,2'; do
	printf '{"schema":1,"started_unix":1700000000,"system":{"hostname":"h"},"tests":[{"suite":"s","name":"a","unit":"s","better":"lower","status":"pass","samples":[%s]}]}\n' "$bad" >bad.json
	expect_exit 2 "import of samples [$bad]" -- "$BENCHTOP" history --history-db bad.db import bad.json
	expect_grep "bad\.json: tests\[0\]\.samples\[0\] is not a finite number" "$scratch/err" "samples [$bad] are named"
done
[ ! -e bad.db ] && pass "an import that records nothing makes no database" || fail "bad.db was made"
expect_exit 0 "prune of a database that does not exist" -- "$BENCHTOP" history --history-db none.db prune --keep 1
expect_grep "^no runs recorded yet in none\.db$" "$scratch/out" "prune says there is nothing to prune"
[ ! -e none.db ] && pass "prune makes no database" || fail "prune made none.db"
"$BENCHTOP" history --history-db bad.db >bad.out 2>&1
grep -q "no runs recorded yet\|^0 runs" bad.out && pass "nothing was recorded from them" ||
	fail "a bad report was recorded: $(cat bad.out)"
expect_exit 0 "--no-history does not touch it" -- env "$BENCHTOP" --headless --log /dev/null --run "$suite" -o junk-reports --history-db junk.db --no-history
expect_exit 0 "trend of an empty history" -- "$BENCHTOP" trend --history-db "$scratch/none.db"
expect_grep "no runs recorded yet" "$scratch/out" "an empty history says so"
[ ! -e "$scratch/none.db" ] && pass "reading does not create a database" || fail "trend created none.db"
# An empty file (what a full disk left behind before) is an empty history, not an old schema.
: >empty.db
expect_exit 0 "history of an empty file" -- "$BENCHTOP" history --history-db empty.db
expect_grep "^no runs recorded yet in empty.db$" "$scratch/out" "an empty file has no runs yet"
expect_exit 0 "trend of an empty file" -- "$BENCHTOP" trend --history-db empty.db
[ ! -s empty.db ] && pass "reading leaves it empty" || fail "reading wrote into empty.db"

if [ "$have_sqlite" = yes ]; then
	sq foreign.db "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
	expect_exit 2 "history on another program's database" -- "$BENCHTOP" history --history-db foreign.db
	expect_grep "another program" "$scratch/err" "a foreign database is named"
	sq foreign1.db "CREATE TABLE t(x); PRAGMA user_version = 1;"
	expect_exit 2 "another program's database at user_version 1" -- "$BENCHTOP" history --history-db foreign1.db
	expect_grep "another program" "$scratch/err" "it is told apart by its application id"
	[ "$(sq "$db" 'PRAGMA application_id')" = 1651797872 ] && pass "application_id marks ours" || fail "application_id"
	cp "$db2" newer.db
	sq newer.db "PRAGMA user_version = 99;"
	expect_exit 1 "a run with a newer database" -- env "$BENCHTOP" --headless --log /dev/null --run "$suite" -o junk-reports --history-db newer.db
	expect_grep "schema 99 is from a newer benchtop" "$scratch/err" "a newer database is named"

	# What landed: schema, WAL, one run per record, every sample, all consistent.
	[ "$(sq "$db" 'PRAGMA user_version')" = 1 ] && pass "user_version 1" || fail "user_version"
	[ "$(sq "$db" 'PRAGMA journal_mode')" = wal ] && pass "WAL" || fail "journal mode $(sq "$db" 'PRAGMA journal_mode')"
	[ "$(sq "$db" 'SELECT count(*) FROM runs')" = 18 ] && pass "18 runs" || fail "runs: $(sq "$db" 'SELECT count(*) FROM runs')"
	[ "$(sq "$db" 'SELECT count(*) FROM samples')" = $((18 * 2 * 5)) ] && pass "every sample stored" \
		|| fail "samples: $(sq "$db" 'SELECT count(*) FROM samples')"
	[ "$(sq "$db" "SELECT label FROM runs WHERE id = 13")" = c13 ] && pass "labels stored" || fail "label"
	[ "$(sq "$db" 'PRAGMA integrity_check')" = ok ] && pass "integrity" || fail "integrity_check"
	[ "$(sq "$db" 'PRAGMA foreign_key_check' | wc -l)" -eq 0 ] && pass "foreign keys hold" || fail "foreign keys"
	sq "$db" "SELECT sql FROM sqlite_schema WHERE type = 'table'" | grep -vc STRICT | grep -qx 0 \
		&& pass "STRICT tables" || fail "a table is not STRICT"
	[ "$(sq "$sdb" 'SELECT count(*) FROM samples')" = "$(sq "$sdb" 'SELECT sum(n) FROM results')" ] \
		&& pass "prune left no orphan samples" || fail "orphans after prune"

	# kill -9 in the middle of recording a big run: the run is all there or not at all.
	awk 'BEGIN {
		printf "{\"schema\":1,\"started_unix\":1700000000,\"system\":{\"cpu_model\":\"big\"},\"tests\":["
		for (t = 0; t < 100; t++) {
			printf "%s{\"suite\":\"big\",\"name\":\"t%d\",\"unit\":\"s\",\"better\":\"lower\",\"status\":\"pass\",\"samples\":[", t ? "," : "", t
			for (i = 0; i < 1000; i++) printf "%s%d.5", i ? "," : "", i
			printf "]}"
		}
		print "]}"
	}' > big.json
	# Killed at several moments (reading the report, writing, committing): never half a run.
	for delay in 0.2 0.3 0.35 0.4 0.45 0.5 1.0; do
		before=$(sq "$db" 'SELECT count(*) FROM runs')
		sed "s/1700000000/170000000$delay/" big.json > big-now.json
		"$BENCHTOP" history --history-db "$db" import big-now.json >/dev/null 2>&1 &
		victim=$!
		sleep "$delay"
		kill -9 "$victim" 2>/dev/null
		wait "$victim" 2>/dev/null
		after=$(sq "$db" 'SELECT count(*) FROM runs')
		[ "$(sq "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity after kill -9 at $delay s"
		[ "$(sq "$db" 'SELECT count(*) FROM samples')" = "$(sq "$db" 'SELECT sum(n) FROM results')" ] \
			&& [ $((after - before)) -le 1 ] && pass "kill -9 at $delay s left no half run ($before -> $after runs)" \
			|| fail "after kill -9 at $delay s: $before -> $after runs, samples do not add up"
	done

	# 8. Two runs and four imports writing one database at once: every record lands.
	cdb="$scratch/concurrent.db"
	run_bg() { "$BENCHTOP" --headless --log /dev/null --run "$suite" -o "conc$1" --history-db "$cdb" --label "p$1" >"conc$1.out" 2>&1; }
	run_bg 1 & p1=$!
	run_bg 2 & p2=$!
	imports=
	for k in 0 1 2 3; do
		"$BENCHTOP" history --history-db "$cdb" import flat/r0$k*.json >"imp$k.out" 2>&1 &
		imports="$imports $!"
	done
	wait $p1 || fail "concurrent run 1: $(cat conc1.out)"
	wait $p2 || fail "concurrent run 2: $(cat conc2.out)"
	k=0
	for p in $imports; do
		wait "$p" || fail "concurrent import $k: $(cat "imp$k.out" | grep -v 'recorded as run')"
		k=$((k + 1))
	done
	[ "$(sq "$cdb" 'SELECT count(*) FROM runs')" = 41 ] && pass "two runs and 39 imports at once all landed" \
		|| fail "concurrent: $(sq "$cdb" 'SELECT count(*) FROM runs') runs; $(cat conc1.out conc2.out imp*.out | grep -iv "recorded as run" | head -8)"

	# 9. A database still in rollback mode, its write lock held by another program: opening it
	# reads, then must write to switch to WAL, and SQLite answers "busy" at once instead of
	# waiting. The import waits for the lock all the same and lands.
	before=$(sq "$cdb" 'SELECT count(*) FROM runs')
	report locked.json 1800000000 1.0 1.1 1.2
	printf 'PRAGMA journal_mode = DELETE;\nBEGIN IMMEDIATE;\nUPDATE runs SET label = label;\n.shell sleep 2\nCOMMIT;\n' |
		sq "$cdb" >/dev/null 2>&1 &
	holder=$!
	sleep 0.5
	expect_exit 0 "an import waits while another program holds the write lock" -- \
		"$BENCHTOP" history --history-db "$cdb" import locked.json
	wait "$holder"
	[ "$(sq "$cdb" 'SELECT count(*) FROM runs')" -gt "$before" ] && pass "and its run landed" \
		|| fail "locked import: no new run ($(cat "$scratch/err"))"
fi
finish
