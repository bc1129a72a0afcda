#!/usr/bin/env bash
# bench/sampler.sh - what sampling costs: CPU time per full sample (every source), CPU % of one
# core at 1 s and at 0.05 s intervals, and RSS after 10 s and 60 s at 0.05 s.
# Targets on a 2-core machine: < 0.1 % of a core at 1 s, < 2 % at 0.05 s, RSS < 8 MiB and flat.
# CPU is read from /proc/PID/stat over a window that starts after start-up, so it is the
# steady cost of sampling and logging. Usage: bench/sampler.sh [BINARY]  (SHORT=1: half as long)
set -euo pipefail
bin=${1:-src/benchtop}
[ -x "$bin" ] || { echo "build first: $bin not found" >&2; exit 2; }
scale=1; [ -n "${SHORT:-}" ] && scale=2
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# window INTERVAL SECONDS: CPU of a headless run (JSON Lines to /dev/null) over SECONDS of steady state.
window() {
	"$bin" --headless --interval "$1" --format jsonl --log /dev/null 2>/dev/null &
	local pid=$! a b
	sleep 3
	a=$(ticks "$pid")
	sleep "$2"
	b=$(ticks "$pid")
	kill "$pid"; wait "$pid" 2>/dev/null || true
	awk -v i="$1" -v d="$2" -v a="$a" -v b="$b" -v hz="$hz" 'BEGIN{
		c = (b - a) / hz; n = d / i
		printf "interval %5ss for %3ss: %5d samples, CPU %.2f s = %.3f %% of one core, %.0f us per sample\n",
			i, d, n, c, 100 * c / d, 1e6 * c / n }'
}

echo "benchtop sampler cost ($(nproc) cores, $(uname -r); CPU resolution 1/$hz s)"
"$bin" --list 2>/dev/null | awk '/^Sources:/ { on = 1; next } /^$/ { on = 0 }
	on && /unavailable:/ { name = ""; next }
	on { if (name != "") print "  sampling from: " name; name = $1 }
	END { if (name != "") print "  sampling from: " name }' || true
window 1 $((120 / scale))
window 0.05 $((60 / scale))

# RSS at 0.05 s: after 10 s and after 60 s.
"$bin" --headless --interval 0.05 --log /dev/null 2>/dev/null &
pid=$!
sleep $((10 / scale)); rss10=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
sleep $((50 / scale)); rss60=$(awk '/VmRSS/{print $2}' "/proc/$pid/status"); hwm=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
kill "$pid"; wait "$pid" 2>/dev/null || true
awk -v a="$rss10" -v b="$rss60" -v h="$hwm" -v s1=$((10 / scale)) -v s2=$((60 / scale)) 'BEGIN{
	printf "RSS at 0.05 s: %.2f MiB after %ss, %.2f MiB after %ss (peak %.2f MiB)\n", a/1024, s1, b/1024, s2, h/1024 }'
