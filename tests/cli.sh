#!/bin/sh
# Every bad command line exits 2 with one line that names the option and what it accepts.
. "${top_srcdir}/tests/lib.sh"

bad() {  # bad NAME PATTERN ARGS...
	name=$1; pattern=$2; shift 2
	expect_exit 2 "$name exits 2" -- "$BENCHTOP" "$@" || return
	expect_grep "$pattern" "$scratch/err" "$name names the problem"
	[ "$(wc -l < "$scratch/err")" -eq 1 ] || fail "$name: more than one line: $(cat "$scratch/err")"
}

bad "--interval 0" "--interval: invalid value '0': expected a number of seconds from 0.05 to 60" --headless --interval 0
bad "--interval abc" "--interval: invalid value 'abc'" --headless --interval abc
bad "--interval 61" "--interval: invalid value '61'" --headless --interval 61
bad "-i 0.01" "--interval: invalid value '0.01'" -H -i 0.01
bad "--duration -5" "--duration: invalid value '-5': expected a positive time" --headless --duration -5
bad "--duration 5x" "--duration: invalid value '5x'" --headless --duration 5x
bad "--format xml" "--format: invalid value 'xml': expected text, jsonl or csv" --headless --format xml
bad "unknown option" "unknown option '--frobnicate'" --frobnicate
bad "unknown short option" "unknown option '-z'" -z
bad "missing value" "--interval: needs a value" --interval
bad "--cpu-load 0" "--cpu-load: invalid value '0': expected a percentage from 1 to 100" --headless --cpu 1 --cpu-load 0
bad "--vm-bytes 200%" "--vm-bytes: invalid value '200%'" --headless --vm 1 --vm-bytes 200% -d 1
bad "--hdd-write-size 3000" "--hdd-write-size: invalid value '3000'" --headless --hdd 1 --hdd-write-size 3000
bad "--hdd-mix 0" "--hdd-mix: invalid value '0'" --headless --hdd 1 --hdd-mix 0
bad "--cpu-method bogus" "--cpu-method: invalid value 'bogus': expected int, float, matmul or mixed" --headless --cpu 1 --cpu-method bogus -d 1
bad "--hdd-dir missing" "--hdd-dir '/nonexistent/dir'" --headless --hdd 1 --hdd-dir /nonexistent/dir -d 1
bad "-o x.html5" "-o x.html5: unknown report format '.html5'" --headless -o x.html5 -d 1
bad "stray argument" "unexpected argument 'extra'" --headless extra
bad "--threshold 5%%" "--threshold: invalid value '5%%': expected a percentage from 0 to 1000, such as 5 or 5%" --threshold 5%%
bad "--threshold 1001%" "--threshold: invalid value '1001%'" --threshold 1001%
bad "--cpu-load 101%" "--cpu-load: invalid value '101%': expected a percentage from 1 to 100" --headless --cpu 1 --cpu-load 101%
bad "trend --min-change 5%%" "--min-change: invalid value '5%%'" trend --min-change 5%%

# a percentage with its sign reads as the number
expect_exit 0 "--threshold 7.5% and --cpu-load 30% are taken" -- "$BENCHTOP" -H -d 0.3 --no-report --no-history \
	--log /dev/null --threshold 7.5% --cpu 1 --cpu-load 30%
expect_grep "target 30 %" "$scratch/out" "--cpu-load 30% is a target of 30 %"

expect_exit 0 "--help exits 0" -- "$BENCHTOP" --help
expect_grep "--interval SECONDS" "$scratch/out" "--help lists --interval"
expect_exit 0 "--version exits 0" -- "$BENCHTOP" --version
expect_grep "^benchtop [0-9]+\.[0-9]+" "$scratch/out" "--version prints the version"
expect_exit 0 "--list exits 0" -- "$BENCHTOP" --list
expect_grep "^Sources:" "$scratch/out" "--list shows the sources"

# every command takes -h and --help, and --help names every command
for c in compare report history trend ls stop attach; do
	expect_exit 0 "benchtop $c --help exits 0" -- "$BENCHTOP" $c --help
	expect_grep "^usage: benchtop $c|^Usage: benchtop $c" "$scratch/out" "benchtop $c --help prints its usage"
	expect_exit 0 "benchtop $c -h exits 0" -- "$BENCHTOP" $c -h
done
"$BENCHTOP" --help >"$scratch/help"
for c in compare report history trend ls stop attach; do
	expect_grep "^  benchtop .*\b$c\b" "$scratch/help" "--help lists benchtop $c"
done

# -o and --no-report contradict each other: one line, exit 2, before anything runs
expect_exit 2 "-o with --no-report" -- "$BENCHTOP" -H -r quick -o "$scratch/r" --no-report
expect_grep "^benchtop: -o .* and --no-report: choose one" "$scratch/err" "-o with --no-report says why"

# the manual pages render without a warning
if command -v man >/dev/null 2>&1; then
	for page in benchtop.1 benchtop-suite.5; do
		MANWIDTH=80 man --warnings -l "$top_srcdir/man/$page" >"$scratch/man" 2>"$scratch/manerr"
		[ -s "$scratch/man" ] && [ ! -s "$scratch/manerr" ] && pass "man $page renders cleanly" \
			|| fail "man $page: $(head -3 "$scratch/manerr")"
	done
fi
finish
