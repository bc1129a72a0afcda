#!/bin/sh
# benchtop attach: a run that outlived its terminal shown again, two viewers at two sizes,
# --view-only refusing, every viewer told how the run ended; and the ways attach says no.
. "${top_srcdir}/tests/lib.sh"

XDG_RUNTIME_DIR="$scratch/rt"; export XDG_RUNTIME_DIR
mkdir -m 700 "$XDG_RUNTIME_DIR"
rt="$XDG_RUNTIME_DIR/benchtop"

# ---- the ways attach says no: one line, exit 1 (nothing running) or 2 ----
expect_exit 1 "attach with no instance running" -- "$BENCHTOP" attach --headless
expect_grep "^benchtop attach: no instance is running$" "$scratch/err" "says no instance runs"
expect_exit 2 "attach --bogus" -- "$BENCHTOP" attach --bogus
# Without a terminal the id is still checked first: its line, not "not a terminal".
expect_exit 1 "attach ID from a pipe with no instance running" -- "$BENCHTOP" attach 99999 </dev/null
expect_grep "^benchtop attach: no instance is running$" "$scratch/err" "says no instance runs, not that there is no terminal"

# A dead instance's socket: said and removed.
mkdir -m 700 -p "$rt"
/usr/bin/python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])" "$rt/424242.sock"
expect_exit 1 "attach to a dead instance" -- "$BENCHTOP" attach --headless 424242
expect_grep "instance 424242 is not running" "$scratch/err" "says it is not running"
[ ! -e "$rt/424242.sock" ] && pass "its stale socket is removed" || fail "stale socket left"

# Another protocol: a stand-in instance answers info, then a hello of protocol 99 (or, old, an
# unknown command).
fake() {   # fake ID MODE: listens on ID's socket until killed
	/usr/bin/python3 - "$rt/$1.sock" "$2" "$1" <<'PY' &
import json, os, socket, struct, sys, time
path, mode, ident = sys.argv[1], sys.argv[2], sys.argv[3]
s = socket.socket(socket.AF_UNIX); s.bind(path); s.listen(4)
while True:
    c, _ = s.accept()
    req = json.loads(c.makefile().readline())
    if req["command"] == "info":
        c.sendall((json.dumps({"protocol": 1, "ok": True, "id": ident, "pid": os.getpid(), "since": time.time(),
                               "command": "benchtop", "state": "running", "viewers": 0}) + "\n").encode())
    elif mode == "old":
        c.sendall(b'{"protocol":1,"ok":false,"error":"unknown command \'attach\' (info, stop)"}\n')
    else:
        c.sendall(struct.pack("=IHHI", 0x54415442, 99, 1, 4) + struct.pack("=I", 99))
    c.close()
PY
	fakepid=$!
	i=0; while [ ! -S "$rt/$1.sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}
fake 5001 new
expect_exit 2 "attach to an instance of another protocol" -- "$BENCHTOP" attach --headless 5001
expect_grep "^benchtop: instance 5001 speaks protocol 99, this benchtop 4$" "$scratch/err" "names both protocols"
[ "$(wc -l <"$scratch/err")" -eq 1 ] && pass "in one line" || fail "more than one line: $(cat "$scratch/err")"
kill "$fakepid"; wait "$fakepid" 2>/dev/null; rm -f "$rt/5001.sock"
fake 5002 old
expect_exit 2 "attach to an instance that knows no attach" -- "$BENCHTOP" attach --headless 5002
expect_grep "^benchtop: instance 5002 speaks protocol 1, this benchtop 4$" "$scratch/err" "says it is older"
kill "$fakepid"; wait "$fakepid" 2>/dev/null; rm -f "$rt/5002.sock"

# ---- a headless run, followed by a headless viewer ----
id=$("$BENCHTOP" --detach --cpu 1 --cpu-load 10 --interval 0.1 2>/dev/null)
[ -n "$id" ] || fail "no id from --detach"
expect_exit 2 "attach to an unknown id while one runs" -- "$BENCHTOP" attach --headless 999999
expect_grep "no instance '999999' \(running: $id\)" "$scratch/err" "names the running ones"
expect_exit 2 "attach to an unknown id from a pipe" -- "$BENCHTOP" attach 999999 </dev/null
expect_grep "^benchtop attach: no instance '999999' \(running: $id\)$" "$scratch/err" "the unknown id is said first"
expect_exit 2 "attach to a running instance from a pipe" -- "$BENCHTOP" attach "$id" </dev/null
expect_grep "^benchtop attach: not a terminal \(--headless" "$scratch/err" "then the missing terminal"
"$BENCHTOP" attach --headless "$id" >"$scratch/hl.out" 2>"$scratch/hl.err" &
viewer=$!
sleep 2
"$BENCHTOP" ls >"$scratch/ls" 2>&1
expect_grep "^$id .* 1 +benchtop" "$scratch/ls" "ls counts the headless viewer"
"$BENCHTOP" stop "$id" >/dev/null 2>&1
i=0; while kill -0 "$viewer" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
wait "$viewer"; rc=$?
[ "$rc" -eq 0 ] && pass "the headless viewer exits 0 when the run ends" || fail "viewer exit $rc: $(cat "$scratch/hl.err")"
expect_grep "^benchtop: instance $id ended: stopped \(benchtop stop\)" "$scratch/hl.out" "it is told how the run ended"
expect_grep "^frames received: [1-9]" "$scratch/hl.out" "it received frames"

# ---- the dashboard: hang up mid-run, attach twice, refuse, stop ----
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed: dashboard part skipped"; finish; }
. "${top_srcdir}/tests/tmux-lib.sh"
cat >"$scratch/long.json" <<'SUITE'
{ "name": "long", "defaults": { "warmup": 0, "iterations": 600, "timeout": "10s" },
  "tests": [ { "name": "nap", "kind": "shell", "run": "sleep 0.1" } ] }
SUITE
env="cd '$scratch' && XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' LANG=C.UTF-8"
t new-session -d -s run -x 100 -y 30 "$env '$BENCHTOP' --cpu 1 --cpu-load 20 --interval 0.2 -r '$scratch/long.json' -o '$scratch/rep'"
i=0; while ! ls "$scratch"/rep/run-*.journal.jsonl >/dev/null 2>&1 && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
sleep 2
pid=$("$BENCHTOP" ls 2>/dev/null | awk '$1 ~ /^[0-9]+$/ && $4 != "exit" { print $1; exit }')
t kill-session -t run
sleep 1
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && pass "the run goes on after its terminal hung up" \
	|| fail "the run ended with the terminal"
n1=$(grep -c '"type":"iteration"' "$scratch"/rep/run-*.journal.jsonl)
sleep 1.5
n2=$(grep -c '"type":"iteration"' "$scratch"/rep/run-*.journal.jsonl)
[ "$n2" -gt "$n1" ] && pass "the journal grows while detached ($n1 -> $n2)" || fail "journal stuck at $n1"

t new-session -d -s v1 -x 100 -y 30 "$env '$BENCHTOP' attach $pid; echo VIEWER-RC=\$?; sleep 60"
# A run with a suite opens on its tests, as the dashboard it came from did: Tab shows the stressors.
pane v1 "nap +run" && pass "the viewer opens on the run's tests" || fail "no tests panel: $(cat "$scratch/pane.v1")"
t send-keys -t v1 Tab
pane v1 "cpu +on +1 x" && pass "the viewer shows the stress row" || fail "no stress row: $(cat "$scratch/pane.v1")"
pane v1 "History" && pass "and the history graph" || fail "no graph"
# The history from before the attach: the graph's rows hold many columns already.
# The graph's time axis is true, so a few seconds of a minute's span are a few columns: count
# every drawn braille cell (U+2801..U+28FF), and ask for more than one sample's worth.
braille=$(printf '\342[\240-\243][\201-\277]')   # UTF-8 of U+2801..U+28FF (not U+2800)
cols=$(grep -A6 "History" "$scratch/pane.v1" | LC_ALL=C grep -o "$braille" | wc -l)
[ "$cols" -gt 3 ] && pass "the graph shows the time before the attach ($cols cells)" \
	|| fail "the graph is empty: $(cat "$scratch/pane.v1")"
t new-session -d -s v2 -x 80 -y 24 "$env '$BENCHTOP' attach --view-only; echo VIEWER-RC=\$?; sleep 60"
pane v2 "nap +run" || fail "v2: no tests panel: $(cat "$scratch/pane.v2")"
t send-keys -t v2 Tab
pane v2 "cpu +on" && pass "a second viewer, 80x24, at the same time" || fail "second viewer: $(cat "$scratch/pane.v2")"
# The footer offers only keys that work: a view-only viewer is refused Enter, +- and e.
grep -v '^ *$' "$scratch/pane.v2" | tail -1 | grep -qE "run/stop|on/off|intensity|rate|export" &&
	fail "the view-only footer offers keys it refuses: $(tail -2 "$scratch/pane.v2")" ||
	pass "the view-only footer offers only keys it takes"
# Both show the stress panel, whose footer offers its Enter.
grep -v '^ *$' "$scratch/pane.v1" | tail -1 | grep -q "Enter on/off" && pass "a viewer that may act is offered Enter" ||
	fail "v1 footer: $(tail -2 "$scratch/pane.v1")"
"$BENCHTOP" ls >"$scratch/ls" 2>&1
expect_grep "^$pid .* attached +2 +benchtop" "$scratch/ls" "ls: attached, with two viewers"
t send-keys -t v2 Enter
pane v2 "view-only: refused" && pass "--view-only refuses a command, with a message" || fail "no refusal shown"
pane v1 "cpu +on" && pass "the stressor is still on" || fail "the stressor went off"
t send-keys -t v1 Right
# The row's new target says it even when a progress line has already taken the one event line.
pane v1 "stress cpu target 30 %|cpu +on +1 x mixed 30 %" && pass "a viewer's command acts on the run" \
	|| fail "Right did nothing: $(cat "$scratch/pane.v1")"
pane v2 "cpu +on +1 x mixed 30 %" && pass "and the other viewer sees it" || fail "v2 did not see the change"
"$BENCHTOP" stop "$pid" >/dev/null 2>&1
for v in v1 v2; do
	pane $v "VIEWER-RC=0" && pass "$v exits 0 when the run is stopped" || fail "$v: $(cat "$scratch/pane.$v")"
	# the line wraps in the viewer's narrow pane: joined again
	tr -d '\n' <"$scratch/pane.$v" >"$scratch/joined.$v"
	expect_grep "benchtop: instance $pid ended: stopped \(benchtop stop\); tests: .*; ?reports: /" "$scratch/joined.$v" \
		"$v says how the run ended, its verdict and where the reports are"
done
ls "$scratch"/rep/run-*.json >/dev/null 2>&1 && pass "the reports exist" || fail "no reports in rep/"
[ -z "$(ls -A "$rt" | grep -v '\.ended$')" ] && pass "no socket is left in the runtime directory" \
	|| fail "left in $rt: $(ls -A "$rt")"

# D: the dashboard goes, the shell has its prompt back, the run goes on and can be attached.
t new-session -d -s dash -x 100 -y 30 "sh"
t send-keys -t dash "$env '$BENCHTOP' --cpu 1 --cpu-load 10 --interval 0.2; echo DASH-RC=\$?" Enter
pane dash "cpu +on" || fail "no dashboard: $(cat "$scratch/pane.dash")"
t send-keys -t dash D
pane dash "DASH-RC=0" && pass "D gives the shell its prompt back (exit 0)" || fail "D: $(cat "$scratch/pane.dash")"
expect_grep "detached: the run goes on as [0-9]+: benchtop attach [0-9]+ shows it" "$scratch/pane.dash" \
	"D says the id and how to attach"
did=$(sed -n 's/.*detached: the run goes on as \([0-9]*\):.*/\1/p' "$scratch/pane.dash" | head -1)
[ -n "$did" ] && kill -0 "$did" 2>/dev/null && pass "the run goes on after D" || fail "no run after D ('$did')"
"$BENCHTOP" ls >"$scratch/ls" 2>&1
expect_grep "^$did .* detached " "$scratch/ls" "ls shows it detached"
"$BENCHTOP" attach --headless "$did" >"$scratch/d.out" 2>&1 &
viewer=$!
sleep 1
"$BENCHTOP" stop "$did" >/dev/null 2>&1
wait "$viewer"; rc=$?
[ "$rc" -eq 0 ] && pass "attach after D, then stop: the viewer exits 0" || fail "viewer exit $rc: $(cat "$scratch/d.out")"
expect_grep "^benchtop: instance $did ended: stopped" "$scratch/d.out" "and says how the run ended"
[ -z "$(ls -A "$rt" | grep -v '\.ended$')" ] && pass "no socket is left in the runtime directory again" \
	|| fail "left in $rt: $(ls -A "$rt")"

# A viewer's detail view reads the past runs from the run's --history-db, not the default: three
# quick runs recorded, then a run of the same suite that holds on its second test while viewed.
cat >"$scratch/hold.json" <<'SUITE'
{ "name": "hold", "defaults": { "warmup": 0, "iterations": 3, "timeout": "10s" },
  "tests": [ { "name": "nap", "kind": "shell", "run": "sleep 0.01" },
             { "name": "wait", "kind": "shell", "run": "sleep ${HOLD:-0}" } ] }
SUITE
db="$scratch/history.db"
i=0; while [ $i -lt 3 ]; do "$BENCHTOP" -H --history-db "$db" --run "$scratch/hold.json" >/dev/null 2>&1; i=$((i + 1)); done
HOLD=20 "$BENCHTOP" --detach --history-db "$db" --run "$scratch/hold.json" -i 0.2 --no-report >"$scratch/hid" 2>/dev/null
hid=$(head -1 "$scratch/hid")
t new-session -d -s hv -x 100 -y 30 "$env '$BENCHTOP' attach $hid; sleep 60"
pane hv "q quit" || fail "no viewer: $(cat "$scratch/pane.hv")"
pane hv "nap +pass" || fail "the first test did not finish: $(cat "$scratch/pane.hv")"
t send-keys -t hv Home Down d
pane hv "last [0-9]+ runs [▁▂▃▄▅▆▇█]{3,}" && pass "the viewer's detail view shows the run's recorded runs" \
	|| fail "viewer history: $(cat "$scratch/pane.hv")"
"$BENCHTOP" stop "$hid" >/dev/null 2>&1
t kill-session -t hv 2>/dev/null
finish
