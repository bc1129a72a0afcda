#!/bin/sh
# Twenty viewers come and go while a suite runs (some leave, some are killed with -9, one
# never reads at all): the run does not notice. Its results and journal are whole.
. "${top_srcdir}/tests/lib.sh"

XDG_RUNTIME_DIR="$scratch/rt"; export XDG_RUNTIME_DIR
mkdir -m 700 "$XDG_RUNTIME_DIR"
rt="$XDG_RUNTIME_DIR/benchtop"
# The last test waits for the gate, which opens after the twentieth viewer: however slow the
# machine (or a sanitizer), the viewers come and go while the suite runs.
cat >"$scratch/suite.json" <<SUITE
{ "name": "loop", "defaults": { "warmup": 0, "iterations": 300, "timeout": "10s" },
  "tests": [ { "name": "nap", "kind": "shell", "run": "sleep 0.05" },
             { "name": "true", "kind": "command", "argv": ["true"] },
             { "name": "gate", "kind": "shell", "run": "while [ ! -e '$scratch/gate' ]; do sleep 0.05; done",
               "iterations": 1, "timeout": "600s" } ] }
SUITE
id=$("$BENCHTOP" --detach --interval 0.05 -r "$scratch/suite.json" -o "$scratch/rep" 2>"$scratch/detach.err")
[ -n "$id" ] || { fail "no id: $(cat "$scratch/detach.err")"; finish; }

# One that asks to attach and then never reads a byte.
/usr/bin/python3 - "$rt/$id.sock" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
s.sendall(b'{"protocol":1,"command":"attach"}\n')
time.sleep(600)
PY
stuck=$!

left=0 killed=0 i=0
while [ $i -lt 20 ] && kill -0 "$id" 2>/dev/null; do
	"$BENCHTOP" attach --headless "$id" >"$scratch/v$i.out" 2>"$scratch/v$i.err" &
	v=$!
	k=0; while ! grep -q "^benchtop: attached" "$scratch/v$i.out" && kill -0 "$v" 2>/dev/null && [ $k -lt 300 ]; do
		sleep 0.05; k=$((k + 1))
	done
	sleep 0.$((1 + i % 5))
	if [ $((i % 3)) -eq 0 ]; then
		kill -9 "$v"; killed=$((killed + 1))
	else
		kill -TERM "$v"; left=$((left + 1))
	fi
	wait "$v" 2>/dev/null
	i=$((i + 1))
done
touch "$scratch/gate"
[ $i -eq 20 ] && pass "20 viewers came and went ($left left, $killed killed -9)" || fail "the run ended after $i viewers"
clean=0
for f in "$scratch"/v*.out; do
	n=${f##*/v}; n=${n%.out}
	[ $((n % 3)) -eq 0 ] && continue
	if grep -q "^benchtop: left instance $id" "$f"; then
		clean=$((clean + 1))
	else
		fail "viewer $n did not leave cleanly: $(cat "$f" "$scratch/v$n.err")"
	fi
done
[ $clean -eq $left ] && pass "all $clean viewers sent SIGTERM left cleanly" || fail "only $clean of $left left cleanly"
i=0; while kill -0 "$id" 2>/dev/null && [ $i -lt 1200 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 "$id" 2>/dev/null && fail "the run did not end with its suite" || pass "the run ended with its suite"
kill "$stuck" 2>/dev/null; wait "$stuck" 2>/dev/null
report=$(ls "$scratch"/rep/run-*.json 2>/dev/null | head -1)
[ -n "$report" ] && pass "its report is written" || { fail "no report"; finish; }
n=$(grep -c '"type":"iteration"' "$scratch"/rep/run-*.journal.jsonl)
[ "$n" -eq 601 ] && pass "the journal holds every iteration (601)" || fail "the journal holds $n iterations, not 601"
/usr/bin/python3 - "$report" <<'PY' && pass "every test passed with all its samples" || fail "the results are not whole"
import json, sys
r = json.load(open(sys.argv[1]))
tests = r["tests"]
want = {"nap": 300, "true": 300, "gate": 1}
ok = len(tests) == 3 and all(t["status"] == "pass" and len(t["samples"]) == want[t["name"]] for t in tests)
sys.exit(0 if ok else 1)
PY
# the run's end is kept (ls lists it, attach tells it); no socket is left
[ -z "$(ls -A "$rt" | grep -v '\.ended$')" ] && pass "no socket is left in the runtime directory" \
	|| fail "left in $rt: $(ls -A "$rt")"
finish
