#!/bin/sh
# A real Prometheus (Debian's) on loopback scrapes benchtop every second while a CPU stressor
# runs at 40 %: its HTTP API gives back the stressor's target, the idle CPU seconds' rate that
# benchtop's own busy figures imply, and the target's health "up"; a second exporter behind
# --listen-token is scraped with Prometheus' credentials_file, and refused with a wrong one.
. "${top_srcdir}/tests/metrics-lib.sh"
need_packages curl prometheus python3

start_benchtop live --cpu 1 --cpu-load 40 -i 0.5
live_port=$bt_port live_pid=$bt_pid
# A second exporter behind --listen-token, scraped with Prometheus' credentials_file, and once
# more with a wrong token.
printf 'prom-secret-%s\n' "$$" >"$scratch/token"
printf 'not-the-token\n' >"$scratch/wrong-token"
bt_token=$(cat "$scratch/token")
start_benchtop token -i 0.5 --listen-token "$scratch/token"
token_port=$bt_port token_pid=$bt_pid
bt_token= bt_port=$live_port bt_pid=$live_pid
pport=$(free_port)
mkdir "$scratch/tsdb"
cat >"$scratch/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: benchtop
    static_configs:
      - targets: ["127.0.0.1:$bt_port"]
  - job_name: benchtop-token
    authorization:
      credentials_file: $scratch/token
    static_configs:
      - targets: ["127.0.0.1:$token_port"]
  - job_name: benchtop-wrong-token
    authorization:
      credentials_file: $scratch/wrong-token
    static_configs:
      - targets: ["127.0.0.1:$token_port"]
YML
prometheus --config.file="$scratch/prometheus.yml" --storage.tsdb.path="$scratch/tsdb" \
	--web.listen-address="127.0.0.1:$pport" >"$scratch/prometheus.log" 2>&1 &
prom_pid=$!
started_pids="$started_pids $prom_pid"
api="http://127.0.0.1:$pport/api/v1"
wait_url "http://127.0.0.1:$pport/-/ready" 60 && pass "Prometheus ready on port $pport" ||
	{ fail "Prometheus did not start: $(tail -5 "$scratch/prometheus.log")"; finish; }

# query EXPR: the first result's value, or nothing.
query() {
	curl -s --data-urlencode "query=$1" "$api/query" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
r = d.get("data", {}).get("result", [])
print(r[0]["value"][1] if r else "")'
}
# wait_query EXPR SECONDS: waits until EXPR has a result; prints it.
wait_query() {
	i=0
	while [ "$i" -lt "$2" ]; do
		v=$(query "$1")
		[ -n "$v" ] && { echo "$v"; return 0; }
		sleep 1
		i=$((i + 1))
	done
	return 1
}

up=$(wait_query 'up{job="benchtop"} == 1' 60) && pass "the target is up" || fail "up: $(query 'up')"
target=$(wait_query 'benchtop_stress_target_load_ratio{job="benchtop",stressor="cpu"}' 30)
[ "$target" = 0.4 ] && pass "benchtop_stress_target_load_ratio through Prometheus: $target" ||
	fail "benchtop_stress_target_load_ratio: '$target'"
health=$(curl -s "$api/targets" | /usr/bin/python3 -c '
import json, sys
print([t for t in json.load(sys.stdin)["data"]["activeTargets"] if t["labels"]["job"] == "benchtop"][0]["health"])')
[ "$health" = up ] && pass "targets API: health up" || fail "targets API: health '$health'"
wait_query 'up{job="benchtop-token"} == 1' 30 >/dev/null &&
	pass "--listen-token: scraped with Prometheus' credentials_file" || fail "token job: $(query 'up{job="benchtop-token"}')"
wait_query 'up{job="benchtop-wrong-token"} == 0' 30 >/dev/null && pass "--listen-token: a wrong token is refused" ||
	fail "wrong token job: '$(query 'up{job="benchtop-wrong-token"}')'"
curl -s "$api/targets" | /usr/bin/python3 -c '
import json, sys
t = [t for t in json.load(sys.stdin)["data"]["activeTargets"] if t["labels"]["job"] == "benchtop-wrong-token"][0]
sys.exit("401" not in t["lastError"])' && pass "and Prometheus says 401" || fail "wrong token: no 401 in Prometheus' last error"

# Idle CPU seconds per second, summed over CPUs, against benchtop's own busy ratios: the same
# figure through the counter and through the gauges, over the same window.
sleep 7
idle=$(wait_query 'sum(rate(node_cpu_seconds_total{job="benchtop",mode=~"idle|iowait"}[5s]))' 20)
implied=$(query 'sum(1 - avg_over_time(benchtop_cpu_busy_ratio{job="benchtop"}[5s]))')
ncpu=$(query 'count(rate(node_cpu_seconds_total{job="benchtop",mode="idle"}[5s]))')
# node_exporter's meaning: every mode of a CPU together counts one second per second
all=$(query 'sum(rate(node_cpu_seconds_total{job="benchtop"}[5s]))')
nmodes=$(query 'count(count by (mode) (node_cpu_seconds_total{job="benchtop"}))')
/usr/bin/python3 -c "import sys; a, n = float('$all'), float('$ncpu'); sys.exit(not (abs(a - n) <= 0.15 * n + 0.2))" 2>/dev/null &&
	pass "every mode summed: $all CPU seconds per second on $ncpu CPUs" || fail "modes summed: '$all' on '$ncpu' CPUs"
[ "$nmodes" = 8 ] && pass "node_cpu_seconds_total has the 8 modes" || fail "modes: '$nmodes'"
if /usr/bin/python3 -c "import sys; a, b, n = float('$idle'), float('$implied'), float('$ncpu'); sys.exit(not (0 <= a <= n + 0.2 and abs(a - b) <= 0.35))" 2>/dev/null
then pass "rate(node_cpu_seconds_total[5s]) = $idle idle CPUs, benchtop's gauges say $implied ($ncpu CPUs)"
else fail "rate(node_cpu_seconds_total[5s]): '$idle' idle CPUs, benchtop's gauges '$implied' ($ncpu CPUs)"; fi
achieved=$(query 'benchtop_stress_achieved_load_ratio{job="benchtop",stressor="cpu"}')
/usr/bin/python3 -c "import sys; sys.exit(not (0.05 <= float('$achieved') <= 0.8))" 2>/dev/null &&
	pass "achieved load through Prometheus: $achieved" || fail "achieved load: '$achieved'"

stop_pid "$prom_pid"
stop_pid "$token_pid"
stop_pid "$bt_pid"
[ "$stop_rc" -eq 0 ] && pass "benchtop ends with 0" || fail "benchtop exit $stop_rc"
finish
