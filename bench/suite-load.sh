#!/bin/sh
# bench/suite-load.sh [BINARY] - how long suites take to load, by shape: one 10 MB line, the
# same on many lines, 100,000 tests (the duplicate-name check), a long key over many elements.
# Each suite ends in a duplicate test name, so benchtop loads all of it and exits 2 without
# running anything. Prints wall and CPU seconds and peak memory per shape; asserts nothing.
set -eu
bin=${1:-./src/benchtop}
dir=$(mktemp -d "${TMPDIR:-/tmp}/benchtop-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
def suite(n, pad):
    t = [{"name": "t%d" % i, "kind": "shell", "run": "true " + "x" * pad} for i in range(n)]
    t.append({"name": "t0", "kind": "shell", "run": "true"})
    return {"name": "big", "tests": t}
open(d + "/one-line-10mb.json", "w").write(json.dumps(suite(100000, 40), separators=(",", ":")))
open(d + "/many-lines-10mb.json", "w").write(json.dumps(suite(100000, 40), indent=1))
open(d + "/tests-100k.json", "w").write(json.dumps(suite(99999, 0)))
open(d + "/long-key.json", "w").write('{"tests":[{"name":"t","kind":"shell","run":"true"},{"name":"t","kind":"shell","run":"true"}],"'
    + "k" * 1000000 + '":[' + ",".join(["1"] * 2000000) + "]}")
PY
for f in one-line-10mb many-lines-10mb tests-100k long-key; do
	size=$(stat -c %s "$dir/$f.json")
	/usr/bin/time -f "%e %M %U" -o "$dir/time" "$bin" --headless --no-report -r "$dir/$f.json" >/dev/null 2>&1 || true
	# shellcheck disable=SC2046
	set -- $(tail -n 1 "$dir/time")   # time says "Command exited with non-zero status 2" first
	secs=$1 kb=$2 user=$3
	printf '%-16s %9d bytes  %6.2f s wall  %6.2f s CPU  %7d KiB peak\n' "$f" "$size" "$secs" "$user" "$kb"
done
