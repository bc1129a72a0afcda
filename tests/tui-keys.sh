#!/bin/sh
# The dashboard's header, driven in tmux: a run of one test among many loaded counts that one
# test.
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

t kill-server 2>/dev/null
finish
