#!/bin/sh
# benchtop stop returns as soon as the instance has ended, even while its parent has not reaped
# it (a zombie still answers kill -0); a stopped run gets a signal's short push budget, and is
# listed ("pushing") until it really exits, so ls and stop still find it meanwhile; a push
# already under way when stop comes (headless at the end, or a dashboard's in the background)
# is cut to that budget too.
. "${top_srcdir}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed to play a parent that does not reap"; exit 77; }
cat >"$scratch/long.json" <<'SUITE'
{ "name": "long", "defaults": { "warmup": 0, "iterations": 200 },
  "tests": [ { "name": "nap", "kind": "shell", "run": "sleep 0.5" } ] }
SUITE

# A parent that reaps its child only after stop has returned.
cat >"$scratch/parent.py" <<'PY'
import os, subprocess, sys, time
bt, rt, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
p = subprocess.Popen([bt, "-H", "--no-history", "-r", scratch + "/long.json", "-o", scratch + "/z", "--log", "/dev/null"],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
sock = "%s/benchtop/%d.sock" % (rt, p.pid)
for _ in range(200):
    if os.path.exists(sock):
        break
    time.sleep(0.1)
time.sleep(0.5)
t = time.time()
try:
    r = subprocess.run([bt, "stop", str(p.pid)], capture_output=True, text=True, timeout=30)
    print("stop %d %.1f %s" % (r.returncode, time.time() - t, r.stdout.strip()))
except subprocess.TimeoutExpired:
    print("stop timeout")
print("child %d" % p.wait())
PY
python3 "$scratch/parent.py" "$BENCHTOP" "$XDG_RUNTIME_DIR" "$scratch" >"$scratch/parent.out" 2>&1
expect_grep '^stop 0 [0-9.]+ stopped [0-9]+(: .*)?$' "$scratch/parent.out" "stop returns while the ended run is not reaped yet"
took=$(sed -n 's/^stop 0 \([0-9]*\).*/\1/p' "$scratch/parent.out")
[ -n "$took" ] && [ "$took" -lt 10 ] && pass "stop did not wait for the parent ($took s)" || fail "stop: $(cat "$scratch/parent.out")"
expect_grep '^child 0$' "$scratch/parent.out" "the stopped run exits 0"
ls "$scratch"/z/run-*.json >/dev/null 2>&1 && pass "its reports are written" || fail "no report in z/"

# A push to a port nobody listens on: stop gives it 5 s, as SIGTERM would, not 30 s, and the
# instance stays listed while it tries.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BENCHTOP" -H --no-history -r "$scratch/long.json" -o "$scratch/p" --label "$(printf 'a b\033[2J')" \
	--log /dev/null --push "http://127.0.0.1:$port" \
	>"$scratch/push.out" 2>"$scratch/push.err" &
pid=$!
i=0; while [ ! -S "$XDG_RUNTIME_DIR/benchtop/$pid.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 1
start=$(date +%s)
"$BENCHTOP" stop -- "$pid" >"$scratch/stop.out" 2>&1 &
stopper=$!
sleep 1.5
"$BENCHTOP" ls >"$scratch/ls" 2>&1
expect_grep "^$pid .* pushing " "$scratch/ls" "ls lists the run while it pushes"
expect_grep "^$pid .* --label 'a b\\\\x1b\\[2J' --log" "$scratch/ls" "ls quotes an argument with a space and shows ESC as \\x1b"
expect_exit 2 "stop with an unknown id still names it" -- "$BENCHTOP" stop 1
expect_grep "running: $pid" "$scratch/err" "stop finds it among the running"
wait "$stopper"; src=$?
took=$(($(date +%s) - start))
wait "$pid"; rc=$?
[ "$src" -eq 0 ] && pass "stop exits 0" || fail "stop exit $src: $(cat "$scratch/stop.out")"
[ "$took" -le 15 ] && pass "the stopped run's push gave up within a signal's budget ($took s)" || fail "stop took $took s"
[ "$rc" -eq 1 ] && pass "the run exits 1: not pushed" || fail "run exit $rc"
expect_grep "not pushed: .*tries in [4-6] s" "$scratch/push.err" "the push line says it tried for 5 s"
kill -0 "$pid" 2>/dev/null && fail "still running after stop" || pass "gone when stop returns"
[ -z "$(ls -A "$XDG_RUNTIME_DIR/benchtop")" ] && pass "its socket is removed" || fail "left: $(ls -A "$XDG_RUNTIME_DIR/benchtop")"

# A push already under way when stop comes, to a gateway that takes the connection and never
# answers: stop cuts its 30 s to a signal's 5 s, and the line says stop cut it short.
python3 -c '
import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
print(s.getsockname()[1], flush=True)
time.sleep(300)' >"$scratch/mute.port" &
mute=$!
i=0; while [ ! -s "$scratch/mute.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
mute_url="http://127.0.0.1:$(cat "$scratch/mute.port")"
# stop_mid_push PID: waits until ls shows PID pushing, then stops it; took: milliseconds
stop_mid_push() {
	i=0
	until "$BENCHTOP" ls 2>/dev/null | grep -q "^$1 .* pushing "; do
		[ $i -lt 600 ] || { fail "$1 never showed as pushing"; break; }
		sleep 0.1; i=$((i + 1))
	done
	sleep 1
	start=$(date +%s%N)
	"$BENCHTOP" stop "$1" >"$scratch/stop.out" 2>&1 || fail "stop: $(cat "$scratch/stop.out")"
	took=$((($(date +%s%N) - start) / 1000000))
}
# Headless: the suite is done and the push at the end has begun.
"$BENCHTOP" -H --no-history -r "$top_srcdir/tests/suites/tiny.json" -o "$scratch/m" --log /dev/null \
	--push "$mute_url" >"$scratch/mute.out" 2>"$scratch/mute.err" &
pid=$!
stop_mid_push "$pid"
wait "$pid"; rc=$?
[ "$took" -lt 10000 ] && pass "stop cut the push under way short ($took ms)" || fail "stop took $took ms"
[ "$rc" -eq 1 ] && pass "the run exits 1: not pushed" || fail "run exit $rc"
expect_grep "^benchtop: --push: not pushed: suite tiny: $mute_url/[^ ]*: (.*; )?cut short by benchtop stop after [0-9]+ tr(y|ies) in [0-9]+ s" \
	"$scratch/mute.err" "the push line says stop cut it short"

# The dashboard: each run is pushed in the background when it ends; stop cuts that push too.
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed: dashboard part skipped"; kill "$mute"; finish; }
. "${top_srcdir}/tests/tmux-lib.sh"
trap 'stop_instances; t kill-server 2>/dev/null; kill "$mute" 2>/dev/null; rm -rf "$scratch"' EXIT
start 120 40 "XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR'" --no-history --run "$top_srcdir/tests/suites/tiny.json" \
	--push "$mute_url" -o "$scratch/dash"
wait_for "pushing run 1 to $mute_url" 60 || fail "no background push: $(cat "$scratch/screen")"
pid=$("$BENCHTOP" ls 2>/dev/null | awk '$1 ~ /^[0-9]+$/ && $4 != "exit" { print $1; exit }')
sleep 1
start=$(date +%s%N)
"$BENCHTOP" stop "$pid" >"$scratch/stop.out" 2>&1 || fail "stop: $(cat "$scratch/stop.out")"
took=$((($(date +%s%N) - start) / 1000000))
[ "$took" -lt 10000 ] && pass "stop cut the dashboard's background push short ($took ms)" || fail "stop took $took ms"
wait_exit 10
[ "$(cat "$exitf" 2>/dev/null)" = 1 ] && pass "the dashboard exits 1: not pushed" || fail "exit $(cat "$exitf" 2>/dev/null)"
expect_grep "^benchtop: --push: run 1 not pushed: suite tiny: $mute_url/[^ ]*: (.*; )?cut short by benchtop stop after [0-9]+ tr(y|ies) in [0-9]+ s" \
	"$scratch/stderr" "and says stop cut it short"
wait_for "pushing run 1 to $mute_url \\(up to 5 s; Ctrl-C gives up\\)" 5 && pass "the wait it says is a stop's" \
	|| fail "wait line: $(cat "$scratch/screen")"

# SIGTERM likewise: the dashboard reads it at once, so the push never sees it pending.
start 120 40 "XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR'" --no-history --run "$top_srcdir/tests/suites/tiny.json" \
	--push "$mute_url" -o "$scratch/dash2"
wait_for "pushing run 1 to $mute_url" 60 || fail "no background push: $(cat "$scratch/screen")"
pid=$("$BENCHTOP" ls 2>/dev/null | awk '$1 ~ /^[0-9]+$/ && $4 != "exit" { print $1; exit }')
sleep 1
start=$(date +%s%N)
kill -TERM "$pid"
wait_exit 40
took=$((($(date +%s%N) - start) / 1000000))
[ "$took" -lt 10000 ] && pass "SIGTERM cut the dashboard's background push short ($took ms)" || fail "the exit took $took ms"
expect_grep "^benchtop: --push: run 1 not pushed: .*cut short by a signal after" "$scratch/stderr" "and says a signal did"
kill "$mute"
finish
