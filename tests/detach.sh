#!/bin/sh
# Runs that outlive the terminal: --detach starts a run in the background, benchtop ls lists
# it, benchtop stop ends it with its reports; a dashboard whose terminal goes away while a
# suite runs goes on detached and finishes the suite; one that only watches just exits; a
# headless run keeps SIGHUP's meaning unless --on-hangup detach.
. "${top_srcdir}/tests/lib.sh"
XDG_RUNTIME_DIR="$scratch/rt"; export XDG_RUNTIME_DIR
mkdir -m 700 "$XDG_RUNTIME_DIR"
rt="$XDG_RUNTIME_DIR/benchtop"
cd "$scratch" || exit 1

expect_exit 1 "ls with no instance exits 1" -- "$BENCHTOP" ls
expect_grep "no instance is running" "$scratch/err" "ls says why"
expect_exit 1 "stop with no instance exits 1" -- "$BENCHTOP" stop
expect_exit 2 "--on-hangup takes stop or detach" -- "$BENCHTOP" -H --on-hangup maybe -d 1
expect_grep "on-hangup maybe: expected stop or detach" "$scratch/err" "the bad value is named"
expect_exit 2 "--detach with a missing suite exits 2 in the foreground" -- "$BENCHTOP" --detach -r nothere.json
expect_grep "nothere.json" "$scratch/err" "the background run's error reaches the terminal"

# --detach: the id on stdout at once, the run in the background, ls, stop with reports.
cat >"$scratch/long.json" <<'SUITE'
{ "name": "long", "defaults": { "warmup": 0, "iterations": 400, "timeout": "10s" },
  "tests": [ { "name": "nap", "kind": "shell", "run": "sleep 0.05" } ] }
SUITE
"$BENCHTOP" --detach -r "$scratch/long.json" -o "$scratch/det" >"$scratch/id" 2>"$scratch/err"
[ $? -eq 0 ] && pass "--detach exits 0" || fail "--detach: $(cat "$scratch/err")"
id=$(cat "$scratch/id")
kill -0 "$id" 2>/dev/null && pass "the run goes on in the background ($id)" || fail "no process $id"
expect_exit 0 "ls lists it" -- "$BENCHTOP" ls
expect_grep "^$id +[0-9-]+ [0-9:]+ detached +0 +benchtop --detach -r" "$scratch/out" "ls: id, since, state, viewers, command"
if [ -x /usr/bin/python3 ]; then
	"$BENCHTOP" ls --format json >"$scratch/ls.json" 2>&1
	/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); r=d["instances"][0]
assert r["id"] == sys.argv[2] and r["pid"] == int(sys.argv[2]) and r["state"] == "detached", r
assert r["command"].startswith("benchtop --detach -r") and r["since"].endswith("Z"), r' "$scratch/ls.json" "$id" \
		&& pass "ls --format json: the instance, as the table has it" || fail "ls json: $(cat "$scratch/ls.json")"
fi
expect_exit 2 "ls --format xml is refused" -- "$BENCHTOP" ls --format xml
expect_grep "^benchtop ls: --format xml: not a format \(text or json\)$" "$scratch/err" "and says why"
[ "$(stat -c %a "$rt/$id.sock")" = 600 ] && pass "the socket is 0600" || fail "socket mode $(stat -c %a "$rt/$id.sock")"
[ "$(stat -c %a "$rt")" = 700 ] && pass "the runtime directory is 0700" || fail "dir mode $(stat -c %a "$rt")"
sleep 1
expect_exit 2 "stop with an unknown id exits 2" -- "$BENCHTOP" stop 1
expect_exit 0 "stop ends it" -- "$BENCHTOP" stop "$id"
# Ended: gone, or a zombie that init has yet to reap (reaping is the parent's business).
kill -0 "$id" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$id/status" 2>/dev/null &&
	fail "the run is still there after stop" || pass "the run has ended when stop returns"
ls "$scratch"/det/run-*.json >/dev/null 2>&1 && pass "a stopped run writes its reports" || fail "no report in det/"
[ "$(ls -A "$rt")" = "$id.ended" ] && pass "only the run's end is left in the runtime directory" \
	|| fail "left: $(ls -A "$rt")"
[ "$(stat -c %a "$rt/$id.ended")" = 600 ] && pass "the end is 0600" || fail "end mode $(stat -c %a "$rt/$id.ended")"
# The ended run: in ls after the running ones, attach says how it ended and exits with its status.
expect_exit 1 "ls with only an ended run: none is running" -- "$BENCHTOP" ls
expect_grep "^$id +[0-9-]+ [0-9:]+ exit 0 +- +benchtop --detach -r" "$scratch/out" "ls lists the ended run, exit 0"
expect_grep "^ended: detached runs that ended since; benchtop attach ID says how" "$scratch/out" "and says where to look"
if [ -x /usr/bin/python3 ]; then
	"$BENCHTOP" ls -f json >"$scratch/ls.json" 2>/dev/null
	/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["instances"] == [], d
e=d["ended"][0]; assert e["id"] == sys.argv[2] and e["exit_code"] == 0 and "stop" in e["ended_by"], e
assert "/det/run-" in e["reports"] and e["ended_unix"] >= e["since_unix"], e' "$scratch/ls.json" "$id" \
		&& pass "ls -f json: the ended run with its exit code, how it ended and its reports" \
		|| fail "ls json ended: $(cat "$scratch/ls.json")"
fi
expect_exit 0 "attach to the ended run exits with its status, 0" -- "$BENCHTOP" attach "$id"
expect_grep "^run $id ended [0-9-]+ [0-9:]+: .*stop.*; exit status 0; reports: /.*/det/run-" "$scratch/out" \
	"attach says how it ended and where its reports are"
expect_exit 1 "stop of an ended run exits 1" -- "$BENCHTOP" stop "$id"
expect_grep "^benchtop stop: nothing to stop: run $id ended " "$scratch/err" "and says it has ended"

# A detached run that fails and ends on its own, with nobody watching: its end is kept.
cat >"$scratch/fails.json" <<'SUITE'
{ "name": "fails", "defaults": { "warmup": 0, "iterations": 2 },
  "tests": [ { "name": "bad", "kind": "shell", "run": "exit 3" } ] }
SUITE
"$BENCHTOP" --detach -r "$scratch/fails.json" -o "$scratch/fails" >"$scratch/id" 2>"$scratch/err"
fid=$(cat "$scratch/id")
i=0; while [ ! -e "$rt/$fid.ended" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
expect_exit 1 "attach to a failed run that ended unwatched exits 1" -- "$BENCHTOP" attach "$fid"
expect_grep "^run $fid ended .*; exit status 1; reports: " "$scratch/out" "its end says exit status 1"
expect_exit 1 "ls: none running" -- "$BENCHTOP" ls
expect_grep "^$fid +[0-9-]+ [0-9:]+ exit 1 +- +benchtop --detach -r" "$scratch/out" "ls lists it, exit 1"
# A damaged end is not listed, and not an error
printf 'not json' >"$rt/99999999.ended"
expect_exit 1 "ls with a damaged end" -- "$BENCHTOP" ls
grep -q 99999999 "$scratch/out" && fail "ls listed a damaged end" || pass "ls leaves a damaged end out"
rm -f "$rt"/*.ended

# A dead instance's socket (kill -9) is removed by ls.
"$BENCHTOP" --detach --cpu 1 --cpu-load 10 -o "$scratch/k9" >"$scratch/id" 2>/dev/null
id=$(cat "$scratch/id"); kill -9 "$id"; sleep 0.3
"$BENCHTOP" ls >/dev/null 2>&1
[ ! -e "$rt/$id.sock" ] && pass "ls removes a killed instance's socket" || fail "stale socket left"

# Something else at an instance's path (named so that no cleanup takes it for a pid): one that
# answers what is not benchtop's protocol is told apart from one that closes without a word
# and one that never answers.
not_benchtop() {   # NAME MODE: listens on $rt/NAME.sock until killed; MODE garbage, close or mute
	/usr/bin/python3 - "$rt/$1.sock" "$2" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(4)
while True:
    c, _ = s.accept()
    c.recv(4096)
    if sys.argv[2] == "garbage":
        c.sendall(b"HTTP/1.0 400 Bad Request\x1b[2J\r\nServer: x\r\n\r\n")
    elif sys.argv[2] == "mute":
        time.sleep(60)
    c.close()
PY
	fakepid=$!
	i=0; while [ ! -S "$rt/$1.sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}
not_benchtop other-garbage garbage
expect_exit 1 "ls with only a stranger's socket: no instance" -- "$BENCHTOP" ls
expect_grep "^benchtop: $rt/other-garbage.sock: what it answered is not a benchtop answer: \"HTTP/1.0 400 Bad Request\\\\x1b\\[2J\"$" \
	"$scratch/err" "ls quotes what answered, made visible, as not benchtop's"
grep -q "no answer" "$scratch/err" && fail "an answer is called no answer: $(cat "$scratch/err")" || pass "  not 'no answer'"
kill "$fakepid"; wait "$fakepid" 2>/dev/null; rm -f "$rt/other-garbage.sock"
not_benchtop other-close close
expect_exit 1 "ls with a socket that closes at once" -- "$BENCHTOP" ls
expect_grep "^benchtop: $rt/other-close.sock: no answer from the instance \(it closed the connection\)$" "$scratch/err" \
	"ls says nothing came back"
kill "$fakepid"; wait "$fakepid" 2>/dev/null; rm -f "$rt/other-close.sock"
not_benchtop other-mute mute
expect_exit 1 "stop with a socket that never answers" -- "$BENCHTOP" stop
expect_grep "^benchtop: $rt/other-mute.sock: no answer from the instance \(none in 5 s\)$" "$scratch/err" \
	"stop says none came in time"
kill "$fakepid"; wait "$fakepid" 2>/dev/null; rm -f "$rt/other-mute.sock"

# Headless: SIGHUP ends the run (reports written); with --on-hangup detach it goes on.
"$BENCHTOP" -H -r "$scratch/long.json" -o "$scratch/hup" >/dev/null 2>&1 &
pid=$!; sleep 1.5; kill -HUP "$pid"; wait "$pid"
ls "$scratch"/hup/run-*.json >/dev/null 2>&1 && pass "a hung-up headless run ends with its reports" \
	|| fail "no report after SIGHUP"
"$BENCHTOP" -H -r "$scratch/long.json" -o "$scratch/hup2" --on-hangup detach >/dev/null 2>&1 &
pid=$!; sleep 1.5; kill -HUP "$pid"; sleep 1
kill -0 "$pid" 2>/dev/null && pass "--on-hangup detach: the headless run goes on" || fail "it ended on SIGHUP"
"$BENCHTOP" stop "$pid" >/dev/null 2>&1; wait "$pid" 2>/dev/null

# The dashboard in tmux: kill the session (a hang-up) mid-suite, the run goes on and finishes.
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed: dashboard part skipped"; finish; }
. "${top_srcdir}/tests/tmux-lib.sh"
cat >"$scratch/mid.json" <<'SUITE'
{ "name": "mid", "defaults": { "warmup": 0, "iterations": 40, "timeout": "10s" },
  "tests": [ { "name": "nap", "kind": "shell", "run": "sleep 0.1" } ] }
SUITE
t new-session -d -s bt -x 80 -y 24 "cd '$scratch' && XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' LANG=C.UTF-8 '$BENCHTOP' -r '$scratch/mid.json' -o '$scratch/dash'"
i=0; while ! ls "$scratch"/dash/run-*.journal.jsonl >/dev/null 2>&1 && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 1
pid=$("$BENCHTOP" ls 2>/dev/null | awk '$1 ~ /^[0-9]+$/ && $4 != "exit" { print $1; exit }')
t kill-server
sleep 1
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && pass "the dashboard's run goes on after the hang-up" \
	|| fail "the run ended with the terminal"
"$BENCHTOP" ls >"$scratch/ls" 2>&1
expect_grep "^$pid .* detached " "$scratch/ls" "ls shows it detached"
n1=$(grep -c '"type":"iteration"' "$scratch"/dash/run-*.journal.jsonl)
sleep 1.5
n2=$(grep -c '"type":"iteration"' "$scratch"/dash/run-*.journal.jsonl)
[ "$n2" -gt "$n1" ] && pass "the journal grows while detached ($n1 -> $n2)" || fail "journal stuck at $n1"
i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 "$pid" 2>/dev/null && fail "the detached run did not end with its suite" || pass "the detached run ends with its suite"
grep -q '"status":[[:space:]]*"pass"' "$scratch"/dash/run-*.json 2>/dev/null && pass "its reports hold the whole suite" \
	|| fail "report: $(ls "$scratch/dash")"

# Only watching: a hang-up just exits.
t new-session -d -s bt -x 80 -y 24 "cd '$scratch' && XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' LANG=C.UTF-8 '$BENCHTOP'"
sleep 1.5
pid=$("$BENCHTOP" ls 2>/dev/null | awk '$1 ~ /^[0-9]+$/ && $4 != "exit" { print $1; exit }')
t kill-server
i=0; while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && pass "a watching dashboard exits on hang-up" \
	|| fail "pid '$pid' outlived its terminal with nothing to run"
[ -z "$(ls -A "$rt" | grep -v '\.ended$')" ] && pass "no socket is left in the runtime directory" \
	|| fail "left: $(ls -A "$rt")"
finish
