#!/bin/sh
# The HTML report in a real browser (headless Chromium): it opens from a file with nothing to
# fetch, its script runs without a console message, every test gets its charts drawn, names
# stay text, and it is photographed at a desktop and a phone size. Set BENCHTOP_SHOTS=DIR to
# keep the screenshots. Needs Debian's chromium: installed when root, else the test is skipped.
. "${top_srcdir}/tests/lib.sh"
if ! command -v chromium >/dev/null 2>&1; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: chromium is not installed and installing it needs root"
		exit 77
	fi
	apt-get -o DPkg::Lock::Timeout=300 install -y chromium >"$scratch/apt.log" 2>&1 ||
		{ echo "SKIP: cannot install chromium: $(tail -2 "$scratch/apt.log")"; exit 77; }
fi
cd "$scratch"
cat > web.json <<'JSON'
{ "name": "web", "defaults": { "warmup": 1, "iterations": 8, "timeout": "30s" },
  "tests": [
    { "name": "<script>alert(1)</script>", "kind": "command", "argv": ["true"] },
    { "name": "nap", "kind": "shell", "run": "sleep ${NAP:-0.01}" },
    { "name": "grid", "kind": "shell", "run": "sleep 0.0{n}", "matrix": { "n": [1, 2] } }
  ] }
JSON
NAP=0.01 "$BENCHTOP" --headless --interval 0.2 --run web.json -o base.json >out 2>&1 || fail "the baseline run: $(tail -3 out)"
NAP=0.25 "$BENCHTOP" --headless --interval 0.2 --run web.json --baseline base.json -o r.html >out 2>&1
[ -s r.html ] && pass "the run wrote r.html" || { fail "no r.html: $(tail -3 out)"; finish; }

# Static: text escaped, nothing fetched.
grep -q '<script>alert' r.html && fail "a test's name reached the page as markup" || pass "a name like <script> is escaped"
expect_grep '&lt;script&gt;alert\(1\)&lt;/script&gt;' r.html "and it is shown as text"
grep -Eiq '(src|href)=["'"'"']?(https?:)?//|@import|url\(' r.html && fail "the page refers to something outside it" \
	|| pass "the page needs nothing from outside"
[ "$(grep -c '<script' r.html)" -eq 1 ] && pass "one inline script (the table's sorting)" || fail "scripts: $(grep -c '<script' r.html)"

chrome() {
	rm -rf "$scratch/profile"
	timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
		--user-data-dir="$scratch/profile" --enable-logging=stderr --v=0 "$@" "file://$scratch/r.html"
}

# The page as the browser built it: the script ran (it marks the body) and drew no console line.
chrome --dump-dom >dom.html 2>chrome.err
expect_grep '<body data-ready="1"' dom.html "the page's script ran to its end"
if grep ':CONSOLE' chrome.err >console.txt; then fail "console messages: $(head -3 console.txt)"; else pass "no console message"; fi
# Per test: its distribution and its iterations, two <svg> with dots in them.
awk 'BEGIN { RS = "<article" } NR > 1 { n = gsub(/<svg/, "&"); d = gsub(/class="dot"/, "&");
	print (n >= 2 && d >= 8) ? "drawn" : "missing" }' dom.html >charts.txt
[ "$(grep -c drawn charts.txt)" -eq 4 ] && pass "each of the 4 tests has its two charts with their dots" \
	|| fail "charts per test: $(tr '\n' ' ' < charts.txt)"
expect_grep 'class="chart means"' dom.html "the means per suite are charted"
expect_grep 'class="chart base"' dom.html "the baseline comparison is charted"
expect_grep 'class="bar worse"' dom.html "the 25x slower nap is a red regression"
expect_grep 'class="chart time"' dom.html "the run's timeline is charted"
expect_grep '<table id="results"' dom.html "the results table is there"

# Photographs at a desktop and a phone size.
for size in 1200,900 390,844; do
	chrome --window-size="$size" --screenshot="$scratch/shot-$size.png" >/dev/null 2>&1
	bytes=$(wc -c < "shot-$size.png" 2>/dev/null || echo 0)
	[ "$bytes" -gt 20000 ] && pass "a screenshot at $size ($bytes bytes)" || fail "screenshot at $size: $bytes bytes"
	[ -n "${BENCHTOP_SHOTS:-}" ] && mkdir -p "$BENCHTOP_SHOTS" && cp "shot-$size.png" r.html "$BENCHTOP_SHOTS/"
done
finish
