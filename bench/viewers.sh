#!/bin/sh
# bench/viewers.sh [BINARY] - what viewers cost a run: the run's CPU seconds and dropped
# frames over SECONDS (default 20) of sampling at --interval 0.05, with 0, 1 and 10 viewers
# attached (`benchtop attach --headless`, which keeps the same copy a dashboard draws from).
# Prints figures; asserts nothing.
set -u
bin=${1:-src/benchtop}
seconds=${SECONDS_RUN:-20}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/benchtop-viewers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
XDG_RUNTIME_DIR="$tmp/rt"; export XDG_RUNTIME_DIR
mkdir -m 700 "$XDG_RUNTIME_DIR"
tck=$(getconf CLK_TCK)

cpu_s() {   # the process's user + system seconds
	awk -v t="$tck" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$1/stat"
}

printf "%-8s %-12s %-14s %-16s %s\n" viewers "run cpu s" "cpu % of core" "dropped frames" "frames per viewer"
for n in 0 1 10; do
	id=$("$bin" --detach --interval 0.05 2>/dev/null)
	[ -n "$id" ] || { echo "could not start a run" >&2; exit 1; }
	i=0 pids=""
	while [ $i -lt "$n" ]; do
		"$bin" attach --headless "$id" >"$tmp/v$i.out" 2>&1 &
		pids="$pids $!"
		i=$((i + 1))
	done
	sleep 1
	c0=$(cpu_s "$id")
	sleep "$seconds"
	c1=$(cpu_s "$id")
	# The run's dropped frames, as a viewer attached after the measurement reads them.
	"$bin" attach --headless "$id" >"$tmp/probe.out" 2>&1 &
	probe=$!
	sleep 1
	"$bin" stop "$id" >/dev/null 2>&1
	for p in $pids $probe; do wait "$p"; done
	dropped=$(awk -F': ' '/dropped frames/ { print $2; exit }' "$tmp/probe.out")
	frames=$(awk -F': ' '/^frames received/ { s += $2; k++ } END { if (k) printf "%.0f", s / k; else print "-" }' \
	         "$tmp"/v*.out 2>/dev/null || echo -)
	[ "$n" -eq 0 ] && frames=-
	printf "%-8s %-12s %-14s %-16s %s\n" "$n" "$(echo "$c1 $c0" | awk '{ printf "%.2f", $1 - $2 }')" \
		"$(echo "$c1 $c0 $seconds" | awk '{ printf "%.1f", 100 * ($1 - $2) / $3 }')" "${dropped:--}" "$frames"
	rm -f "$tmp"/v*.out "$tmp/probe.out"
done
