#!/bin/sh
# /metrics through the real binary: bad options exit 2 before anything starts; curl sees the
# formats, HEAD, 404, 405, gzip and the token; promtool and prometheus_client parse both
# formats; abuse (200 concurrent, 1,000 sequential, 50 idle connections) leaves the server
# and the sampler whole; --textfile is written atomically with the run's summary.
. "${top_srcdir}/tests/metrics-lib.sh"
need_packages curl prometheus python3-prometheus-client
tiny="$top_srcdir/tests/suites/tiny.json"

# ---- bad input: exit 2, one line naming the option, nothing started ----
bad() {  # bad OPTION-NAME ARGS...
	opt=$1; shift
	expect_exit 2 "$*" -- "$BENCHTOP" -H -d 30 "$@" || return
	[ "$(wc -l < "$scratch/err")" -eq 1 ] && grep -q "^benchtop: --$opt: " "$scratch/err" &&
		pass "$*: one line naming --$opt" || fail "$*: stderr: $(cat "$scratch/err")"
}
bad listen --listen 99999
bad listen --listen nohost.invalid:1
bad listen --listen 127.0.0.1:
bad push --push ftp://x
bad textfile --textfile /nonexistent
bad listen-token --listen 0 --listen-token "$scratch/no-such-token"
: > "$scratch/empty-token"
bad listen-token --listen 0 --listen-token "$scratch/empty-token"

# ---- a live exporter with a CPU stressor (and the fake NVML's two GPUs) ----
BENCHTOP_NVML_LIB="$top_builddir/tests/libnvidia-ml-fake.so"; export BENCHTOP_NVML_LIB
start_benchtop live --cpu 1 --cpu-load 40 -i 0.2
unset BENCHTOP_NVML_LIB
url="http://127.0.0.1:$bt_port/metrics"
bad listen --listen "$bt_port"   # the port is in use now
expect_grep "cannot listen on 127.0.0.1:$bt_port: " "$scratch/err" "a port in use is named with its address"

curl -s -D "$scratch/h004" -o "$scratch/m004" "$url"
expect_grep '^HTTP/1.1 200' "$scratch/h004" "GET /metrics: 200"
expect_grep '^Content-Type: text/plain; version=0.0.4; charset=utf-8' "$scratch/h004" "0.0.4 by default"
expect_grep '^benchtop_build_info\{version="[0-9.]+"\} 1$' "$scratch/m004" "build info"
expect_grep '^benchtop_stress_target_load_ratio\{stressor="cpu"\} 0.4$' "$scratch/m004" "cpu target load 0.4"
for mode in user nice system idle iowait irq softirq steal; do
	expect_grep "^node_cpu_seconds_total\\{cpu=\"0\",mode=\"$mode\"\\} [0-9]" "$scratch/m004" "node_cpu_seconds_total mode=$mode"
done
expect_grep '^node_memory_MemAvailable_bytes [0-9]' "$scratch/m004" "node_memory_MemAvailable_bytes"
expect_grep '^benchtop_gpu_temperature_celsius\{gpu="0",pci_bus_id="00000000:3B:00.0",uuid="GPU-1f0e6a2c-3b00-4a11-9d52-0000000003b0"\} 61$' \
	"$scratch/m004" "GPU series carry the uuid NVML gives"
expect_grep '^benchtop_gpu_info\{gpu="1",pci_bus_id="00000000:AF:00.0",uuid="GPU-7a4c9e21-af00-4b22-8e63-0000000000af",name="NVIDIA Fake T4",backend="nvml"\} 1$' \
	"$scratch/m004" "benchtop_gpu_info too"
grep -q '^# EOF' "$scratch/m004" && fail "0.0.4 has # EOF" || pass "0.0.4 has no # EOF"

curl -s -H 'Accept: application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5' \
	-D "$scratch/hom" -o "$scratch/mom" "$url"
expect_grep '^Content-Type: application/openmetrics-text; version=1.0.0; charset=utf-8' "$scratch/hom" \
	"OpenMetrics when asked"
[ "$(tail -n 1 "$scratch/mom")" = "# EOF" ] && pass "OpenMetrics ends with # EOF" || fail "no # EOF at the end"
expect_grep '^# UNIT node_cpu_seconds seconds$' "$scratch/mom" "OpenMetrics UNIT"
expect_grep '^# TYPE node_cpu_seconds counter$' "$scratch/mom" "OpenMetrics counter family without _total"
grep -q "$(printf '\r')" "$scratch/mom" && fail "a \\r in OpenMetrics" || pass "no \\r"

promtool_ok "$scratch/m004" "text 0.0.4"
promtool_ok "$scratch/mom" "OpenMetrics" om
if /usr/bin/python3 - "$scratch/m004" "$scratch/mom" >"$scratch/py" 2>&1 <<'PY'
import sys
from prometheus_client.parser import text_string_to_metric_families as text004
from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics
a = sum(len(f.samples) for f in text004(open(sys.argv[1]).read()))
b = sum(len(f.samples) for f in openmetrics(open(sys.argv[2]).read()))
assert a > 20 and b > 20, (a, b)
print(a, b)
PY
then pass "prometheus_client parses both formats ($(cat "$scratch/py") samples)"
else fail "prometheus_client: $(tail -3 "$scratch/py")"; fi
# promtool does not flag a series twice: check that each name and label set is unique.
dups=$(grep -v '^#' "$scratch/m004" | sed 's/ [^ ]*$//' | sort | uniq -d)
[ -z "$dups" ] && pass "every series once" || fail "series twice: $dups"
# Families are contiguous: no HELP twice.
dups=$(grep '^# HELP' "$scratch/m004" | awk '{print $3}' | sort | uniq -d)
[ -z "$dups" ] && pass "every family once" || fail "families split: $dups"

curl -sI "$url" >"$scratch/head"
expect_grep '^HTTP/1.1 200' "$scratch/head" "HEAD /metrics: 200"
expect_grep '^Content-Length: [1-9]' "$scratch/head" "HEAD gives the length"
curl -s -X HEAD -m 5 -o "$scratch/headbody" "$url" 2>/dev/null
[ ! -s "$scratch/headbody" ] && pass "HEAD has no body" || fail "HEAD sent a body"
code=$(curl -s -o "$scratch/404" -w '%{http_code}' "http://127.0.0.1:$bt_port/")
[ "$code" = 404 ] && [ "$(wc -l < "$scratch/404")" -eq 1 ] && grep -q /metrics "$scratch/404" &&
	pass "GET /: 404 with one line pointing to /metrics" || fail "GET /: $code $(cat "$scratch/404")"
for m in POST PUT DELETE; do
	code=$(curl -s -X "$m" -d x -D "$scratch/h405" -o /dev/null -w '%{http_code}' "$url")
	[ "$code" = 405 ] && grep -q '^Allow: GET, HEAD' "$scratch/h405" && pass "$m: 405 with Allow" ||
		fail "$m: $code"
done
curl -s -H 'Accept-Encoding: gzip' -D "$scratch/hgz" -o "$scratch/mgz" "$url"
expect_grep '^Content-Encoding: gzip' "$scratch/hgz" "gzip when asked"
gzip -dc <"$scratch/mgz" | grep -q '^benchtop_build_info' && pass "the gzip body unpacks" || fail "bad gzip body"
curl -s -D "$scratch/hplain" -o /dev/null "$url"
grep -q '^Content-Encoding' "$scratch/hplain" && fail "gzip without asking" || pass "plain without Accept-Encoding"

# ---- abuse ----
if /usr/bin/python3 - "$bt_port" >"$scratch/abuse" 2>&1 <<'PY'
import socket, sys, threading, time, urllib.request
port = int(sys.argv[1])
url = "http://127.0.0.1:%d/metrics" % port
def get():
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.status, r.read()
ok = [0]
lock = threading.Lock()
def one():
    try:
        if get()[0] == 200:
            with lock: ok[0] += 1
    except Exception:
        pass   # over the connection limit: refused, not a crash
threads = [threading.Thread(target=one) for _ in range(200)]
for t in threads: t.start()
for t in threads: t.join()
assert ok[0] >= 32, "only %d of 200 concurrent scrapes answered" % ok[0]
for i in range(1000):
    s, body = get()
    assert s == 200 and body.startswith(b"# HELP"), (i, s)
idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(50)]
time.sleep(1)
# Idle connections are closed after a few seconds, then scrapes get through again.
deadline = time.time() + 30
while True:
    try:
        if get()[0] == 200: break
    except Exception:
        pass
    assert time.time() < deadline, "no scrape answered with 50 idle connections open"
    time.sleep(0.5)
for s in idle: s.close()
print("concurrent ok %d/200, 1000 sequential ok" % ok[0])
PY
then pass "abuse: $(cat "$scratch/abuse")"
else fail "abuse: $(tail -3 "$scratch/abuse")"; fi
curl -s "$url" >"$scratch/after"
expect_grep '^benchtop_sampler_dropped_frames_total 0$' "$scratch/after" "the sampler dropped no frame"
stop_pid "$bt_pid"
[ "$stop_rc" -eq 0 ] && pass "the exporter ends on SIGTERM with 0" || fail "exporter exit $stop_rc: $(cat "$scratch/live.err")"

# ---- the token, and a warning for addresses other than loopback ----
printf 's3cret-token\n' >"$scratch/token"
bt_token=s3cret-token start_benchtop token --listen-token "$scratch/token"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$bt_port/metrics")
[ "$code" = 401 ] && pass "no token: 401" || fail "no token: $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer wrong' "http://127.0.0.1:$bt_port/metrics")
[ "$code" = 401 ] && pass "wrong token: 401" || fail "wrong token: $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer s3cret-token' "http://127.0.0.1:$bt_port/metrics")
[ "$code" = 200 ] && pass "the token: 200" || fail "the token: $code"
stop_pid "$bt_pid"
"$BENCHTOP" -H -d 0.5 --listen :0 >/dev/null 2>"$scratch/any.err"
[ "$(grep -c 'warning: .*open to the network' "$scratch/any.err")" -eq 1 ] && pass "every address: one warning" ||
	fail "no warning for :0: $(cat "$scratch/any.err")"
grep -q warning "$scratch/live.err" && fail "a warning for loopback" || pass "loopback: no warning"

# ---- --textfile: the summary, written whole every time ----
mkdir "$scratch/textfile"
/usr/bin/python3 - "$scratch/textfile/benchtop.prom" "$scratch/stopwatch" >"$scratch/watch" 2>&1 <<'PY' &
import os, sys, time
from prometheus_client.parser import text_string_to_metric_families
path, stop = sys.argv[1], sys.argv[2]
reads = 0
while not os.path.exists(stop):
    try:
        text = open(path).read()
    except FileNotFoundError:
        continue
    assert text.endswith("\n") and "benchtop_build_info" in text, "a partial file: %r" % text[-80:]
    list(text_string_to_metric_families(text))
    reads += 1
print(reads)
PY
watch_pid=$!
started_pids="$started_pids $watch_pid"
expect_exit 0 "run with --textfile" -- "$BENCHTOP" -H --run "$tiny" --textfile "$scratch/textfile" -o "$scratch/rep"
touch "$scratch/stopwatch"
wait "$watch_pid" && pass "the watcher read only whole files ($(cat "$scratch/watch") reads)" ||
	fail "textfile read half-written: $(tail -3 "$scratch/watch")"
prom="$scratch/textfile/benchtop.prom"
expect_grep '^benchtop_test_median\{suite="tiny",test="nap",variant="",unit="s"\} [0-9]' "$prom" "textfile: median"
expect_grep '^benchtop_test_status\{suite="tiny",test="size",variant="n=3",status="pass"\} 1$' "$prom" \
	"textfile: status per variant"
expect_grep '^benchtop_run_exit_status 0$' "$prom" "textfile: exit status"
awk '!/^#/ && NF != 2 {bad=1} END {exit bad}' "$prom" && pass "textfile: no timestamps" || fail "a timestamp in $prom"
promtool check metrics <"$prom" >"$scratch/pt" 2>&1 && pass "textfile: promtool clean" ||
	fail "textfile: promtool: $(cat "$scratch/pt")"
[ "$(ls -A "$scratch/textfile")" = benchtop.prom ] && pass "textfile: no temporary file left" ||
	fail "textfile dir: $(ls -A "$scratch/textfile")"
[ -f "$scratch/rep/"run-*.json ] 2>/dev/null || ls "$scratch/rep/"run-*.json >/dev/null 2>&1 &&
	pass "reports written too" || fail "no reports in $scratch/rep"

# A test cut short by -d is "stopped", and the family's HELP names that status too.
mkdir "$scratch/tf-stop"
expect_exit 0 "a run cut by -d, with --textfile" -- "$BENCHTOP" -H --no-history --no-report \
	-r "$top_srcdir/tests/suites/slow.json" -d 2s --textfile "$scratch/tf-stop"
expect_grep '^benchtop_test_status\{suite="slow",test="nap",variant="",status="stopped"\} 1$' \
	"$scratch/tf-stop/benchtop.prom" "textfile: a stopped test's status"
expect_grep '^# HELP benchtop_test_status .*timeout, skipped, stopped' "$scratch/tf-stop/benchtop.prom" \
	"textfile: HELP lists every status, stopped included"

finish
