#!/bin/sh
# A real Pushgateway (Debian's) on loopback: a finished --run with --push appears under its
# grouping key (a suite name with '/' goes as @base64); a gateway that answers an error or is
# gone leaves the reports written, one line saying why, and exit status 1.
. "${top_srcdir}/tests/metrics-lib.sh"
need_packages curl prometheus-pushgateway
gport=$(free_port)
prometheus-pushgateway --web.listen-address="127.0.0.1:$gport" --persistence.file="" \
	>"$scratch/gateway.log" 2>&1 &
gw_pid=$!
started_pids="$started_pids $gw_pid"
gw="http://127.0.0.1:$gport"
wait_url "$gw/-/ready" 60 && pass "Pushgateway ready on port $gport" ||
	{ fail "the Pushgateway did not start: $(tail -5 "$scratch/gateway.log")"; finish; }
host=$(hostname)

sed 's/"name": "tiny"/"name": "ci\/nightly"/' "$top_srcdir/tests/suites/tiny.json" >"$scratch/slash.json"
expect_exit 0 "--run tiny --run ci/nightly --push" -- "$BENCHTOP" -H --run "$top_srcdir/tests/suites/tiny.json" \
	--run "$scratch/slash.json" --push "$gw/" -o "$scratch/rep1"
expect_grep "^pushed: suite tiny to " "$scratch/out" "says what it pushed"
curl -s "$gw/metrics" >"$scratch/gw"
expect_grep "^benchtop_test_median\{instance=\"$host\",job=\"benchtop\",suite=\"tiny\",test=\"nap\",unit=\"s\",variant=\"\"\} [0-9]" \
	"$scratch/gw" "the gateway has the median under job, instance and suite"
expect_grep "^benchtop_test_status\{instance=\"$host\",job=\"benchtop\",status=\"pass\",suite=\"tiny\",test=\"size\",variant=\"n=2\"\} 1" \
	"$scratch/gw" "the gateway has each variant's status"
expect_grep "^benchtop_run_exit_status\{instance=\"$host\",job=\"benchtop\",suite=\"tiny\"\} 0" "$scratch/gw" \
	"the gateway has the run's exit status"
expect_grep "^benchtop_run_duration_seconds\{instance=\"$host\",job=\"benchtop\",suite=\"tiny\"\} [0-9]" "$scratch/gw" \
	"the gateway has the run's duration"
expect_grep "^push_time_seconds\{instance=\"$host\",job=\"benchtop\",suite=\"ci/nightly\"\} " "$scratch/gw" \
	"a suite name with '/' arrives whole"
grep -q 'suite="tiny",test="nap"' "$scratch/gw" && ! grep -q 'suite="ci/nightly",test="nap"' "$scratch/gw" &&
	fail "suites mixed" || pass "each suite's group has its own tests"

# The gateway answers an error (a path it does not serve): told at once, reports kept.
expect_exit 1 "a gateway answering 404" -- "$BENCHTOP" -H --run "$top_srcdir/tests/suites/tiny.json" \
	--push "$gw/no/such/place" -o "$scratch/rep2"
[ "$(grep -c 'push' "$scratch/err")" -eq 1 ] && expect_grep '^benchtop: --push: not pushed: .*HTTP 404' "$scratch/err" \
	"one line with the gateway's answer" || fail "push error lines: $(cat "$scratch/err")"
ls "$scratch/rep2/"run-*.json >/dev/null 2>&1 && pass "reports written despite the failed push" || fail "no reports"

# The gateway gone: retried for 30 s, then one line; the reports are there; exit 1.
stop_pid "$gw_pid"
start=$(date +%s)
expect_exit 1 "a gateway that is gone" -- "$BENCHTOP" -H --run "$top_srcdir/tests/suites/tiny.json" \
	--push "$gw" -o "$scratch/rep3"
took=$(($(date +%s) - start))
[ "$(grep -c 'push' "$scratch/err")" -eq 1 ] && expect_grep "^benchtop: --push: not pushed: suite tiny: $gw/metrics/job/benchtop/.*tries in 3[0-9] s" \
	"$scratch/err" "one line naming the URL, the reason and the tries" || fail "push error lines: $(cat "$scratch/err")"
[ "$took" -ge 29 ] && [ "$took" -le 90 ] && pass "gave up after retrying ($took s)" || fail "took $took s"
ls "$scratch/rep3/"run-*.json "$scratch/rep3/"run-*.journal.jsonl >/dev/null 2>&1 &&
	pass "reports and journal written before the push" || fail "no reports in rep3"
grep -q '^reports: ' "$scratch/out" && pass "the reports' place is printed" || fail "no reports line"
finish
