#!/bin/sh
# The words options and suite fields take are read in any case, everywhere alike, as units are:
# "all", "Int", "JSONL", "Shuffled", "AUTO", "SEQ" ("FP64" and GPU UUIDs always were).
# Names stay exact: fields, kinds, tests and suites.
. "${top_srcdir}/tests/lib.sh"
cd "$scratch"

run() {  # run NAME ARGS...: a short headless run that exits 0
	name=$1; shift
	expect_exit 0 "$name" -- "$BENCHTOP" --headless --no-history --no-report -d 0.3 "$@"
}
run "--format JSONL" --format JSONL
expect_grep '^\{' "$scratch/out" "--format JSONL writes JSON lines"
run "--order Shuffled" --order Shuffled
run "--max-temp-action STOP" --max-temp 140 --max-temp-action STOP
run "--on-hangup Detach" --on-hangup Detach
run "--cpu ALL --cpu-method Int" --cpu ALL --cpu-load 1 --cpu-method Int
run "--gpu ALL" --gpu ALL
run "--vm-method RANDOM" --vm 1 --vm-bytes 2M --vm-method RANDOM

# A suite's words, run: defaults and a kernel's text param.
cat > words.json <<'EOF'
{"name":"w","defaults":{"order":"Shuffled","interleave":"Tests","warmup":"AUTO","iterations":2},
 "tests":[{"name":"p","kind":"memory.pattern","params":{"pattern":"RANDOM","size":"64K","passes":1}},
          {"name":"s","kind":"shell","run":"true","stress":{"cpu":"All","cpu_load":1,"cpu_method":"Float"}}]}
EOF
expect_exit 0 "a suite's words in any case run" -- "$BENCHTOP" --headless --no-history --no-report -r words.json
expect_grep "w/p +pass" "$scratch/out" "memory.pattern with pattern RANDOM passed"
# A GPU's "all" in any case is taken when the file is loaded: params are read test by test, and
# the one said is the last test's (so nothing runs on a machine with GPUs).
cat > gpu.json <<'EOF'
{"tests":[{"name":"g","kind":"gpu.fma","params":{"device":"ALL","precision":"FP64"}},
          {"name":"b","kind":"gpu.bandwidth","params":{"device":"All"}},
          {"name":"z","kind":"cpu.int","params":{"ops":"bogus"}}]}
EOF
expect_exit 2 "device ALL is taken at load" -- "$BENCHTOP" --headless --no-history --no-report -r gpu.json
expect_grep "tests\[2\]\.params\.ops" "$scratch/err" "only the last test's bad param is refused"
finish
