#!/bin/sh
# runner-overhead.sh - how long benchtop takes to run `true`, next to `hyperfine -N`.
# Target: benchtop's median within 10 % of hyperfine's. The two alternate in rounds, so
# a machine that gets busier halfway through does not favour either.
# Usage: bench/runner-overhead.sh [BUILDDIR]   (RUNS=300 per tool and round, ROUNDS=3)
set -eu
builddir=${1:-.}
runs=${RUNS:-300}
rounds=${ROUNDS:-3}
LC_ALL=C
export LC_ALL

make -C "$builddir" -s bench/spawn-true >/dev/null
have_hyperfine=1
command -v hyperfine >/dev/null 2>&1 || have_hyperfine=0
json=$(mktemp)
trap 'rm -f "$json"' EXIT

i=0
while [ "$i" -lt "$rounds" ]; do
	i=$((i + 1))
	set -- $("$builddir/bench/spawn-true" "$runs" true)
	ours=$1
	theirs=nan
	if [ "$have_hyperfine" = 1 ]; then
		hyperfine -N --warmup 3 --runs "$runs" --export-json "$json" true >/dev/null 2>&1
		theirs=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$json" | head -n 1)
	fi
	echo "$i $ours $theirs"
done | awk -v runs="$runs" '
	{ n++; o[n] = $2; t[n] = $3; r[n] = $3 == "nan" ? 0 : $2 / $3
	  printf "round %d: benchtop median %.1f us, hyperfine -N median %s us\n", $1, $2 * 1e6,
	         $3 == "nan" ? "-" : sprintf("%.1f", $3 * 1e6) }
	function median(a, k,   i, j, x) {
		for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
		return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
	END {
		printf "benchtop child_run true (%d runs x %d rounds): median of medians %.1f us\n", runs, n, median(o, n) * 1e6
		if (t[1] == "nan") { print "hyperfine not installed: no comparison"; exit }
		printf "hyperfine -N true        (%d runs x %d rounds): median of medians %.1f us\n", runs, n, median(t, n) * 1e6
		printf "ratio benchtop / hyperfine: %.3f (median of per-round ratios; target at most 1.10)\n", median(r, n)
	}'
