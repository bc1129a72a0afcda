#!/bin/sh
# Text from suites, reports and --label as history and trend print it: escape sequences in a
# name, a label, a unit, an error or a machine's description never reach the terminal raw (they
# show as \x1b, as the run's own table and compare show them).
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
expect_grep '^ +1  .* ci\\x1b\]-[0-9a-f]{8} +s\\x1b\]0;pwne +v1\\x1b\[31m +1 +1 +0  pass ' "$scratch/out" \
	"history: host, suite and label shown"
expect_exit 0 "history show" -- "$BENCHTOP" history --history-db "$db" show 1
raw "history show" "$scratch/out"
expect_grep '^run 1 .* ci\\x1b\]0;host\\x07 \(' "$scratch/out" "show: the host, BEL shown as \\x07"
expect_grep '^s\\x1b\]0;pwned\\x07/t\\x1b\[2Jx +pass ' "$scratch/out" "show: the test's name"
expect_grep '^    warn \\x1b\[2J\\x1b\[31mred$' "$scratch/out" "show: the error line"
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
finish
