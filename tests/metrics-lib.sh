# metrics-lib.sh - shared by the metrics tests: packages installed on demand, benchtop and real
# Prometheus servers started on loopback with free ports, and everything stopped on exit.
. "${top_srcdir}/tests/lib.sh"

started_pids=
policy_made=
metrics_cleanup() {
	stop_instances
	for p in $started_pids; do
		kill "$p" 2>/dev/null
	done
	for p in $started_pids; do
		wait "$p" 2>/dev/null
	done
	[ -n "$policy_made" ] && rm -f /usr/sbin/policy-rc.d
	rm -rf "$scratch"
}
trap metrics_cleanup EXIT

# need_packages PKG...: installs what is missing when root (waiting for the dpkg lock), and
# keeps the services the packages ship from starting; without root, skips (77) saying why.
need_packages() {
	missing=
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
		echo "SKIP: needs the Debian packages$missing (run the tests as root to install them)"
		exit 77
	fi
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		# Packages such as prometheus start a service on install: not on a test machine.
		printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy_made=1
	fi
	echo "installing$missing"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends \
		$missing >"$scratch/apt.log" 2>&1 ||
		{ apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null 2>&1 &&
		  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
			--no-install-recommends $missing >"$scratch/apt.log" 2>&1; } ||
		{ echo "SKIP: could not install$missing: $(tail -3 "$scratch/apt.log")"; exit 77; }
	[ -n "$policy_made" ] && rm -f /usr/sbin/policy-rc.d && policy_made=
	# Where systemd runs, a service the package enabled and started anyway is stopped again.
	if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
		for s in prometheus prometheus-pushgateway; do
			systemctl is-active --quiet "$s" 2>/dev/null && systemctl stop "$s" && systemctl disable --quiet "$s"
		done
	fi
	return 0
}

# free_port: a port nobody listens on now.
free_port() {
	/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_url URL SECONDS: 0 once URL answers 200.
wait_url() {
	i=0
	while [ "$i" -lt $(($2 * 10)) ]; do
		curl -sf -o /dev/null "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# start_benchtop NAME ARGS...: benchtop -H --listen 0 ARGS in the background; sets bt_pid and
# bt_port from the address it prints, or fails the test. bt_token: the token to scrape with.
start_benchtop() {
	name=$1; shift
	"$BENCHTOP" -H --listen 0 "$@" >"$scratch/$name.out" 2>"$scratch/$name.err" &
	bt_pid=$!
	started_pids="$started_pids $bt_pid"
	bt_port=
	i=0
	while [ -z "$bt_port" ] && [ "$i" -lt 200 ]; do
		bt_port=$(sed -n 's|^benchtop: metrics at http://127.0.0.1:\([0-9]*\)/metrics$|\1|p' "$scratch/$name.err")
		[ -n "$bt_port" ] || sleep 0.1
		i=$((i + 1))
	done
	if [ -z "$bt_port" ]; then
		fail "$name: no port printed: $(cat "$scratch/$name.err")"
		finish
	fi
	# The first sample is due one interval after start.
	i=0
	while ! curl -s ${bt_token:+-H "Authorization: Bearer $bt_token"} "http://127.0.0.1:$bt_port/metrics" | grep -q '^benchtop_sampler_samples_total [1-9]'; do
		i=$((i + 1))
		[ "$i" -lt 200 ] || { fail "$name: no sample after 20 s"; finish; }
		sleep 0.1
	done
}

# stop_pid PID: SIGTERM, wait; the exit status in stop_rc.
stop_pid() {
	kill -TERM "$1" 2>/dev/null
	wait "$1"
	stop_rc=$?
}

# promtool_ok FILE WHAT [om]: promtool check metrics passes, apart from what node_exporter's own names
# draw (node_memory_MemAvailable_bytes is camelCase on purpose) and, on OpenMetrics, "no help
# text" for counters, whose OpenMetrics family name lacks the _total that promtool looks for.
promtool_ok() {
	promtool check metrics <"$1" >"$scratch/promtool.out" 2>&1
	rc=$?
	allowed_om='^$'
	[ "${3:-}" = om ] && allowed_om='^[a-z_]*_total no help text$'
	other=$(grep -v -e "^node_memory_[A-Za-z]*_bytes metric names should be written in 'snake_case' not 'camelCase'$" \
		-e "$allowed_om" "$scratch/promtool.out")
	if [ "$rc" -eq 0 ] || { [ "$rc" -eq 3 ] && [ -z "$other" ]; }; then
		pass "promtool check metrics: $2"
	else
		fail "promtool check metrics: $2: exit $rc: $(head -5 "$scratch/promtool.out")"
	fi
}
