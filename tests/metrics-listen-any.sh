#!/bin/sh
# --listen :PORT serves every address, IPv6 and IPv4 alike (one dual-stack socket), and prints
# a URL others can use, not 0.0.0.0.
. "${top_srcdir}/tests/metrics-lib.sh"
need_packages curl
"$BENCHTOP" -H --no-history -d 20 --listen :0 --log /dev/null >"$scratch/any.out" 2>"$scratch/any.err" &
pid=$!
started_pids="$started_pids $pid"
port=
i=0; while [ -z "$port" ] && [ $i -lt 100 ]; do
	port=$(sed -n 's|^benchtop: metrics at http://[^/]*:\([0-9]*\)/metrics$|\1|p' "$scratch/any.err"); [ -n "$port" ] || sleep 0.1
	i=$((i + 1))
done
[ -n "$port" ] && pass "a URL is printed ($(head -1 "$scratch/any.err"))" || { fail "no URL: $(cat "$scratch/any.err")"; finish; }
grep -q '0\.0\.0\.0' "$scratch/any.err" && fail "the URL names 0.0.0.0" || pass "the URL does not name 0.0.0.0"
wait_url "http://127.0.0.1:$port/metrics" 20 && pass "IPv4 loopback is served" || fail "no answer on 127.0.0.1:$port"
if [ -e /proc/net/if_inet6 ] && grep -q ' lo$' /proc/net/if_inet6; then
	wait_url "http://[::1]:$port/metrics" 5 && pass "IPv6 loopback is served" || fail "no answer on [::1]:$port"
else
	echo "no IPv6 loopback here: the IPv6 half is not tried"
fi
stop_pid "$pid"
finish
