#!/bin/sh
# Names, hosts, suites, labels and units in any script as history and trend print them: never
# cut inside a letter (the output stays valid UTF-8), cut with "…" where a column is too narrow
# ("..." in trend --ascii), and padded by the columns a terminal gives them (a CJK letter takes
# two), so rows line up.
# history show prints the table the run printed, figures scaled with their unit.
. "${top_srcdir}/tests/lib.sh"
py=/usr/bin/python3
[ -x "$py" ] || { echo "needs /usr/bin/python3 to count display columns"; exit 77; }
db="$scratch/u.db"
long=x测测测测测测测测测测测测测测测测测测测测测测测测测测测测测测测测测测测测测测测
cat >u.json <<JSON
{"schema": 1, "benchtop_version": "0.1.0", "started_unix": 1790000000,
 "system": {"hostname": "hôte-très-long", "cpu_model": "x", "cores": 2, "memory_bytes": 17179869184,
  "kernel": "Linux", "gpus": []},
 "tests": [{"suite": "sé", "name": "$long", "kind": "shell", "variant": {}, "metric": "wall_time", "unit": "s",
   "better": "lower", "status": "pass", "error": null, "samples": [0.001, 0.002, 0.003]},
  {"suite": "sé", "name": "ünïcødé", "kind": "shell", "variant": {}, "metric": "wall_time", "unit": "s",
   "better": "lower", "status": "pass", "error": null, "samples": [0.001, 0.002, 0.003]}]}
JSON
expect_exit 0 "import a report with CJK and accented names" -- \
	"$BENCHTOP" history --history-db "$db" import --label "测试测试测试测试测试ü" u.json

# valid WHAT: the output is valid UTF-8.
valid() {
	if iconv -f UTF-8 -t UTF-8 "$scratch/out" >/dev/null 2>&1; then pass "$1: valid UTF-8"
	else fail "$1: invalid UTF-8: $(od -c "$scratch/out" | head -5)"; fi
}
# col PREFIX WORD: the display column where WORD starts on each line that starts with PREFIX.
col() {
	"$py" -c '
import sys, unicodedata
w = lambda s: sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for line in open(sys.argv[1], encoding="utf-8"):
    i = line.find(sys.argv[3])
    if line.startswith(sys.argv[2]) and i >= 0:
        print(w(line[:i]))' "$scratch/out" "$1" "$2"
}
# aligned WHAT PREFIX WORD HEADING: on the lines starting with PREFIX (two at least), WORD starts
# at the display column where HEADING starts in the table's heading (the line starting "test"
# or with "   id").
aligned() {
	want=$(col "$([ "$1" = history ] && echo '   id' || echo test)" "$4")
	got=$(col "$2" "$3" | sort -u | tr '\n' ' ')
	[ "$got" = "$want " ] && [ "$(col "$2" "$3" | wc -l)" -ge "$5" ] && pass "$1: aligned" \
		|| fail "$1: '$3' at columns $got, '$4' at $want"
}

expect_exit 0 "history show" -- "$BENCHTOP" history --history-db "$db" show 1
valid "history show"
expect_grep "^sé/$long +pass " "$scratch/out" "show: the long name whole, as the run printed it"
aligned "history show" "sé/" " pass " " status" 2
expect_grep "^sé/ünïcødé +pass +2\.000 ± 1\.000 ms +2\.000 ms +1\.000 … 3\.000 ms +3$" "$scratch/out" \
	"show: figures scaled with their unit, median and min … max"

expect_exit 0 "history" -- "$BENCHTOP" history --history-db "$db"
valid "history"
expect_grep "^ +1  .* hôte-t…-[0-9a-f]{8}  sé +测试测试测试… +2 +2 +0  pass " "$scratch/out" \
	"history: host and label cut by columns with …"
aligned "history" "    1" " pass " " status" 1

expect_exit 0 "trend" -- "$BENCHTOP" trend --history-db "$db"
valid "trend"
expect_grep "^sé/x测+… +1  " "$scratch/out" "trend: the long name cut by columns with …"
aligned "trend" "sé/" "  ▄" "  trend" 2
# --ascii: the names in their ASCII form, cut with "..." by the columns they take so.
expect_exit 0 "trend --ascii" -- "$BENCHTOP" trend --history-db "$db" --ascii
expect_grep '^s\?/x\?+\.\.\. +1  - ' "$scratch/out" "trend --ascii: the long name in ASCII, cut with ..."
aligned "trend --ascii" "s?/" "  -" "  trend" 2
expect_exit 0 "trend --machines" -- "$BENCHTOP" trend --history-db "$db" --machines
valid "trend --machines"
expect_grep "^sé/x测+… +2\.000  ms$" "$scratch/out" "trend --machines: the name cut with …, the figure scaled"
finish
