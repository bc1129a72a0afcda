#!/bin/sh
# run-fuzz.sh - `make fuzz`: builds benchtop's sources and each harness tests/fuzz/fuzz-NAME.c
# with clang -fsanitize=fuzzer,address,undefined into $FUZZ_DIR, and runs each harness for
# $FUZZ_SECONDS seconds from its seed corpus, as many at once as there are CPUs ($FUZZ_JOBS to
# choose; inputs up to 8 KiB, 64 KiB for attach; the large inputs of tests/fuzz/regress are
# replayed by make check instead, as they would slow every run).
# Prints execs/s and coverage per harness; a crash leaves its input in $FUZZ_DIR/crash-NAME-*
# and fails. With FUZZ_COUNTS=FILE, writes "PASSED FAILED" (one per harness) there for .ci/run.
#   run-fuzz.sh --probe        exit 0 when clang can build a libFuzzer program
#   run-fuzz.sh SOURCE.c...    the benchtop sources to link the harnesses with
set -u
cc=${FUZZ_CC:-clang}
dir=${FUZZ_DIR:-fuzz-build}
mkdir -p "$dir/obj" "$dir/work" || exit 2

probe() {
	printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
		>"$dir/probe.c"
	"$cc" -fsanitize=fuzzer,address,undefined "$dir/probe.c" -o "$dir/probe" >"$dir/probe.log" 2>&1
}
if ! probe; then
	echo "make fuzz: $cc cannot build a libFuzzer program ($dir/probe.log says why)." >&2
	echo "make fuzz: install clang and its runtime, on Debian: apt-get install clang libclang-rt-14-dev" >&2
	echo "make fuzz: (libclang-rt-N-dev for clang-N; or give another compiler: make fuzz FUZZ_CC=clang-15)" >&2
	exit 2
fi
[ "${1:-}" = --probe ] && exit 0

src=${FUZZ_SRCDIR:?}
secs=${FUZZ_SECONDS:-60}
cflags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
# shellcheck disable=SC2086
set -- "$@"
objs=
for c in "$@"; do
	o="$dir/obj/$(echo "$c" | tr / _).o"
	objs="$objs $o"
	if [ ! -f "$o" ] || [ "$src/$c" -nt "$o" ]; then
		echo "  CC (fuzz) $c"
		# shellcheck disable=SC2086
		"$cc" $cflags -fsanitize=fuzzer-no-link $FUZZ_CPPFLAGS -DBENCHTOP_SRCDIR="\"$src\"" \
			-DBENCHTOP_DATADIR="\"${FUZZ_DATADIR:-/usr/local/share/benchtop}\"" -c "$src/$c" -o "$o" || exit 2
	fi
done

# fuzz NAME: runs one built harness for $secs seconds; its exit status goes to $dir/rc-NAME.
fuzz() {
	h=$1
	work="$dir/work/$h"
	mkdir -p "$work"
	# A viewer's frames are about 9 KiB each (struct frame): its harness needs room for the hello,
	# a snapshot and a few frames.
	case $h in attach) maxlen=65536 ;; *) maxlen=8192 ;; esac
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$dir/fuzz-$h" -max_total_time="$secs" -print_final_stats=1 \
		-rss_limit_mb=4096 -timeout=60 -max_len="$maxlen" -artifact_prefix="$dir/crash-$h-" \
		"$work" "$src/tests/fuzz/corpus/$h" >"$dir/fuzz-$h.log" 2>&1
	echo $? >"$dir/rc-$h"
}

passed=0 failed=0 built=
for h in ${FUZZ_HARNESSES:-suite theme journal report units sources}; do
	# shellcheck disable=SC2086
	if "$cc" $cflags -fsanitize=fuzzer $FUZZ_CPPFLAGS -DBENCHTOP_SRCDIR="\"$src\"" "$src/tests/fuzz/fuzz-$h.c" \
		"$src/tests/fuzz/fuzz-common.c" $objs $FUZZ_LIBS -lm -o "$dir/fuzz-$h"; then
		built="$built $h"
	else
		echo "fuzz-$h: FAILED: the harness did not build"
		failed=$((failed + 1))
	fi
done

# One harness a CPU at a time (FUZZ_JOBS to choose): each still gets its $secs seconds.
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
n=0
for h in $built; do
	echo "  FUZZ $h for ${secs}s"
	rm -f "$dir/rc-$h"
	fuzz "$h" &
	n=$((n + 1))
	[ $((n % jobs)) -eq 0 ] && wait
done
wait

for h in $built; do
	log="$dir/fuzz-$h.log"
	rc=$(cat "$dir/rc-$h" 2>/dev/null || echo 1)
	execs=$(awk '/stat::average_exec_per_sec/{print $2}' "$log")
	runs=$(awk '/stat::number_of_executed_units/{print $2}' "$log")
	cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\).*/cov \1, features \2, corpus \3/p')
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		echo "fuzz-$h: ok: ${runs:-?} runs, ${execs:-?} execs/s, ${cov:-coverage unknown}"
	else
		failed=$((failed + 1))
		echo "fuzz-$h: FAILED (exit $rc); the input is in $dir/crash-$h-*; the log is $log:"
		grep -E 'ERROR|SUMMARY|runtime error' "$log" | head -5
	fi
done
[ -n "${FUZZ_COUNTS:-}" ] && echo "$passed $failed" >"$FUZZ_COUNTS"
echo "make fuzz: $passed harnesses passed, $failed failed"
[ "$failed" -eq 0 ]
