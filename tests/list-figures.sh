#!/bin/sh
# Every figure --list shows for a kernel param (name=default [min..max]) is one a suite may
# write back as it reads: "ops=2G [1000..10T]" means "2G", "1000" and "10T" are taken. Counts
# take SI suffixes (powers of 1000), sizes binary ones.
. "${top_srcdir}/tests/lib.sh"
cd "$scratch"

"$BENCHTOP" --list > list.txt || fail "--list failed"
# One test per figure, then a test with a bad param: the loader reads params test by test, so
# reaching that one proves every figure before it was taken (a refused file runs nothing).
awk '
	/^  [a-z]+\.[a-z]+ / { kernel = $1; next }
	kernel != "" && /^ +[a-z_]+=[^ ]+ \[[^]]+\.\.[^]]+\]/ {
		split($1, nv, "="); r = $2; gsub(/[][]/, "", r); split(r, lh, "\\.\\.")
		fig[1] = nv[2]; fig[2] = lh[1]; fig[3] = lh[2]
		for (i = 1; i <= 3; i++)
			printf "%s{\"name\":\"t%d\",\"kind\":\"%s\",\"params\":{\"%s\":\"%s\"}}", n++ ? ",\n" : "", n, kernel, nv[1], fig[i]
	}
	/^Suites/ { kernel = "" }
	END { printf ",\n{\"name\":\"last\",\"kind\":\"cpu.int\",\"params\":{\"ops\":\"bogus\"}}\n"; print n > "count" }
' list.txt > tests.txt
n=$(cat count)
[ "$n" -ge 60 ] && pass "--list shows $n figures" || fail "only $n figures in --list"
{ printf '{"name":"figures","tests":[\n'; cat tests.txt; printf ']}\n'; } > figures.json
grep -q '"ops":"2G"' figures.json && pass "cpu.int's ops is shown as 2G" || fail "no ops=2G: $(grep ops figures.json)"
expect_exit 2 "the figures suite is refused only for its last test" -- \
	"$BENCHTOP" --headless --no-history --no-report -r figures.json
expect_grep "tests\[$n\]\.params\.ops: param 'ops' in test 'last'" "$scratch/err" "every figure --list shows is taken back"

# Counts in other spellings: SI suffixes in any case, and exponents as before.
printf '{"name":"c","defaults":{"warmup":0,"iterations":1},"tests":[{"name":"a","kind":"cpu.int","params":{"ops":"2k"}},\n' > counts.json
printf ' {"name":"b","kind":"cpu.int","params":{"ops":"1.5K"}},{"name":"c","kind":"cpu.int","params":{"ops":"2e3"}}]}\n' >> counts.json
expect_exit 0 "ops 2k, 1.5K and 2e3 run" -- "$BENCHTOP" --headless --no-history --no-report -r counts.json
printf '{"tests":[{"name":"a","kind":"cpu.int","params":{"ops":"1.0005k"}}]}\n' > half.json
expect_exit 2 "ops 1.0005k (not whole) is refused" -- "$BENCHTOP" --headless --no-history --no-report -r half.json
expect_grep "param 'ops' in test 'a' must be a whole number" "$scratch/err" "and says it must be whole"
finish
