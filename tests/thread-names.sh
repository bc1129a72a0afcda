#!/bin/sh
# Every thread but the main one has a name of its own (sampler, stress-cpu/1, control ...), so
# top -H and debuggers tell them apart; none is left with the program's name.
. "${top_srcdir}/tests/lib.sh"
[ -d /proc/self/task ] || { echo "no /proc/PID/task here"; exit 77; }

"$BENCHTOP" --headless --no-history --no-report -d 5 --cpu 1 --cpu-load 10 \
	--vm 1 --vm-bytes 4M --hdd 1 --hdd-bytes 4M --hdd-dir "$scratch" >"$scratch/out" 2>"$scratch/err" &
pid=$!
# The control socket is the last thing set up before the run goes on.
i=0; while [ ! -S "$XDG_RUNTIME_DIR/benchtop/$pid.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
names=
for t in /proc/"$pid"/task/*; do
	[ "${t##*/}" = "$pid" ] && continue
	names="$names $(cat "$t/comm" 2>/dev/null)"
done
for want in sampler stress-cpu/1 stress-vm/1 stress-hdd/1 control; do
	case " $names " in *" $want "*) pass "a thread is named $want" ;; *) fail "no $want thread in:$names" ;; esac
done
# ThreadSanitizer's runtime starts a thread of its own, which keeps the program's name.
allowed=0
grep -qa __tsan_init "$BENCHTOP" && allowed=1
unnamed=$(printf '%s\n' $names | grep -cx benchtop)
[ "$unnamed" -le "$allowed" ] && pass "no thread but the main one is named benchtop" \
	|| fail "a thread still has the program's name:$names"
kill -TERM "$pid"; wait "$pid"
finish
