#!/usr/bin/env bash
# bench/metrics.sh - what /metrics costs: CPU time per scrape and median/p99 latency over
# 1,000 scrapes with 4 GPUs' worth of series (the fake NVML's two and the amdgpu fixture's
# two), then the run's own CPU and the sampler's jitter at 1 scrape/s against none.
# Targets: < 200 us of CPU per scrape, p99 < 5 ms, no measurable change in sampler jitter.
# CPU is read from /proc/PID/stat; latency is measured by a client on one kept-alive
# connection, as Prometheus scrapes. Usage: bench/metrics.sh [BINARY]  (SHORT=1: shorter)
set -euo pipefail
bin=${1:-src/benchtop}
[ -x "$bin" ] || { echo "build first: $bin not found" >&2; exit 2; }
[ -f tests/libnvidia-ml-fake.so ] || make -s tests/libnvidia-ml-fake.so
scale=1; [ -n "${SHORT:-}" ] && scale=3
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tmp=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export BENCHTOP_NVML_LIB=$PWD/tests/libnvidia-ml-fake.so BENCHTOP_SYSFS_ROOT=$PWD/tests/fixtures/sysfs-amdgpu

start() {  # start LOG: a headless exporter logging JSON Lines to LOG; sets pid and port
	"$bin" -H --listen 0 --format jsonl --log "$1" 2>"$tmp/err" &
	pid=$!
	port=
	while [ -z "$port" ]; do sleep 0.1; port=$(sed -n 's|.*127.0.0.1:\([0-9]*\)/metrics|\1|p' "$tmp/err"); done
	sleep 2
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

echo "benchtop /metrics cost ($(nproc) cores, $(uname -r); CPU resolution 1/$hz s)"
start /dev/null
series=$(curl -s "http://127.0.0.1:$port/metrics" | grep -vc '^#')
gpus=$(curl -s "http://127.0.0.1:$port/metrics" | grep -c '^benchtop_gpu_info')
# Idle cost first, over as long as the scrapes will take, then the scrapes.
idle_s=$((10 / scale)); a=$(ticks "$pid"); sleep "$idle_s"; b=$(ticks "$pid")
a2=$(ticks "$pid")
/usr/bin/python3 - "$port" >"$tmp/lat" <<'PY'
import http.client, sys, time
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
t = []
start = time.monotonic()
for _ in range(1000):
    t0 = time.perf_counter()
    c.request("GET", "/metrics")
    r = c.getresponse(); r.read()
    t.append(time.perf_counter() - t0)
wall = time.monotonic() - start
t.sort()
print("%.3f %.3f %.3f" % (1e3 * t[len(t) // 2], 1e3 * t[int(len(t) * 0.99) - 1], wall))
PY
b2=$(ticks "$pid")
stop
read -r med p99 wall <"$tmp/lat"
awk -v a="$a" -v b="$b" -v d="$idle_s" -v a2="$a2" -v b2="$b2" -v w="$wall" -v hz="$hz" \
	-v med="$med" -v p99="$p99" -v series="$series" -v gpus="$gpus" 'BEGIN{
	idle = (b - a) / hz / d; busy = (b2 - a2) / hz - idle * w
	printf "1000 scrapes of %d series (%d GPUs): %.0f us CPU per scrape, latency median %.2f ms, p99 %.2f ms\n",
		series, gpus, 1e6 * busy / 1000, med, p99 }'

# The run at 1 scrape/s against none: CPU, and the spread of the sampler's intervals.
window() {  # window SCRAPE(0|1) SECONDS
	start "$tmp/log.jsonl"
	local a b end
	a=$(ticks "$pid"); end=$((SECONDS + $2))
	while [ "$SECONDS" -lt "$end" ]; do
		[ "$1" -eq 1 ] && curl -s -o /dev/null "http://127.0.0.1:$port/metrics"
		sleep 1
	done
	b=$(ticks "$pid")
	stop
	/usr/bin/python3 - "$tmp/log.jsonl" "$1" "$(( (b - a) ))" "$hz" "$2" <<'PY'
import json, statistics, sys
ts = [json.loads(l)["t"] for l in open(sys.argv[1]) if l.startswith("{")][2:]
d = [b - a for a, b in zip(ts, ts[1:])]
cpu = int(sys.argv[3]) / int(sys.argv[4])
print("%-14s %3s s: CPU %.2f s = %.3f %% of one core; sampler interval %.4f s, stdev %.2f ms, max %.2f ms late" % (
    "1 scrape/s" if sys.argv[2] == "1" else "no scrapes", sys.argv[5], cpu, 100 * cpu / float(sys.argv[5]),
    statistics.mean(d), 1e3 * statistics.stdev(d), 1e3 * (max(d) - 1)))
PY
	rm -f "$tmp/log.jsonl"
}
window 0 $((60 / scale))
window 1 $((60 / scale))
