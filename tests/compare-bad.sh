#!/bin/sh
# compare refuses a report whose tests cannot be told apart (no suite or name, a name that is
# not a string, a variant that is not an object, the same test twice) with exit 2 and one line
# naming the entry, and still reads the reports benchtop writes, old journals' included.
. "${top_srcdir}/tests/lib.sh"
cd "$scratch"

t() { printf '{"suite":"s","name":"%s","variant":{},"unit":"s","better":"lower","status":"pass","samples":[1,1.1,0.9,1,1.05,0.95]}' "$1"; }
# report FILE LAST: three good tests, then LAST as tests[3].
report() {
	printf '{"schema":1,"started_unix":1700000000,"system":{"hostname":"h"},"tests":[%s,%s,%s,%s]}\n' \
		"$(t a)" "$(t b)" "$(t c)" "$2" >"$1"
}
report good.json "$(t d)"
expect_exit 0 "a well-formed report" -- "$BENCHTOP" compare good.json good.json

s='"unit":"s","better":"lower","status":"pass","samples":[1,2]'
check() {
	report bad.json "$1"
	expect_exit 2 "$3" -- "$BENCHTOP" compare good.json bad.json
	expect_grep "^benchtop compare: bad\.json: bad report: tests\[3\]: $2\$" "$scratch/err" "$3: named"
	[ "$(wc -l <"$scratch/err")" -eq 1 ] || fail "$3: more than one line: $(cat "$scratch/err")"
}
check "{\"suite\":\"s\",$s}" '"name" is missing' "a test without a name"
check "{\"name\":\"d\",$s}" '"suite" is missing' "a test without a suite"
check "{\"suite\":\"s\",\"name\":7,$s}" '"name" is not a string' "a numeric name"
check "{\"suite\":\"s\",\"name\":\"\",$s}" '"name" is empty' "an empty name"
check "{\"suite\":\"s\",\"name\":\"d\",\"variant\":\"n=1\",$s}" '"variant" is not an object' "a string variant"
check "[1]" 'not an object' "a test that is not an object"
check "$(t b)" 'the same test as tests\[1\] \(s/b \{\}\)' "a test twice"
# Variants tell tests apart; the key order inside one is cJSON's, as compare matches them.
report ok.json "{\"suite\":\"s\",\"name\":\"b\",\"variant\":{\"n\":1},$s}"
expect_exit 0 "the same name with another variant" -- "$BENCHTOP" compare good.json ok.json
# --baseline and history import read reports the same way.
report bad.json "$(t a)"
expect_exit 2 "history import of a test twice" -- "$BENCHTOP" history --history-db h.db import bad.json
expect_grep "bad\.json: bad report: tests\[3\]: the same test as tests\[0\]" "$scratch/err" "import names it"

# The reports benchtop rebuilds from old journals load and compare.
for j in "$top_srcdir"/tests/fixtures/*.journal.jsonl; do
	b=${j##*/}; b=${b%.journal.jsonl}
	"$BENCHTOP" report "$j" -o "$b" --no-history >/dev/null 2>&1   # 1 for a failed test
	[ -f "$b/$b.json" ] || fail "report $b wrote no JSON"
	expect_exit 0 "a report rebuilt from $b" -- "$BENCHTOP" compare "$b/$b.json" "$b/$b.json"
done
finish
