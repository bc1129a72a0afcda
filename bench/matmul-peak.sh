#!/bin/sh
# matmul-peak.sh - cpu.matmul GFLOP/s next to the machine's single-precision peak, on one
# thread and on all. Prints figures; asserts nothing.
#
#   bench/matmul-peak.sh [N]      (matrix order, default 512; run from a built tree)
#
# Peak = cores x GHz x SP FLOPs per cycle per core. Assumptions, overridable by environment:
#   GHZ              cpufreq's cpuinfo_max_freq if the kernel has it, else /proc/cpuinfo's
#                    "cpu MHz" (a VM often shows the base clock: turbo makes real peak higher);
#   FLOPS_PER_CYCLE  from /proc/cpuinfo flags, assuming two FMA units per core and 2 FLOPs
#                    per FMA lane: avx512f 2 x 16 x 2 = 64, avx2 + fma 2 x 8 x 2 = 32,
#                    otherwise SSE 4 lanes x (1 add + 1 multiply) = 8. CPUs that run AVX-512
#                    on one unit or on 256-bit halves (Zen 4, some Xeons) peak at half of 64.
# A second peak needs no assumption about clocks: cpu.float measures FP64 FMA throughput
# with the same vectors, and single precision has twice the lanes, so 2 x cpu.float is the
# FMA peak this machine actually reaches, turbo included.
#
# Environment: CC (default cc), BUILDDIR (where libbenchtop.a and config.h are; default .).
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${BUILDDIR:-.}
cc=${CC:-cc}
n=${1:-512}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

[ -f "$builddir/libbenchtop.a" ] || { echo "matmul-peak.sh: build benchtop first (no $builddir/libbenchtop.a)" >&2; exit 2; }
$cc -O2 -pthread -I"$builddir" $(find "$srcdir/src" -type d | sed "s/^/-I/") -I"$srcdir/suites" -o "$work/kernel-run" \
	"$srcdir/bench/kernel-run.c" "$builddir/libbenchtop.a" -lm

cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
flags=$(grep -m1 '^flags' /proc/cpuinfo || true)
has() { echo " $flags " | grep -q " $1 "; }
if [ -z "${GHZ:-}" ]; then
	f=/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq
	if [ -r "$f" ]; then
		GHZ=$(awk '{ printf "%.3f", $1 / 1e6 }' "$f")
	else
		GHZ=$(awk -F: '/^cpu MHz/ { printf "%.3f", $2 / 1000; exit }' /proc/cpuinfo)
	fi
fi
if [ -z "${FLOPS_PER_CYCLE:-}" ]; then
	if has avx512f; then FLOPS_PER_CYCLE=64
	elif has avx2 && has fma; then FLOPS_PER_CYCLE=32
	else FLOPS_PER_CYCLE=8; fi
fi
reps=$(awk -v n="$n" 'BEGIN { r = int(2e10 / (2 * n * n * n)); print ((r < 1) ? 1 : (r > 1000) ? 1000 : r) }')

best() { sed -n 's/.*best=\([^ ]*\).*/\1/p'; }
echo "cpu: $(awk -F: '/^model name/ { sub(/^ /, "", $2); print $2; exit }' /proc/cpuinfo), $cores cores"
echo "assumed: $GHZ GHz x $FLOPS_PER_CYCLE SP FLOPs/cycle per core; cpu.matmul n=$n reps=$reps, best of 5"
printf '%-8s %14s %14s %8s %16s %8s\n' threads "matmul GFLOP/s" "peak GFLOP/s" "of peak" "2x cpu.float" "of that"
for t in 1 $cores; do
	mm=$("$work/kernel-run" cpu.matmul -n 5 n="$n" reps="$reps" threads="$t" | best)
	fl=$("$work/kernel-run" cpu.float -n 5 threads="$t" | best)
	peak=$(awk -v t="$t" -v g="$GHZ" -v f="$FLOPS_PER_CYCLE" 'BEGIN { print t * g * f }')
	awk -v t="$t" -v mm="$mm" -v peak="$peak" -v fl="$fl" 'BEGIN {
		printf "%-8s %14.1f %14.1f %7.0f%% %16.1f %7.0f%%\n", t, mm, peak, 100 * mm / peak, 2 * fl, 100 * mm / (2 * fl) }'
	[ "$cores" -gt 1 ] || break
done
