#!/bin/sh
# benchtop attach on a terminal that cannot draw (TERM=dumb) is refused as the dashboard is:
# exit 2, one line naming -H (which attach takes as --headless), and before it asks the run to
# count it as a viewer.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed for a stand-in instance"; exit 77; }
. "${top_srcdir}/tests/tmux-lib.sh"
rt="$XDG_RUNTIME_DIR/benchtop"
mkdir -m 700 -p "$rt"

# A stand-in instance that answers info and writes down every command it is sent.
/usr/bin/python3 - "$rt/4242.sock" "$scratch/asked" <<'PY' &
import json, os, socket, sys, time
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(4)
log = open(sys.argv[2], "a", buffering=1)
while True:
    c, _ = s.accept()
    line = c.makefile().readline()
    req = json.loads(line) if line else {}
    log.write("%s\n" % req.get("command"))
    if req.get("command") == "info":
        c.sendall((json.dumps({"protocol": 1, "ok": True, "id": "4242", "pid": os.getpid(), "since": time.time(),
                               "command": "benchtop", "state": "detached", "viewers": 0}) + "\n").encode())
    c.close()
PY
fake=$!
i=0; while [ ! -S "$rt/4242.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

t new-session -d -s bt -x 100 -y 30 \
	"cd '$scratch' && XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' TERM=dumb '$BENCHTOP' attach 4242 2>err; echo \$? >exit; sleep 60"
i=0; while [ ! -s "$scratch/exit" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(cat "$scratch/exit" 2>/dev/null)" = 2 ] && pass "TERM=dumb attach exits 2, as the dashboard does" \
	|| fail "exit '$(cat "$scratch/exit" 2>/dev/null)': $(cat "$scratch/err" 2>/dev/null)"
expect_grep "^benchtop attach: the terminal type 'dumb' cannot draw the dashboard .*-H runs without one$" "$scratch/err" \
	"one line naming the type and -H"
grep -q attach "$scratch/asked" 2>/dev/null && fail "it asked to attach first: $(cat "$scratch/asked")" \
	|| pass "the run was never asked to take a viewer"

# -H is attach's --headless: it asks to attach (the stand-in says nothing back: exit 2).
expect_exit 2 "attach -H reaches the run (which does not answer it)" -- "$BENCHTOP" attach -H 4242
grep -q attach "$scratch/asked" && pass "attach -H asked to attach" || fail "asked: $(cat "$scratch/asked")"
kill "$fake" 2>/dev/null
finish
