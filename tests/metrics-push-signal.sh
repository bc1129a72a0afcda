#!/bin/sh
# --push never holds an exit up: with the gateway down (refused, or a listener that never
# answers) the push retries for up to 30 s, but a SIGTERM during the retries ends the run
# within a few seconds, with the reports written and one line saying the push was cut short;
# a run that a signal ended gives the push at most 5 s.
. "${top_srcdir}/tests/metrics-lib.sh"
suite="$top_srcdir/tests/suites/tiny.json"

# term_during_push NAME URL: run, wait for the reports (written before the push), SIGTERM
# a second later; sets took (seconds from the signal to the exit) and rc.
term_during_push() {
	"$BENCHTOP" -H --no-history --run "$suite" --push "$2" -o "$scratch/$1" >"$scratch/$1.out" 2>"$scratch/$1.err" &
	pid=$!
	i=0
	while [ $i -lt 600 ] && ! ls "$scratch/$1/"run-*.json >/dev/null 2>&1; do sleep 0.1; i=$((i + 1)); done
	sleep 1
	start=$(date +%s%N)
	kill -TERM $pid
	wait $pid
	rc=$?
	took=$((($(date +%s%N) - start) / 1000000))
}

port=$(free_port)   # nobody listens: every try is refused at once, then a doubling wait
term_during_push refused "http://127.0.0.1:$port"
[ $rc -eq 1 ] && pass "refused gateway, SIGTERM: exit 1" || fail "exit $rc: $(cat "$scratch/refused.err")"
[ $took -lt 5000 ] && pass "SIGTERM cut the retries short ($took ms)" || fail "the exit took $took ms after SIGTERM"
expect_grep '^benchtop: --push: not pushed: suite .*cut short by a signal after [0-9]+ tr(y|ies) in [0-9]+ s; the reports are written' "$scratch/refused.err" \
	"one line says the push was cut short"
ls "$scratch/refused/"run-*.json >/dev/null 2>&1 && pass "the reports are there" || fail "no reports"

# A listener that takes the connection and never answers: the PUT itself hangs until cut.
/usr/bin/python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
print(s.getsockname()[1], flush=True)
time.sleep(120)' >"$scratch/mute.port" &
mute=$!
started_pids="${started_pids:-} $mute"
i=0
while [ $i -lt 100 ] && ! [ -s "$scratch/mute.port" ]; do sleep 0.1; i=$((i + 1)); done
term_during_push mute "http://127.0.0.1:$(cat "$scratch/mute.port")"
[ $took -lt 5000 ] && pass "a gateway that never answers: SIGTERM ends the run in $took ms" \
	|| fail "the exit took $took ms after SIGTERM"
[ $rc -eq 1 ] && pass "exit 1" || fail "exit $rc"
kill $mute 2>/dev/null

# A run ended by a signal still pushes, for at most 5 s against a dead gateway.
cat >"$scratch/long.json" <<'SUITE'
{ "name": "long", "defaults": { "warmup": 0, "iterations": 400, "timeout": "10s" },
  "tests": [ { "name": "nap", "kind": "shell", "run": "sleep 0.05" } ] }
SUITE
"$BENCHTOP" -H --no-history -r "$scratch/long.json" --push "http://127.0.0.1:$port" \
	-o "$scratch/sig" >"$scratch/sig.out" 2>"$scratch/sig.err" &
pid=$!
sleep 2
start=$(date +%s%N)
kill -INT $pid
wait $pid
took=$((($(date +%s%N) - start) / 1000000))
[ $took -lt 12000 ] && pass "ended by SIGINT, the push gave up in $took ms" || fail "took $took ms after SIGINT"
expect_grep '^benchtop: --push: not pushed: .*tries in [0-9] s' "$scratch/sig.err" "and said so"
finish
