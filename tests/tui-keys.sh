#!/bin/sh
# The dashboard's header and theme key, driven in tmux: a run of one test among many loaded
# counts that one test; t passes over a theme file that fails, said once, and comes round.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
. "${top_srcdir}/tests/tmux-lib.sh"

# 1. No --run: the quick suite is listed; one test started with Enter is 0/1 in the header.
start 80 24 "" --no-history --no-report
wait_for '▸ quick \([0-9]+\)' 20 || fail "no tests listed: $(cat "$scratch/screen")"
t send-keys -t bt Down Enter
wait_for 'RUNNING' 10 || fail "no run: $(cat "$scratch/screen")"
head -1 "$scratch/screen" > "$scratch/header"
expect_grep 'RUNNING 0/1 tests' "$scratch/header" "the header counts the test started, not every test loaded"
t send-keys -t bt q y
wait_exit 10
t kill-session -t bt

# 2. t with a broken theme in the search path: its error once, then the others, round.
mkdir -p "$scratch/data/themes"
printf 'graph = red\nspark = red on\n' > "$scratch/data/themes/zz.theme"
start 200 60 "BENCHTOP_DATA_DIR='$scratch/data'" --no-history --no-report   # room for the event log and the path
wait_for 'Events' 20 || fail "no dashboard: $(cat "$scratch/screen")"
n=$(ls "$top_srcdir/themes"/*.theme | wc -l)
# A press a second, so each line of the event log has a time of its own; every line seen kept.
: > "$scratch/events"
i=0
while [ $i -lt $((2 * n + 2)) ]; do
	t send-keys -t bt t; sleep 1.1; screen
	sed -n '/Events/,$p' "$scratch/screen" | grep -E '^│[0-9:]{8} ' >> "$scratch/events"
	i=$((i + 1))
done
sort -u "$scratch/events" > "$scratch/events.u"
said=$(grep -c "zz.theme:2:15: missing color after 'on'" "$scratch/events.u")
[ "$said" -eq 1 ] && pass "the broken theme is said once" || fail "said $said times: $(cat "$scratch/events.u")"
rounds=$(grep -c 'theme default' "$scratch/events.u")
[ "$rounds" -ge 2 ] && pass "t comes round to default past the broken theme, again and again" \
	|| fail "default $rounds times: $(cat "$scratch/events.u")"
t send-keys -t bt q
wait_exit 5
t kill-server 2>/dev/null
finish
