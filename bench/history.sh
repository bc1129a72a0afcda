#!/bin/sh
# bench/history.sh - figures for the run history: recording a big run, trend over a long history,
# and whether the gate sees a 3 ms step in a 10 ms sleep on this machine.
#   bench/history.sh [BENCHTOP]    (default ./src/benchtop; needs the sqlite3 command)
set -eu
bt=${1:-./src/benchtop}
bt=$(cd "$(dirname "$bt")" && pwd)/$(basename "$bt")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/benchtop-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
ms() { echo $(($(date +%s%N) / 1000000)); }

# 1. Recording a run of 100 test variants x 1,000 samples, as a finished run does (the target:
#    < 100 ms), and through an import.
awk 'BEGIN {
	srand(1)
	printf "{\"schema\":1,\"benchtop_version\":\"bench\",\"started_unix\":1700000000,"
	printf "\"system\":{\"hostname\":\"b\",\"cpu_model\":\"x\",\"cores\":1,\"memory_bytes\":1,\"kernel\":\"k\",\"gpus\":[]},\"tests\":["
	for (t = 0; t < 100; t++) {
		printf "%s{\"suite\":\"bench\",\"name\":\"t%d\",\"variant\":{},\"metric\":\"wall_time\",\"unit\":\"s\",", t ? "," : "", t
		printf "\"better\":\"lower\",\"status\":\"pass\",\"samples\":["
		for (i = 0; i < 1000; i++) printf "%s%.9f", i ? "," : "", 0.01 + rand() / 1000
		printf "]}"
	}
	print "]}"
}' > big.json
make -C "$(dirname "$bt")/.." bench/history-record >/dev/null
"$(dirname "$bt")/../bench/history-record" big.json record.db
t0=$(ms); "$bt" history --history-db record.db import big.json >/dev/null; t1=$(ms)
echo "the same through benchtop history import (process start and JSON read included): $((t1 - t0)) ms"

# 2. trend over 10,000 runs of 50 tests, written straight into the schema benchtop made.
"$bt" history --history-db long.db import big.json >/dev/null
sqlite3 long.db <<'SQL'
PRAGMA foreign_keys = ON;
DELETE FROM runs;
DELETE FROM tests WHERE id > 50;
WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 10000)
INSERT INTO runs(id, machine_id, started, recorded, version, label, suites, status, ntests, npass, nfail, duration, run_key)
SELECT i, 1, 1700000000 + i * 3600, 0, 'bench', 'c' || i, 'bench', 'pass', 50, 50, 0, 1, 'k' || i FROM r;
INSERT INTO results(run_id, test_id, status, error, n, median, outliers)
SELECT runs.id, tests.id, 'pass', '', 5, 0.01 * (1 + (abs(random()) % 1000) / 50000.0) * (CASE WHEN runs.id > 9990 THEN 1.1 ELSE 1 END), 0
FROM runs, tests;
SQL
for last in 30 1000 10000; do
	t0=$(ms); "$bt" trend --history-db long.db --last $last >trend.out; t1=$(ms)
	echo "trend over 10000 runs x 50 tests, --last $last: $((t1 - t0)) ms (target < 500 ms); $(grep -c regressed trend.out) of 50 regressed"
done
t0=$(ms); "$bt" trend --history-db long.db --gate >/dev/null || true; t1=$(ms)
echo "trend --gate over the same: $((t1 - t0)) ms"

# 3. The step of the issue on this machine: 12 runs of sleep 0.010, then 6 of sleep 0.013.
printf '{"name":"b","defaults":{"warmup":1,"iterations":7},"tests":[{"name":"nap","kind":"command","argv":["sleep","0.010"]}]}' > a.json
sed 's/0.010/0.013/' a.json > b.json
i=1
while [ $i -le 18 ]; do
	s=a.json; [ $i -gt 12 ] && s=b.json
	"$bt" -H --log /dev/null -r $s -o rep --history-db step.db --label "r$i" >/dev/null 2>&1 || true
	i=$((i + 1))
done
"$bt" trend --history-db step.db --test b/nap | tail -n +4
if "$bt" trend --history-db step.db --gate; then echo "gate: no regression seen (the machine's noise hides 3 ms)"; fi
