#!/usr/bin/env bash
# bench/cpu-load.sh - how closely `--cpu 1 --cpu-load P` holds P % of one core, next to
# `stress-ng --cpu 1 --cpu-load P`, measured the same way.
#
# For P in 10 25 50 75 90, each generator runs alone for SECONDS (default 10):
#   machine  the machine's busy time from /proc/stat over the run, minus the idle baseline
#            measured first, as % of one core (what a system monitor shows);
#   process  the CPU time the kernel accounted to the generator and its children, from the
#            shell's `times`, as % of one core (includes start-up, which is small).
# Then each runs again pinned (taskset) to core 0 next to `yes >/dev/null` pinned to the same
# core at the same priority: the competitor keeps core 0 busy, so machine-wide figures say
# nothing there; what matters is the CPU time the generator itself was given. benchtop times its
# busy part with the thread's own CPU clock, so it still gets P % as far as fair sharing allows
# (about 50 % against one equal competitor); stress-ng times it with the wall clock, so time
# spent waiting for the core counts as busy and it gets less.
# The machine column needs an otherwise idle machine; the process columns do not.
# Our side is bench/stress-run (libbenchtop.a), built here with `make bench/stress-run`.
#
# Usage: bench/cpu-load.sh [SECONDS]      (needs stress-ng and taskset; run on an idle machine)
# STRESS_RUN=PATH uses a driver built elsewhere; STRESS_NG=PATH another stress-ng.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
loads="10 25 50 75 90"
sng=${STRESS_NG:-stress-ng}
command -v "$sng" >/dev/null || { echo "cpu-load: stress-ng not found" >&2; exit 2; }
command -v taskset >/dev/null || { echo "cpu-load: taskset not found" >&2; exit 2; }
if [ -z "${STRESS_RUN:-}" ]; then
	make -s bench/stress-run >/dev/null
fi
run_ours=${STRESS_RUN:-bench/stress-run}

# busy_jiffies: busy and total jiffies of the whole machine, "busy total".
busy_jiffies() {
	awk '/^cpu /{ b = $2 + $3 + $4 + $7 + $8 + $9; print b, b + $5 + $6 }' /proc/stat
}
hz=$(getconf CLK_TCK)

# measure CMD...: runs CMD, prints "machine_busy_pct_of_one_core process_cpu_pct_of_one_core".
measure() {
	local b0 b1 t0 t1 out u s
	read -r b0 _ < <(busy_jiffies); t0=$(date +%s.%N)
	out=$( { "$@" >/dev/null 2>&1; times; } 2>&1 | tail -1)
	read -r b1 _ < <(busy_jiffies); t1=$(date +%s.%N)
	# `times` prints the children's "0m1.234s 0m0.056s" last
	read -r u s < <(echo "$out" | sed 's/m/ /g; s/s//g' | awk '{print $1*60+$2, $3*60+$4}')
	awk -v b0="$b0" -v b1="$b1" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v u="$u" -v s="$s" \
		'BEGIN{ w = t1 - t0; printf "%.1f %.1f\n", 100 * (b1 - b0) / hz / w, 100 * (u + s) / w }'
}

echo "cpu-load: $(nproc) cores, $(uname -r), ${secs} s per run, stress-ng $("$sng" --version | awk '{print $3}')"
read -r base _ < <(measure sleep "$secs")
echo "idle baseline: ${base} % of one core"
echo
echo "alone (% of one core):"
printf "%6s | %14s %14s | %14s %14s\n" "load" "benchtop mach" "benchtop proc" "stress-ng mach" "stress-ng proc"
for p in $loads; do
	read -r om op < <(measure "$run_ours" --cpu 1 --cpu-load "$p" --cpu-method int -t "$secs")
	read -r sm sp < <(measure "$sng" --cpu 1 --cpu-load "$p" --cpu-method int64 --timeout "${secs}s")
	awk -v p="$p" -v b="$base" -v om="$om" -v op="$op" -v sm="$sm" -v sp="$sp" \
		'BEGIN{ printf "%5d%% | %14.1f %14.1f | %14.1f %14.1f\n", p, om - b, op, sm - b, sp }'
done

echo
echo "pinned to core 0 next to 'yes' on core 0 (process CPU, % of one core):"
printf "%6s | %14s | %14s\n" "load" "benchtop proc" "stress-ng proc"
taskset -c 0 yes >/dev/null &
yes_pid=$!
trap 'kill "$yes_pid" 2>/dev/null' EXIT
for p in $loads; do
	read -r _ op < <(measure taskset -c 0 "$run_ours" --cpu 1 --cpu-load "$p" --cpu-method int -t "$secs")
	read -r _ sp < <(measure taskset -c 0 "$sng" --cpu 1 --cpu-load "$p" --cpu-method int64 --timeout "${secs}s")
	printf "%5d%% | %14.1f | %14.1f\n" "$p" "$op" "$sp"
done
