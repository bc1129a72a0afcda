#!/bin/sh
# Text from suites, reports and --label as history and trend print it: escape sequences in a
# name, a label, a unit, an error or a machine's description never reach the terminal raw (they
# show as \x1b, as the run's own table and compare show them); a name never runs as a formula in
# the trend's CSV nor as HTML in its Markdown, nor breaks its table.
. "${top_srcdir}/tests/lib.sh"
cd "$scratch"
db="$scratch/h.db"
esc=$(printf '\033')
bel=$(printf '\007')

# hostile DIR N VALUE: report N of a run whose every text holds escapes (retitle the terminal,
# clear the screen, colour), with samples around VALUE.
hostile() {
	mkdir -p "$1"
	cat >"$1/r$(printf %02d "$2").json" <<JSON
{"schema":1,"benchtop_version":"0.1.0\u001b[5m","started_unix":$((1700000000 + $2 * 86400)),
 "system":{"hostname":"ci\u001b]0;host\u0007","cpu_model":"CPU\u001b[2J","cores":8,"memory_bytes":17179869184,
  "kernel":"Linux\u001b[31m","gpus":[]},
 "tests":[{"suite":"s\u001b]0;pwned\u0007","name":"t\u001b[2Jx","kind":"shell","variant":{},"metric":"wall_time",
  "unit":"s\u001b[1m","better":"lower","status":"pass","error":"warn \u001b[2J\u001b[31mred","samples":[$3,$3,$3,$3,$3]}]}
JSON
}
i=1
while [ $i -le 12 ]; do
	v=1.0
	[ $i -gt 6 ] && v=2.0
	hostile reps $i "$v$i"
	i=$((i + 1))
done
expect_exit 0 "import of reports with escapes in every text" -- \
	"$BENCHTOP" history --history-db "$db" import --label "$(printf 'v1\033[31m')" reps/*.json

# raw WHAT FILE: no ESC or BEL byte in FILE, and the escapes shown as text.
raw() {
	if grep -q "[$esc$bel]" "$2"; then fail "$1: a raw escape reaches the terminal: $(od -c "$2" | grep -m1 '033\|007')"
	else pass "$1: no raw escape"; fi
	expect_grep '\\x1b' "$2" "$1: escapes shown as \\x1b"
}

expect_exit 0 "history" -- "$BENCHTOP" history --history-db "$db"
raw "history" "$scratch/out"
expect_grep '^ +1  .* ci\\x1b…-[0-9a-f]{8} +s\\x1b\]0;pwn… +v1\\x1b\[31m +1 +1 +0  pass ' "$scratch/out" \
	"history: host, suite and label shown, cut with an ellipsis"
expect_exit 0 "history show" -- "$BENCHTOP" history --history-db "$db" show 1
raw "history show" "$scratch/out"
expect_grep '^run 1 .* ci\\x1b\]0;host\\x07 \(' "$scratch/out" "show: the host, BEL shown as \\x07"
expect_grep '^s\\x1b\]0;pwned\\x07/t\\x1b\[2Jx +pass ' "$scratch/out" "show: the test's name"
expect_grep '^  ! warn \\x1b\[2J\\x1b\[31mred$' "$scratch/out" "show: the error line"
expect_grep ' s\\x1b\[1m ' "$scratch/out" "show: the unit, escapes shown"
expect_exit 0 "trend" -- "$BENCHTOP" trend --history-db "$db"
raw "trend" "$scratch/out"
expect_grep '^trends on ci\\x1b\]0;host\\x07 \(' "$scratch/out" "trend: the machine"
expect_grep '^s\\x1b\]0;pwned\\x07/t\\x1b\[2Jx +12 ' "$scratch/out" "trend: the test's row"
expect_grep 'change point at run 7 \(v1\\x1b\[31m\)' "$scratch/out" "trend: the change point's label"
expect_exit 1 "trend --gate" -- "$BENCHTOP" trend --history-db "$db" --gate
raw "trend --gate" "$scratch/out"
expect_grep '^REGRESSION s\\x1b\]0;pwned\\x07/t\\x1b\[2Jx: from run 7 \(v1\\x1b\[31m\)' "$scratch/out" "the gate's line"
expect_exit 0 "trend --machines" -- "$BENCHTOP" trend --history-db "$db" --machines
raw "trend --machines" "$scratch/out"
expect_grep '^machine 1: ci\\x1b\]0;host\\x07 \([0-9a-f]+\), CPU\\x1b\[2J, 8 cores, 16 GiB, Linux\\x1b\[31m' "$scratch/out" \
	"--machines: the machine's description"
expect_exit 0 "trend --format md" -- "$BENCHTOP" trend --history-db "$db" --format md
raw "trend --format md" "$scratch/out"
expect_grep '\| run 7 \(v1\\x1b\[31m\): ' "$scratch/out" "trend --format md: the change point's label"
expect_exit 0 "trend --format csv" -- "$BENCHTOP" trend --history-db "$db" --format csv
raw "trend --format csv" "$scratch/out"

# Names a spreadsheet would run (=1+1, @SUM(A1)), and HTML and a '|' for a Markdown table.
cat >formula.json <<'JSON'
{"schema":1,"benchtop_version":"0.1.0","started_unix":1700000000,
 "system":{"hostname":"ci","cpu_model":"CPU","cores":8,"memory_bytes":17179869184,"kernel":"Linux","gpus":[]},
 "tests":[{"suite":"=1+1","name":"@SUM(A1)","kind":"shell","variant":{},"metric":"wall_time","unit":"s",
  "better":"lower","status":"pass","samples":[1,1,1]},
  {"suite":"md","name":"<script>alert(1)</script> a|b","kind":"shell","variant":{},"metric":"wall_time",
  "unit":"s","better":"lower","status":"pass","samples":[2,2,2]}]}
JSON
fdb="$scratch/formula.db"
"$BENCHTOP" history --history-db "$fdb" import formula.json >/dev/null || fail "import formula.json"
# cells FILE: every CSV cell, one a line.
cells() { /usr/bin/python3 -c 'import csv, sys; [print(c) for row in csv.reader(open(sys.argv[1])) for c in row]' "$1"; }
expect_exit 0 "trend --format csv" -- "$BENCHTOP" trend --history-db "$fdb" --format csv
cp "$scratch/out" stdout.csv
expect_exit 0 "trend -o t.csv" -- "$BENCHTOP" trend --history-db "$fdb" -o t.csv
for f in stdout.csv t.csv; do
	cells "$f" >cells.txt || fail "$f: not CSV"
	grep -q '^[=+@-]' cells.txt && fail "$f: a cell a spreadsheet runs: $(grep '^[=+@-]' cells.txt)" \
		|| pass "$f: no cell starts a formula"
	expect_grep "^'=1\+1$" cells.txt "$f: the suite =1+1 as text"
	expect_grep "^'@SUM\(A1\)$" cells.txt "$f: the test @SUM(A1) as text"
	expect_grep "^'=1\+1/@SUM\(A1\)$" cells.txt "$f: the test's full name as text"
done
expect_exit 0 "trend --format md" -- "$BENCHTOP" trend --history-db "$fdb" --format md
cp "$scratch/out" stdout.md
expect_exit 0 "trend -o t.md" -- "$BENCHTOP" trend --history-db "$fdb" -o t.md
for f in stdout.md t.md; do
	grep -q '<script>' "$f" && fail "$f: raw HTML: $(grep '<' "$f")" || pass "$f: no raw HTML"
	expect_grep '^\| md/&lt;script&gt;alert\(1\)&lt;/script&gt; a\\\|b \| 1 \|' "$f" "$f: HTML as entities, the | escaped"
	# Every row has the header's 8 cells: no '|' in a name splits one.
	/usr/bin/python3 - "$f" <<'PY' && pass "$f: 8 cells in every row" || fail "$f: a row with another count of cells: $(cat "$f")"
import re, sys
rows = [l.rstrip("\n") for l in open(sys.argv[1]) if l.startswith("|")]
sys.exit(0 if len(rows) == 4 and all(len(re.split(r"(?<!\\)\|", r)) == 10 for r in rows) else 1)
PY
done
finish
