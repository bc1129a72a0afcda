#!/bin/sh
# Suites that would run other than as written are refused before anything runs: exit 2 and one
# line that names the file (and the line and column, or both files).
. "${top_srcdir}/tests/lib.sh"
cd "$scratch"

refused() {  # refused NAME LINE ARGS...: exit 2, and stderr is exactly LINE
	name=$1; line=$2; shift 2   # not $want: expect_exit sets it
	expect_exit 2 "$name exits 2" -- "$BENCHTOP" --headless --no-history --no-report "$@" || return
	[ "$(cat "$scratch/err")" = "$line" ] && pass "$name: one line names it" \
		|| fail "$name: stderr is '$(cat "$scratch/err")', expected '$line'"
	[ ! -s "$scratch/out" ] && pass "$name: nothing ran" || fail "$name ran: $(head -3 "$scratch/out")"
}

# Two suites of one name would pair each other's tests and keep one suite's history rows.
printf '{"name":"tiny","tests":[{"name":"true","kind":"command","argv":["true"]}]}\n' > tiny.json
cp tiny.json tiny2.json
refused "two suites named alike" \
	"benchtop: tiny2.json: duplicate suite name 'tiny' (also tiny.json); give each suite its own \"name\"" \
	-r tiny.json -r tiny2.json
refused "one suite twice" "benchtop: ./tiny.json: duplicate suite name 'tiny' (also tiny.json): the same suite given twice" \
	-r tiny.json -r ./tiny.json
mkdir other && printf '{"tests":[{"name":"a","kind":"command","argv":["true"]}]}\n' > other/tiny.json
refused "a suite named after its file" \
	"benchtop: other/tiny.json: duplicate suite name 'tiny' (also tiny.json); give each suite its own \"name\"" \
	-r tiny.json -r other/tiny.json

# An escaped NUL would cut the string: "tr\u0000ue" ran tr.
printf '{"tests":[{"name":"a","kind":"command","argv":["tr\\u0000ue"]}]}\n' > nul.json
refused "\\u0000 in argv" "benchtop: nul.json:1:51: expected a character, found \\u0000 (a string cannot hold a NUL)" -r nul.json
printf '{"tests":[{"name":"a\\u0000b","kind":"command","argv":["true"]},\n {"name":"a","kind":"command","argv":["true"]}]}\n' > nul2.json
refused "\\u0000 in a name" "benchtop: nul2.json:1:21: expected a character, found \\u0000 (a string cannot hold a NUL)" -r nul2.json

# Bytes that are not UTF-8 would go into the reports as they are.
printf '{"tests":[{"name":"a\377","kind":"command","argv":["true"]}]}\n' > latin.json
refused "a byte that is not UTF-8" \
	"benchtop: latin.json:1:21: expected UTF-8 text, found the byte 0xff (save the file as UTF-8)" -r latin.json

# Thresholds have no upper bound.
printf '{"tests":[{"name":"a","kind":"command","argv":["true"],\n "max_mean": -1}]}\n' > mean.json
refused "a negative max_mean" \
	"benchtop: mean.json:2:2: tests[0].max_mean: 'max_mean' in test 'a' must be at least 0 (got -1)" -r mean.json
printf '{"tests":[{"name":"a","kind":"cpu.int","min_throughput":-1}]}\n' > tput.json
refused "a negative min_throughput" \
	"benchtop: tput.json:1:40: tests[0].min_throughput: 'min_throughput' in test 'a' must be at least 0 (got -1)" -r tput.json
# A disk size that is not a multiple of 4K was rounded down: every write of block 6K was 4K.
printf '{"tests":[{"name":"a","kind":"disk.seq","params":{"size":"64K",\n "block":"6K"}}]}\n' > block.json
refused "disk.seq block 6K" \
	"benchtop: block.json:2:2: tests[0].params.block: param 'block' in test 'a' must be a multiple of 4KiB (got \"6K\")" -r block.json
printf '{"tests":[{"name":"a","kind":"disk.seq","params":{"block":4097}}]}\n' > block2.json
refused "disk.seq block 4097" \
	"benchtop: block2.json:1:51: tests[0].params.block: param 'block' in test 'a' must be a multiple of 4KiB (got 4097)" -r block2.json
printf '{"tests":[{"name":"a","kind":"disk.seq","params":{"size":"1000000"}}]}\n' > size.json
refused "disk.seq size 1000000" \
	"benchtop: size.json:1:51: tests[0].params.size: param 'size' in test 'a' must be a multiple of 4KiB (got \"1000000\")" -r size.json
printf '{"tests":[{"name":"a","kind":"disk.random","params":{"size":"65537"}}]}\n' > rsize.json
refused "disk.random size 65537" \
	"benchtop: rsize.json:1:54: tests[0].params.size: param 'size' in test 'a' must be a multiple of 4KiB (got \"65537\")" -r rsize.json
finish
