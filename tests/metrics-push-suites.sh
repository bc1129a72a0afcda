#!/bin/sh
# Several suites pushed at once: one the gateway refuses (4xx) does not keep the others from
# it, a gateway out of reach is given up for all with one line naming every suite not pushed,
# and a password in --push is never printed (the push lines, benchtop ls).
. "${top_srcdir}/tests/metrics-lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed for the recording gateway"; exit 77; }
for s in bad fast; do
	printf '{"name":"%s","defaults":{"warmup":0,"iterations":2},"tests":[{"name":"t","kind":"shell","run":"true"}]}\n' \
		"$s" >"$scratch/$s.json"
done

# A gateway that refuses suite "bad" with 400 and records every PUT it takes.
gport=$(free_port)
cat >"$scratch/gw.py" <<'PY'
import http.server, sys
log = open(sys.argv[2], "a", buffering=1)
class H(http.server.BaseHTTPRequestHandler):
    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        bad = "/suite/bad" in self.path
        log.write("%s %s %s\n" % (400 if bad else 200, self.path, self.headers.get("Authorization", "-")))
        self.send_response(400 if bad else 200)
        self.end_headers()
        if bad:
            self.wfile.write(b"pushed metrics are invalid: duplicate series\n")
    def do_GET(self):
        self.send_response(200); self.end_headers()
    def log_message(self, *a):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
python3 "$scratch/gw.py" "$gport" "$scratch/puts" 2>"$scratch/gw.err" &
started_pids="$started_pids $!"
wait_url "http://127.0.0.1:$gport/" 20 && pass "recording gateway on port $gport" || { fail "gateway: $(cat "$scratch/gw.err")"; finish; }

expect_exit 1 "one suite refused" -- "$BENCHTOP" -H --no-history --run "$scratch/bad.json" --run "$scratch/fast.json" \
	-o "$scratch/r1" --log /dev/null --push "http://bob:secret@127.0.0.1:$gport"
grep -q "200 /metrics/job/benchtop/instance/.*/suite/fast " "$scratch/puts" && pass "the suite after the refused one is pushed" \
	|| fail "fast never reached the gateway: $(cat "$scratch/puts")"
expect_grep "^pushed: suite fast to http://bob:\*\*\*@127.0.0.1:$gport$" "$scratch/out" "says it pushed fast, the password masked"
[ "$(grep -c push "$scratch/err")" -eq 1 ] &&
	expect_grep "^benchtop: --push: not pushed: suite bad: http://bob:\*\*\*@127.0.0.1:$gport/metrics/job/benchtop/.*HTTP 400: pushed metrics are invalid" \
	"$scratch/err" "one line names the refused suite and the gateway's answer" || fail "push lines: $(cat "$scratch/err")"
grep -q secret "$scratch/out" "$scratch/err" && fail "the password was printed" || pass "the password is not printed"
grep -q ' Basic ' "$scratch/puts" && pass "the gateway got the credentials" || fail "no Authorization: $(cat "$scratch/puts")"

# Nobody listens: the first suite's tries are cut short by SIGTERM; the line names both suites.
port=$(free_port)
"$BENCHTOP" -H --no-history --run "$scratch/bad.json" --run "$scratch/fast.json" -o "$scratch/r2" --log /dev/null \
	--push "http://bob:secret@127.0.0.1:$port" >"$scratch/out2" 2>"$scratch/err2" &
pid=$!
i=0; while [ ! -S "$XDG_RUNTIME_DIR/benchtop/$pid.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
"$BENCHTOP" ls >"$scratch/ls" 2>&1
grep -q secret "$scratch/ls" && fail "ls shows the password: $(cat "$scratch/ls")" || pass "ls masks the password"
expect_grep "--push 'http://bob:\*\*\*@127.0.0.1:$port'" "$scratch/ls" "ls shows the URL masked"
i=0; while [ $i -lt 300 ] && ! grep -q pushing "$scratch/ls"; do
	sleep 0.1; i=$((i + 1)); "$BENCHTOP" ls >"$scratch/ls" 2>&1
done
sleep 1
kill -TERM "$pid"; wait "$pid"; rc=$?
[ "$rc" -eq 1 ] && pass "a gateway out of reach: exit 1" || fail "exit $rc: $(cat "$scratch/err2")"
[ "$(grep -c push "$scratch/err2")" -eq 1 ] &&
	expect_grep "^benchtop: --push: not pushed: suite bad: http://bob:\*\*\*@127.0.0.1:$port/.*; cut short by a signal after [0-9]+ tr(y|ies) in [0-9]+ s; not tried after it: fast; the reports are written$" \
	"$scratch/err2" "one line names every suite not pushed" || fail "push lines: $(cat "$scratch/err2")"
grep -q secret "$scratch/err2" && fail "the password was printed" || pass "the password is not printed on failure"
finish
