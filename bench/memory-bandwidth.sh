#!/bin/sh
# memory-bandwidth.sh - benchtop's memory.bandwidth triad next to a plain STREAM-style
# triad (bench/stream-triad.c, built with -O3 -march=native), on one thread and on all,
# with the ratio ours / reference. Prints figures; asserts nothing.
#
#   bench/memory-bandwidth.sh [BYTES_PER_ARRAY]      (default 64M = 67108864; run from a built tree)
#
# Environment: CC (default cc), BUILDDIR (where libbenchtop.a and config.h are; default .).
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${BUILDDIR:-.}
cc=${CC:-cc}
size=${1:-67108864}
passes=10
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

[ -f "$builddir/libbenchtop.a" ] || { echo "memory-bandwidth.sh: build benchtop first (no $builddir/libbenchtop.a)" >&2; exit 2; }
$cc -O3 -march=native -pthread -o "$work/stream-triad" "$srcdir/bench/stream-triad.c"
$cc -O2 -pthread -I"$builddir" $(find "$srcdir/src" -type d | sed "s/^/-I/") -I"$srcdir/suites" -o "$work/kernel-run" \
	"$srcdir/bench/kernel-run.c" "$builddir/libbenchtop.a" -lm

ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
echo "triad over 3 arrays of $size bytes, best of $passes passes x 5 runs"
printf '%-8s %14s %14s %8s\n' threads "reference GB/s" "benchtop GB/s" ratio
for t in 1 $ncpu; do
	ref=0
	for r in 1 2 3 4 5; do
		v=$("$work/stream-triad" "$size" "$t" "$passes" | sed 's/.*: //')
		ref=$(echo "$v $ref" | awk '{ print ($1 > $2) ? $1 : $2 }')
	done
	# The best single pass, as STREAM reports it: 50 iterations of one pass each.
	ours=$("$work/kernel-run" memory.bandwidth -n 50 size="$size" op=3 passes=1 threads="$t" |
		sed -n 's/.*best=\([^ ]*\).*/\1/p')
	printf '%-8s %14.2f %14.2f %8.2f\n' "$t" "$ref" "$ours" "$(echo "$ours $ref" | awk '{ print $1 / $2 }')"
	[ "$ncpu" -gt 1 ] || break
done
