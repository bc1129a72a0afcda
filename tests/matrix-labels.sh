#!/bin/sh
# Variants are told apart by their label ("x=1 y=a") in reports, /metrics, the textfile and a
# push: matrix values that would give two variants one label are refused at load, with exit 2
# and one line naming the file, the line and column, both variants and the label.
. "${top_srcdir}/tests/lib.sh"
cd "$scratch"

refused() {  # refused NAME LINE ARGS...: exit 2, and stderr is exactly LINE
	name=$1; line=$2; shift 2
	expect_exit 2 "$name exits 2" -- "$BENCHTOP" --headless --no-history --no-report "$@" || return
	[ "$(cat "$scratch/err")" = "$line" ] && pass "$name: one line names it" \
		|| fail "$name: stderr is '$(cat "$scratch/err")', expected '$line'"
	[ ! -s "$scratch/out" ] && pass "$name: nothing ran" || fail "$name ran: $(head -3 "$scratch/out")"
}

# 1 and "1": the same text, so the same label (and the same command).
printf '{"name":"dup2","defaults":{"warmup":0,"iterations":2},"tests":[{"name":"n","kind":"shell",\n "run":"true {x}","matrix":{"x":[1,"1"]}}]}\n' > dup2.json
refused "a number and its string" \
	"benchtop: dup2.json:2:19: tests[0].matrix: the variants {\"x\":1} and {\"x\":\"1\"} in test 'n' would both be named 'x=1' in reports and metrics: make the values differ as text" \
	-r dup2.json

# A value that reads like the next key: "a y=b" then c, and a then "b y=c".
printf '{"tests":[{"name":"n","kind":"shell","run":"true {x} {y}",\n "matrix":{"x":["a y=b","a"],"y":["c","b y=c"]}}]}\n' > spaced.json
refused "a value that spells another key" \
	"benchtop: spaced.json:2:2: tests[0].matrix: the variants {\"x\":\"a y=b\",\"y\":\"c\"} and {\"x\":\"a\",\"y\":\"b y=c\"} in test 'n' would both be named 'x=a y=b y=c' in reports and metrics: make the values differ as text" \
	-r spaced.json

# Values that differ as text still run, each variant its own.
printf '{"tests":[{"name":"n","kind":"shell","run":"true {x}","iterations":1,"warmup":0,\n "matrix":{"x":[1,"01","a y=b"]}}]}\n' > fine.json
expect_exit 0 "distinct labels run" -- "$BENCHTOP" --headless --no-history -r fine.json -o "$scratch/rep"
n=$(grep -c '"variant"' "$scratch"/rep/run-*.json 2>/dev/null)
[ "$n" -ge 3 ] && pass "three variants in the report" || fail "variants in the report: $n"
finish
