#!/bin/sh
# The trend page in a real browser: headless Chromium opens it without a console error and its
# screenshot shows one chart per test. Chromium is installed when root, else the test is skipped.
. "${top_srcdir}/tests/lib.sh"
cd "$scratch"

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ] && [ "$(id -u)" -eq 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends \
		chromium >/dev/null 2>&1
	chromium=$(command -v chromium || true)
fi
if [ -z "$chromium" ] || [ ! -x /usr/bin/python3 ]; then
	echo "skip: needs chromium and /usr/bin/python3 (run as root to install chromium)"
	exit 77
fi

# Three tests over 12 runs, one with a step, from report files.
i=1
while [ $i -le 12 ]; do
	v=$(awk -v i=$i 'BEGIN { printf "%.4f", (i > 6 ? 1.2 : 1) + (i % 3) / 100 }')
	cat >"r$i.json" <<JSON
{"schema":1,"started_unix":$((1700000000 + i * 86400)),"system":{"hostname":"h","cpu_model":"c"},"tests":[
 {"suite":"page","name":"step <&>","unit":"s","better":"lower","status":"pass","samples":[$v,$v,$v]},
 {"suite":"page","name":"flat","unit":"s","better":"lower","status":"pass","samples":[1,1.01,0.99]},
 {"suite":"page","name":"rate","variant":{"n":2},"unit":"op/s","better":"higher","status":"pass","samples":[5,$v,5]}]}
JSON
	i=$((i + 1))
done
"$BENCHTOP" history --history-db h.db import r*.json >/dev/null || fail "import"
expect_exit 0 "trend -o page.html" -- "$BENCHTOP" trend --history-db h.db -o page.html

sandbox=
[ "$(id -u)" -eq 0 ] && sandbox=--no-sandbox   # Chromium refuses to run as root with its sandbox
run_chromium() {
	timeout 120 "$chromium" --headless $sandbox --disable-gpu --no-first-run --hide-scrollbars \
		--enable-logging=stderr --v=0 --window-size=1280,2400 "$@" "file://$scratch/page.html"
}
run_chromium --screenshot="$scratch/shot.png" >chromium.out 2>chromium.err
[ -s shot.png ] && pass "Chromium took a screenshot" || fail "no screenshot: $(tail -5 chromium.err)"
if grep -i 'CONSOLE\|Refused to\|Uncaught' chromium.err >console.txt; then
	fail "console messages: $(head -5 console.txt)"
else
	pass "no console error or refused load"
fi
run_chromium --dump-dom >dom.html 2>/dev/null
[ "$(grep -o '<svg class="chart"' dom.html | wc -l)" -eq 3 ] && pass "the DOM has three charts" \
	|| fail "charts in the DOM: $(grep -o '<svg class="chart"' dom.html | wc -l)"
grep -q 'step &lt;&amp;&gt;' dom.html && pass "names are escaped" || fail "the test name was not escaped"
bands=$(/usr/bin/python3 "$top_srcdir/tests/png-bands.py" shot.png dddddd 3465a4)
[ "$bands" = 3 ] && pass "the screenshot shows three charts" || fail "charts drawn: $bands"
finish
