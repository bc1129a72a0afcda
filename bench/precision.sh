#!/bin/sh
# bench/precision.sh [BINARY] - how long "precision": "1%" measures to know a mean within
# ±1 % at 95 %, on three commands of different noise, next to hyperfine's default run of the
# same commands (at least 10 runs and 3 s) and the precision hyperfine's runs reached.
# Prints figures, asserts nothing. Installs Debian's hyperfine when run as root.
set -u
bin=${1:-${BUILDDIR:-.}/src/benchtop}
[ -x "$bin" ] || { echo "no benchtop at $bin (build first, or give its path)" >&2; exit 1; }
py=/usr/bin/python3
[ -x "$py" ] || { echo "needs /usr/bin/python3" >&2; exit 1; }
if ! command -v hyperfine >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	apt-get -o DPkg::Lock::Timeout=300 install -y hyperfine >/dev/null 2>&1 || echo "could not install hyperfine" >&2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/benchtop-precision.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# name | shell line
cat > "$tmp/commands" <<'C'
steady|sleep 0.02
cpu|i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done
dice|sleep 0.0$(( $(od -An -N1 -tu1 /dev/urandom) % 5 + 2 ))
C

printf '%-7s %9s %6s %9s %-15s | %9s %6s %9s\n' command "bt s" "bt n" "bt ±" "stopped by" "hf s" "hf n" "hf ±"
while IFS='|' read -r name line; do
	"$py" - "$tmp/s.json" "$name" "$line" <<'P'
import json, sys
json.dump({"name": "precision", "defaults": {"warmup": 1, "precision": "1%", "max_iterations": 1000,
           "max_time": "120s", "timeout": "10s"},
           "tests": [{"name": sys.argv[2], "kind": "shell", "run": sys.argv[3]}]}, open(sys.argv[1], "w"))
P
	rm -rf "$tmp/out"
	"$bin" --headless --log /dev/null --run "$tmp/s.json" -o "$tmp/out/" >/dev/null 2>&1
	hf=
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine --style none --export-json "$tmp/hf.json" "$line" >/dev/null 2>&1 && hf="$tmp/hf.json"
	fi
	"$py" - "$tmp/out" "$name" "$hf" <<'P'
import glob, json, math, sys
def half(x):
    # the 95 % Student-t half-width over the mean, as benchtop computes it
    n = len(x); m = sum(x) / n
    sd = math.sqrt(sum((v - m) ** 2 for v in x) / (n - 1))
    t = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}
    q = t.get(n - 1, 1.96 + 2.4 / (n - 1))   # close to the quantile for n - 1 >= 10
    return q * sd / math.sqrt(n) / m
r = json.load(open(glob.glob(sys.argv[1] + "/run-*.json")[0]))["tests"][0]
bt_s = sum(v for v in r["wall_s"] if v is not None)
row = "%-7s %9.2f %6d %8.2f%% %-15s |" % (sys.argv[2], bt_s, r["stats"]["n"], 100 * r["precision"]["reached"],
                                         r["stopped_by"])
if sys.argv[3]:
    h = json.load(open(sys.argv[3]))["results"][0]["times"]
    row += " %9.2f %6d %8.2f%%" % (sum(h), len(h), 100 * half(h))
else:
    row += " %9s %6s %9s" % ("-", "-", "-")
print(row)
P
done < "$tmp/commands"
echo
echo "bt s: seconds benchtop spent in measured iterations to reach ±1 % (or its cap); hf s: hyperfine's"
echo "default run (10 runs, at least 3 s) of the same line through /bin/sh, and the ± its runs give."
