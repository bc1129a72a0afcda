#!/bin/sh
# The stressors' settings are refused as they are read, with what the generator would refuse
# when it starts: on the command line one line naming the option and the value as typed, in a
# suite file:line:col, both with exit 2 and before anything runs. Words are read in any case.
. "${top_srcdir}/tests/lib.sh"
cd "$scratch"

refused() {  # refused NAME LINE ARGS...: exit 2, and stderr is exactly LINE
	name=$1; line=$2; shift 2
	expect_exit 2 "$name exits 2" -- "$BENCHTOP" --headless --no-history --no-report -d 1 "$@" || return
	[ "$(cat "$scratch/err")" = "$line" ] && pass "$name: one line names it" \
		|| fail "$name: stderr is '$(cat "$scratch/err")', expected '$line'"
	[ ! -s "$scratch/out" ] && pass "$name: nothing ran" || fail "$name ran: $(head -3 "$scratch/out")"
}

# The command line.
refused "--cpu 300" "benchtop: --cpu: invalid value '300': expected a whole number from 0 to 256, or all" --cpu 300
refused "--vm 257" "benchtop: --vm: invalid value '257': expected a whole number from 0 to 256" --vm 257
refused "--vm all" "benchtop: --vm: invalid value 'all': expected a whole number from 0 to 256" --vm all
refused "--cpu-method foo" "benchtop: --cpu-method: invalid value 'foo': expected int, float, matmul or mixed" \
	--cpu 1 --cpu-method foo
refused "--vm-bytes 1023K" "benchtop: --vm-bytes: invalid value '1023K': expected a size of at least 1M per worker such as 256M or 2G, or a percentage of available memory from 1% to 100%" \
	--vm 1 --vm-bytes 1023K
refused "--hdd-write-size 6K" "benchtop: --hdd-write-size: invalid value '6K': expected a multiple of 4K from 4K to 64M such as 64K or 1M" \
	--hdd 1 --hdd-write-size 6K
refused "--hdd-bytes 4096" "benchtop: --hdd-bytes: invalid value '4096': expected at least one block of --hdd-write-size (1MiB)" \
	--hdd 1 --hdd-bytes 4096
refused "--hdd-bytes 1K" "benchtop: --hdd-bytes: invalid value '1K': expected at least one block of --hdd-write-size (1MiB)" \
	--hdd 1 --hdd-bytes 1K
refused "--hdd-bytes 0" "benchtop: --hdd-bytes: invalid value '0': expected a size of at least one block such as 64M or 1G" \
	--hdd 1 --hdd-bytes 0
refused "--hdd-bytes under --hdd-write-size" "benchtop: --hdd-bytes: invalid value '1M': expected at least one block of --hdd-write-size (2M)" \
	--hdd-write-size 2M --hdd 1 --hdd-bytes 1M
refused "--hdd-dir missing" "benchtop: --hdd-dir '/nonexistent': No such file or directory" --hdd 1 --hdd-dir /nonexistent

# Words in any case: all, methods.
expect_exit 0 "--cpu ALL --cpu-method Int runs" -- "$BENCHTOP" --headless --no-history --no-report -d 0.5 \
	--cpu ALL --cpu-load 1 --cpu-method Int --vm 1 --vm-bytes 4M --vm-method RANDOM
expect_exit 0 "--gpu ALL is read as all (without a GPU it says so and runs on)" -- \
	"$BENCHTOP" --headless --no-history --no-report -d 0.3 --gpu ALL

# Suites: at load, with the field's place, as the command line would refuse it.
suite() {  # suite FILE STRESS-FIELDS
	printf '{"name":"st","defaults":{"warmup":0,"iterations":1},"tests":[{"name":"x","kind":"shell","run":"true",\n "stress":{%s}}]}\n' "$2" > "$1"
}
suite method.json '"cpu":1,"cpu_method":"bogus"'
refused "a suite's cpu_method bogus" \
	"benchtop: method.json:2:20: tests[0].stress.cpu_method: 'cpu_method' in the stress of test 'x': invalid value 'bogus': expected int, float, matmul or mixed" \
	-r method.json
suite vm.json '"vm":1,"vm_bytes":"0.5M"'
refused "a suite's vm_bytes 0.5M" \
	"benchtop: vm.json:2:19: tests[0].stress.vm_bytes: 'vm_bytes' in the stress of test 'x': invalid value '0.5M': expected a size of at least 1M per worker such as 256M or 2G, or a percentage of available memory from 1% to 100%" \
	-r vm.json
suite block.json '"hdd":1,"hdd_bytes":"1M","hdd_write_size":"6K"'
refused "a suite's hdd_write_size 6K" \
	"benchtop: block.json:2:37: tests[0].stress.hdd_write_size: 'hdd_write_size' in the stress of test 'x': invalid value '6K': expected a multiple of 4K from 4K to 64M such as 64K or 1M" \
	-r block.json
suite bytes.json '"hdd":1,"hdd_bytes":"1M","hdd_write_size":"2M"'
refused "a suite's hdd_bytes under its hdd_write_size" \
	"benchtop: bytes.json:2:20: tests[0].stress.hdd_bytes: 'hdd_bytes' in the stress of test 'x': invalid value '1M': expected at least one block of hdd_write_size (2M)" \
	-r bytes.json
suite tiny.json '"hdd":1,"hdd_bytes":"1K"'
refused "a suite's hdd_bytes 1K" \
	"benchtop: tiny.json:2:20: tests[0].stress.hdd_bytes: 'hdd_bytes' in the stress of test 'x': invalid value '1K': expected at least one block of hdd_write_size (1MiB)" \
	-r tiny.json
suite cpus.json '"cpu":300'
refused "a suite's cpu 300" \
	"benchtop: cpus.json:2:12: tests[0].stress.cpu: 'cpu' in the stress of test 'x' must be between 0 and 256 (got 300)" \
	-r cpus.json
suite words.json '"cpu":"ALL","cpu_load":1,"cpu_method":"Int"'
expect_exit 0 "a suite's words in any case run" -- "$BENCHTOP" --headless --no-history --no-report -r words.json
expect_grep "st/x +pass" "$scratch/out" "the test under ALL x Int passed"
finish
