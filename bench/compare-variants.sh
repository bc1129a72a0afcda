#!/bin/sh
# compare-variants.sh - how long `benchtop compare` takes on two reports of one test with
# VARIANTS variants (default 10,000) of SAMPLES samples each (default 10): the pairing is a hash
# table, so it grows linearly. Prints seconds (wall, best of ROUNDS=3) for 1/10, 1/2 and all.
# Usage: bench/compare-variants.sh [BUILDDIR]
set -eu
builddir=${1:-.}
variants=${VARIANTS:-10000}
samples=${SAMPLES:-10}
rounds=${ROUNDS:-3}
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A report as the JSON exporter writes it, with only what compare reads.
report() {  # report FILE VARIANTS SEED
	awk -v n="$2" -v k="$samples" -v seed="$3" 'BEGIN {
		srand(seed)
		printf "{\"schema\":1,\"benchtop_version\":\"bench\",\"started\":\"2024-05-01T12:00:00Z\",\"started_unix\":1714564800,"
		printf "\"system\":{\"hostname\":\"bench\"},\"tests\":["
		for (i = 0; i < n; i++) {
			printf "%s{\"suite\":\"bench\",\"name\":\"sweep\",\"kind\":\"command\",\"variant\":{\"n\":%d},", i ? "," : "", i
			printf "\"metric\":\"wall_time\",\"unit\":\"s\",\"better\":\"lower\",\"status\":\"pass\",\"samples\":["
			for (j = 0; j < k; j++)
				printf "%s%.6f", j ? "," : "", 0.01 * (1 + 0.02 * rand())
			printf "]}"
		}
		printf "]}\n"
	}' > "$1"
}

for n in $((variants / 10)) $((variants / 2)) "$variants"; do
	report "$tmp/a.json" "$n" 1
	report "$tmp/b.json" "$n" 2
	best=
	r=0
	while [ "$r" -lt "$rounds" ]; do
		r=$((r + 1))
		t0=$(date +%s.%N)
		"$builddir/src/benchtop" compare "$tmp/a.json" "$tmp/b.json" > "$tmp/out" || [ $? -eq 1 ]
		t1=$(date +%s.%N)
		best=$(echo "$t0 $t1 ${best:-}" | awk '{ d = $2 - $1; if ($3 != "" && $3 < d) d = $3; printf "%.3f", d }')
	done
	grep -q " 0 new, 0 gone" "$tmp/out" || { echo "compare-variants: not every variant paired" >&2; exit 1; }
	echo "$n variants x $samples samples: $best s"
done
