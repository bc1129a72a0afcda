#!/bin/sh
# benchtop stop returns as soon as the instance has ended, even while its parent has not reaped
# it (a zombie still answers kill -0); a stopped run gets a signal's short push budget, and is
# listed ("pushing") until it really exits, so ls and stop still find it meanwhile.
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
expect_grep '^stop 0 [0-9.]+ stopped [0-9]+$' "$scratch/parent.out" "stop returns while the ended run is not reaped yet"
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
finish
