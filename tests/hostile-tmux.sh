#!/bin/sh
# A suite whose test name holds ESC ]0;pwned BEL ESC [2J, run headless inside tmux: the pane's
# title and the screen before the run stay as they were, and the name shows as \x1b text.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
. "${top_srcdir}/tests/tmux-lib.sh"

cat > "$scratch/evil.json" <<'JSON'
{ "name": "evil", "defaults": { "warmup": 0, "iterations": 1 },
  "tests": [ { "name": "\u001b]0;pwned\u0007\u001b[2J", "kind": "shell",
               "run": "printf 'out\\033]0;pwned2\\007\\033[2J' >&2; exit 3" } ] }
JSON
t -f /dev/null new-session -d -s bt -x 150 -y 50 "env PS1='$ ' sh"
t select-pane -t bt -T keep-this-title
sleep 0.5
t send-keys -t bt "echo MARKER-BEFORE-RUN; LANG=C.UTF-8 '$BENCHTOP' --headless --interval 5 --no-report -r '$scratch/evil.json'; echo DONE-\$?" Enter
wait_for '^DONE-[0-9]' 120   # the typed line may wrap to a 'DONE-$?' line
expect_grep '^DONE-1' "$scratch/screen" "the run ends (exit 1: the test errored)"
title=$(t display -p -t bt '#{pane_title}')
[ "$title" = keep-this-title ] && pass "the pane's title is untouched" || fail "the pane's title became '$title'"
expect_grep 'MARKER-BEFORE-RUN' "$scratch/screen" "the screen was not cleared"
expect_grep 'evil/\\x1b\]0;pwned\\x07\\x1b\[2J' "$scratch/screen" "the name shows as \\x1b text"
finish
