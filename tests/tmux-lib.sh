# tmux-lib.sh - shared by the tests that drive the dashboard in tmux, sourced after lib.sh:
# a tmux server of the test's own (killed when the test ends), a session's screen, waiting for
# what it shows, and starting the dashboard in a session.
sock="$scratch/tmux.sock"
t() { tmux -S "$sock" "$@"; }
trap 'stop_instances; t kill-server 2>/dev/null; rm -rf "$scratch"' EXIT

# pane SESSION PATTERN [SECONDS]: until SESSION's screen, kept in $scratch/pane.SESSION, shows
# PATTERN (30 s unless told); 1 when it never does.
pane() {
	pane_file="$scratch/pane.$1"
	until_shows "$1" "$2" "${3:-30}"
}
# screen: the session bt's screen to $scratch/screen
screen() { t capture-pane -p -t bt > "$scratch/screen"; }
# wait_for PATTERN SECONDS: until the session bt's screen ($scratch/screen) shows PATTERN
wait_for() {
	pane_file="$scratch/screen"
	until_shows bt "$1" "$2"
}
until_shows() {  # SESSION PATTERN SECONDS, the screen to $pane_file
	i=0
	while [ "$i" -lt $(($3 * 10)) ]; do
		t capture-pane -p -t "$1" > "$pane_file" 2>/dev/null
		grep -qE -- "$2" "$pane_file" && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

starts=0
# start W H ENV ARGS...: the dashboard in a fresh session bt, run in $scratch with ENV, its
# stderr to $scratch/stderr and its exit code to $exitf (a file of its own per start: the
# session killed here may still write its exit code).
start() {
	w=$1 h=$2 envs=$3; shift 3
	starts=$((starts + 1)); exitf="$scratch/exit.$starts"
	t kill-session -t bt 2>/dev/null
	# Killing the last session ends the server, and a new-session that reaches it while it
	# exits fails ("server exited unexpectedly"): then it is tried again, on a new server.
	tries=0
	until t new-session -d -s bt -x "$w" -y "$h" \
		"cd '$scratch' && LANG=C.UTF-8 $envs '$BENCHTOP' $* 2>'$scratch/stderr'; echo \$? > '$exitf'; sleep 60" \
		2>"$scratch/stderr.tmux"; do
		tries=$((tries + 1))
		[ $tries -lt 20 ] || { cat "$scratch/stderr.tmux" >&2; break; }
		sleep 0.1
	done
}
# wait_exit SECONDS: until the dashboard last started has written its exit code to $exitf
wait_exit() {
	i=0; while [ ! -s "$exitf" ] && [ $i -lt $(($1 * 10)) ]; do sleep 0.1; i=$((i + 1)); done
}
# quit_now [SECONDS]: q, then y to the "Quit?" a run with something going asks; until the
# dashboard has written its exit code (10 s unless told).
quit_now() {
	t send-keys -t bt q; sleep 0.3; t send-keys -t bt y
	wait_exit "${1:-10}"
}
