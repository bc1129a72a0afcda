#!/usr/bin/env bash
# bench/tui.sh - what the dashboard costs next to htop and btop: each in its own 80x24 tmux
# pane for the same SECONDS (default 30), refreshing every second; CPU time from
# /proc/PID/stat and peak RSS (VmHWM). Targets: at most half of htop's CPU, less memory than btop.
# A dashboard on a terminal is two processes (a small parent that waits, and the run): CPU is
# summed over the pane's process and its descendants, RSS is the largest of them.
# Usage: bench/tui.sh [BINARY] (default src/benchtop); SECONDS_RUN=60 bench/tui.sh for a longer run.
set -euo pipefail
bin=$(realpath "${1:-src/benchtop}")
secs=${SECONDS_RUN:-30}
[ -x "$bin" ] || { echo "build first: $bin not found" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux is needed (apt-get install tmux)" >&2; exit 2; }
sock=$(mktemp -u /tmp/benchtop-bench.XXXXXX)
trap 'tmux -S "$sock" kill-server 2>/dev/null || true' EXIT
hz=$(getconf CLK_TCK)
# btop takes its refresh rate from its config file only: give it one that says 1 s.
cfg=$(mktemp -d /tmp/benchtop-btop.XXXXXX)
mkdir -p "$cfg/btop" && echo 'update_ms = 1000' > "$cfg/btop/btop.conf"
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$cfg"' EXIT

declare -A cmd=(
	[benchtop]="$bin --interval 1"
	[htop]="htop -d 10"
	[btop]="btop --utf-force"
)
names=()
for n in benchtop htop btop; do
	prog=${cmd[$n]%% *}
	if ! command -v "$prog" >/dev/null; then
		echo "$n: not installed (apt-get install $n), left out"
		continue
	fi
	tmux -S "$sock" new-session -d -s "$n" -x 80 -y 24 "TERM=xterm-256color LANG=C.UTF-8 XDG_CONFIG_HOME=$cfg exec ${cmd[$n]}"
	names+=("$n")
done
sleep 2   # let each start up; the window below is steady state
tree() {   # tree PID: PID and its descendants
	echo "$1"
	for c in $(pgrep -P "$1"); do tree "$c"; done
}
ticks() { for p in $(tree "$1"); do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done | awk '{s += $1} END {print s + 0}'; }
hwm() { for p in $(tree "$1"); do awk '/VmHWM/{print $2}' "/proc/$p/status" 2>/dev/null; done | sort -n | tail -1; }
declare -A t0
for n in "${names[@]}"; do
	pid=$(tmux -S "$sock" display -p -t "$n" '#{pane_pid}')
	t0[$n]=$(ticks "$pid")
done
sleep "$secs"
printf "%-9s %12s %14s %12s\n" "" "CPU seconds" "% of one core" "peak RSS"
for n in "${names[@]}"; do
	pid=$(tmux -S "$sock" display -p -t "$n" '#{pane_pid}')
	t1=$(ticks "$pid")
	hwm=$(hwm "$pid")
	awk -v n="$n" -v a="${t0[$n]}" -v b="$t1" -v hz="$hz" -v s="$secs" -v h="$hwm" 'BEGIN{
		c = (b - a) / hz; printf "%-9s %12.2f %13.3f%% %9.2f MiB\n", n, c, 100 * c / s, h / 1024 }'
done
