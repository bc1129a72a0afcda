#!/usr/bin/env bash
# bench/sampler.sh - what sampling costs: CPU time per full sample (every source), CPU % of one
# core at 1 s and at 0.05 s intervals, and RSS after 10 s and 60 s at 0.05 s.
# Targets on a 2-core machine: < 0.1 % of a core at 1 s, < 2 % at 0.05 s, RSS < 8 MiB and flat.
# Usage: bench/sampler.sh [BINARY]   (default src/benchtop; SHORT=1 halves the run lengths)
set -euo pipefail
bin=${1:-src/benchtop}
[ -x "$bin" ] || { echo "build first: $bin not found" >&2; exit 2; }
scale=${SHORT:+2}; scale=${scale:-1}

# cpu_of INTERVAL SECONDS: runs a headless sampler and prints "cpu_seconds samples".
cpu_of() {
	local out
	out=$( { "$bin" --headless --interval "$1" --duration "$2" --format csv --log /dev/stdout 2>/dev/null | tail -n +2 | wc -l; times; } 2>&1)
	local samples user sys
	samples=$(echo "$out" | head -1)
	# `times` prints the shell's line, then the children's: "0m0.123s 0m0.045s"
	read -r user sys < <(echo "$out" | tail -1 | sed 's/m/ /g; s/s//g' | awk '{print $1*60+$2, $3*60+$4}')
	echo "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u + s}') $samples"
}

report() {  # report INTERVAL SECONDS
	local r cpu n
	r=$(cpu_of "$1" "$2"); cpu=${r% *}; n=${r#* }
	awk -v i="$1" -v d="$2" -v n="$n" -v c="$cpu" 'BEGIN{
		printf "interval %5ss for %3ss: %5d samples, CPU %.3f s = %.3f %% of one core, %.1f us per sample\n",
			i, d, n, c, 100 * c / d, 1e6 * c / n }'
}

echo "benchtop sampler cost ($(nproc) cores, $(uname -r))"
report 1 $((60 / scale))
report 0.05 $((30 / scale))

# RSS at 0.05 s over a minute: after 10 s and after 60 s.
"$bin" --headless --interval 0.05 --duration $((65 / scale)) --log /dev/null 2>/dev/null &
pid=$!
sleep $((10 / scale)); rss10=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
sleep $((50 / scale)); rss60=$(awk '/VmRSS/{print $2}' "/proc/$pid/status"); hwm=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
wait "$pid"
awk -v a="$rss10" -v b="$rss60" -v h="$hwm" -v s1=$((10 / scale)) -v s2=$((60 / scale)) 'BEGIN{
	printf "RSS at 0.05 s: %.2f MiB after %ss, %.2f MiB after %ss (peak %.2f MiB)\n", a/1024, s1, b/1024, s2, h/1024 }'
