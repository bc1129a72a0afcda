#!/bin/sh
# gpu-kernels.sh - the gpu.* kernels through the binary: listed as unavailable with the reason
# and skipped in a suite when there is no libcuda; run, with their notes, against the fake
# libcuda (tests/fake-cuda.c) and the fake NVML; bad params refused when the suite loads.
. "${top_srcdir:-.}/tests/lib.sh"

fake="$top_builddir/tests/libcuda-fake.so"
nvml="$top_builddir/tests/libnvidia-ml-fake.so"
[ -f "$fake" ] || { echo "no $fake: build it with make check" >&2; exit 99; }

cat >"$scratch/gpu.json" <<'EOF'
{
  "name": "gpu-small",
  "defaults": { "warmup": 0, "iterations": 2, "timeout": "120s" },
  "tests": [
    { "name": "fma", "kind": "gpu.fma", "matrix": { "precision": ["fp32", "fp64"] },
      "params": { "device": "3b:00.0", "precision": "{precision}", "iters": 4, "blocks": 2, "threads": 64,
                  "launches": 2 } },
    { "name": "bandwidth", "kind": "gpu.bandwidth",
      "params": { "device": "all", "op": 1, "size": "1M", "passes": 2, "blocks": 2, "threads": 64 } },
    { "name": "transfer", "kind": "gpu.transfer", "params": { "device": "0", "direction": 2, "size": "1M", "copies": 3 } },
    { "name": "true", "kind": "command", "argv": ["true"], "iterations": 1 }
  ]
}
EOF

# No driver: listed as unavailable, and the suite's GPU tests skipped, not failed.
BENCHTOP_CUDA_LIB="$scratch/none/libcuda.so.1"
export BENCHTOP_CUDA_LIB
expect_exit 0 "--list without libcuda" -- "$BENCHTOP" --list
expect_grep "gpu.fma +TFLOP/s" "$scratch/out" "--list names gpu.fma"
expect_grep "unavailable: $scratch/none/libcuda.so.1 not found \(no NVIDIA driver\)" "$scratch/out" \
	"--list says why the GPU kernels are unavailable"
expect_grep "device=0 GPU: CUDA index, PCI bus id, UUID, or all" "$scratch/out" "--list shows the device param"
expect_exit 0 "a suite with GPU tests and no libcuda" -- \
	"$BENCHTOP" --headless -r "$scratch/gpu.json" -o "$scratch/nogpu.json"
expect_grep "gpu-small/fma \[precision=fp32\] skipped: gpu.fma unavailable: .*libcuda.so.1 not found" \
	"$scratch/out" "the GPU test is skipped with the reason"
expect_grep '"status":[[:space:]]*"skipped"' "$scratch/nogpu.json" "the report marks it skipped"
expect_grep '"status":[[:space:]]*"pass"' "$scratch/nogpu.json" "the other test still runs"

# A driver without a GPU: the reason is CUDA's.
BENCHTOP_CUDA_LIB="$fake" FAKE_CUDA_INIT_ERROR=100 "$BENCHTOP" --list >"$scratch/out" 2>&1
expect_grep "unavailable: CUDA: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected" "$scratch/out" \
	"cuInit's error is the reason"

# The fake driver: every test passes, with its note; the clock comes from NVML by bus id.
BENCHTOP_CUDA_LIB="$fake"
BENCHTOP_NVML_LIB="$nvml"
export BENCHTOP_NVML_LIB
expect_exit 0 "the GPU suite on the fake driver" -- \
	"$BENCHTOP" --headless -r "$scratch/gpu.json" -o "$scratch/gpu-out.json"
expect_grep "fma \[precision=fp32\]: fp32 [0-9.]+ TFLOP/s = [0-9.]+ % of the 19.49 TFLOP/s vector peak at 1410 MHz \(NVML SM clock\) on GPU 1 NVIDIA Fake A100 \(0000:3B:00.0\)" \
	"$scratch/out" "gpu.fma's note: percent of peak at NVML's clock of the same card"
expect_grep "fma \[precision=fp64\]: fp64 " "$scratch/out" "gpu.fma fp64"
expect_grep "bandwidth: triad [0-9.]+ GB/s of DRAM traffic .* of the 1875.3 GB/s memory peak on 2 GPUs" \
	"$scratch/out" "gpu.bandwidth's note, both GPUs"
expect_grep "transfer: both ways at once [0-9.]+ GB/s \(median of 3 pinned copies of 1 MiB\) on GPU 0 NVIDIA Fake T4 \(0000:AF:00.0\)$" \
	"$scratch/out" "gpu.transfer's note names the GPU as the others do"
if grep -qE '"status":[[:space:]]*"(skipped|error|fail)"' "$scratch/gpu-out.json"; then
	fail "a GPU test did not pass: $(grep -E 'status|error' "$scratch/gpu-out.json" | head -5)"
else
	pass "every GPU test passed"
fi

# Bad params are refused when the suite loads, with one line naming them.
sed 's/"device": "0"/"device": "banana"/' "$scratch/gpu.json" >"$scratch/bad.json"
expect_exit 2 "a bad device" -- "$BENCHTOP" --headless -r "$scratch/bad.json" --no-report
expect_grep "param 'device' in test 'transfer'.*'banana' is not a device: give an index \(0\), a PCI bus id" \
	"$scratch/err" "the bad device is named"
sed 's/"{precision}"/"fp16"/' "$scratch/gpu.json" >"$scratch/bad.json"
expect_exit 2 "a bad precision" -- "$BENCHTOP" --headless -r "$scratch/bad.json" --no-report
expect_grep "'fp16' is not a precision: give fp32 or fp64" "$scratch/err" "the bad precision is named"

# A JIT failure: the test errors with the driver's log.
FAKE_CUDA_JIT_FAIL=1 "$BENCHTOP" --headless -r "$scratch/gpu.json" --no-report >"$scratch/out" 2>&1
expect_grep "fma \[precision=fp32\] error: setup failed: GPU 1 \(0000:3B:00.0\): PTX JIT failed \(CUDA_ERROR_INVALID_PTX\): ptxas application ptx input, line 42; error : Unknown symbol 'bt_nope'" \
	"$scratch/out" "the JIT log is in the error"

# gpu.transfer uses only the copy engines: a driver whose JIT cannot take benchtop's PTX fails the
# kernels that launch it, not the copies. Sizes read as the other notes give them.
cat >"$scratch/copies.json" <<'EOF'
{ "name": "tr", "defaults": { "warmup": 0, "iterations": 2 },
  "tests": [ { "name": "t0", "kind": "gpu.transfer", "params": { "device": 0, "size": "4K", "copies": 1 } },
             { "name": "f", "kind": "gpu.fma", "params": { "device": 0, "iters": 4, "blocks": 2, "threads": 64 } } ] }
EOF
FAKE_CUDA_DRIVER=10000 "$BENCHTOP" --headless -r "$scratch/copies.json" --no-history -o "$scratch/copies-out.json" \
	>"$scratch/out" 2>&1
expect_grep "tr/t0 +pass" "$scratch/out" "gpu.transfer passes where the PTX JIT fails"
expect_grep "t0: host to device [0-9.]+ GB/s \(1 pinned copy of 4 KiB\) on GPU 0 NVIDIA Fake T4 \(0000:AF:00.0\)$" \
	"$scratch/out" "its note gives 4 KiB, not 0 MiB"
expect_grep "tr/f +error" "$scratch/out" "gpu.fma, which needs the JIT, still errors"

# gpu.fma checks every thread's result of every launch: one wrong element in the middle of every
# other launch (past the first threads) is an error, as the stressor calls such a GPU FAULTY.
FAKE_CUDA_DEVICE=0 FAKE_CUDA_CORRUPT_EVERY=2 "$BENCHTOP" --headless -r "$scratch/copies.json" --no-history \
	--no-report >"$scratch/out" 2>&1
expect_grep "tr/f +error" "$scratch/out" "a wrong result in any thread fails gpu.fma"
expect_grep "GPU 0 \(0000:AF:00.0\): [0-9]+ of the [0-9]+ result words of [0-9]+ launches differ from the reference" \
	"$scratch/out" "and the error says how many results differ"

# The stressor through the binary: checked results, mismatches said live and summed up once,
# in the summary; a GPU that computed wrong fails the run.
FAKE_CUDA_DEVICE=1 FAKE_CUDA_CORRUPT_EVERY=3 "$BENCHTOP" --headless -d 2 --gpu all --gpu-load 50 \
	--gpu-method fma --no-report >"$scratch/out" 2>&1
rc=$?
expect_grep "# gpu: GPU 1 \(0000:3B:00.0\): [0-9]+ result mismatch" "$scratch/out" "mismatches are said as they happen"
expect_grep "^       GPU 1 0000:3B:00.0: FAULTY, [0-9]+ errors? in [0-9]+ checks?$" "$scratch/out" \
	"the faulty GPU is named at the end"
expect_grep "^       GPU 0 0000:AF:00.0: OK, 0 errors in [0-9]+ checks?$" "$scratch/out" "the good GPU is OK"
n=$(grep -c "GPU 0 .*OK, 0 errors in" "$scratch/out")
[ "$n" -eq 1 ] && pass "the verdict is given once" || fail "the verdict $n times: $(grep 'OK, 0 errors' "$scratch/out")"
[ $rc -eq 1 ] && pass "a FAULTY GPU fails the run (exit 1)" || fail "FAULTY GPU: exit $rc"
expect_grep "^  result: FAILED: gpu: GPU 1 0000:3B:00.0: FAULTY" "$scratch/out" "the summary says why the run failed"
expect_exit 2 "a bad --gpu-method" -- "$BENCHTOP" --headless -d 1 --gpu 1 --gpu-method tensor --no-report
expect_grep "benchtop: --gpu-method: invalid value 'tensor': expected fma, bandwidth or mixed" "$scratch/err" \
	"the bad method is named"
expect_exit 2 "a bad --gpu" -- "$BENCHTOP" --headless -d 1 --gpu two --no-report
expect_grep "benchtop: --gpu: invalid value 'two'" "$scratch/err" "the bad --gpu is named"

# Without libcuda the stressor says why and the run goes on: unavailable, no failure.
BENCHTOP_CUDA_LIB="$scratch/none/libcuda.so.1" "$BENCHTOP" --headless -d 1 --gpu 1 --no-report \
	>"$scratch/out" 2>&1
rc=$?
expect_grep "# gpu: unavailable: .*libcuda.so.1 not found" "$scratch/out" "--gpu without libcuda says why"
expect_grep "^  ! gpu: unavailable: .*libcuda.so.1 not found" "$scratch/out" "and so does the summary"
[ $rc -eq 0 ] && pass "a machine without the driver is no failure" || fail "--gpu without libcuda: exit $rc"
BENCHTOP_CUDA_LIB="$scratch/none/libcuda.so.1" "$BENCHTOP" --list >"$scratch/out" 2>&1
expect_grep "^  gpu +NVIDIA GPUs" "$scratch/out" "--list names the gpu stressor"
expect_grep "^        unavailable: .*libcuda.so.1 not found" "$scratch/out" "--list says why it is unavailable"

finish
