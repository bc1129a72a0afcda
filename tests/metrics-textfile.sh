#!/bin/sh
# --textfile: a directory that cannot take a file is refused up front (exit 2, one line), even
# where access() says yes (root and /proc); a run with no test writes it at the end too; the
# exit status it carries is the one benchtop ends with, a failed push included.
. "${top_srcdir}/tests/metrics-lib.sh"

expect_exit 2 "--textfile /proc" -- "$BENCHTOP" -H --no-history -d 1 --textfile /proc
[ "$(wc -l <"$scratch/err")" -eq 1 ] && expect_grep '^benchtop: --textfile: /proc: cannot write here: ' "$scratch/err" \
	"one line says why" || fail "stderr: $(cat "$scratch/err")"
[ ! -s "$scratch/out" ] && pass "nothing ran" || fail "it ran: $(head -3 "$scratch/out")"

mkdir "$scratch/tf0"
expect_exit 0 "no test, -d 1, --textfile" -- "$BENCHTOP" -H --no-history --log /dev/null -d 1 --textfile "$scratch/tf0"
expect_grep '^benchtop_build_info\{version="[^"]+"\} 1$' "$scratch/tf0/benchtop.prom" "the textfile is written at the end"

# A gateway that refuses every push: exit 1, and the textfile says 1.
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is needed for a refusing gateway"; finish; }
gport=$(free_port)
python3 -c '
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(400); self.end_headers()
    def do_GET(self):
        self.send_response(200); self.end_headers()
    def log_message(self, *a):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()' "$gport" 2>"$scratch/gw.err" &
started_pids="$started_pids $!"
wait_url "http://127.0.0.1:$gport/" 20 || { fail "gateway: $(cat "$scratch/gw.err")"; finish; }
printf '{"name":"fast","defaults":{"warmup":0,"iterations":2},"tests":[{"name":"t","kind":"shell","run":"true"}]}\n' \
	>"$scratch/fast.json"
mkdir "$scratch/tf1"
expect_exit 1 "a refused push" -- "$BENCHTOP" -H --no-history --log /dev/null -r "$scratch/fast.json" -o "$scratch/rep" \
	--textfile "$scratch/tf1" --push "http://127.0.0.1:$gport"
expect_grep '^benchtop_run_exit_status 1$' "$scratch/tf1/benchtop.prom" "the textfile carries the exit status 1"
expect_grep '^# HELP benchtop_run_exit_status .*3 a test was disturbed' "$scratch/tf1/benchtop.prom" \
	"its HELP names the statuses that can be"
finish
