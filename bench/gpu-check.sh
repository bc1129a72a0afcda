#!/usr/bin/env bash
# bench/gpu-check.sh - benchtop's NVIDIA GPU figures on a machine with a GPU, next to nvidia-smi's:
#   1. the gauges, idle (and under a torch matrix-multiply load when python3 has torch);
#   2. the gpu.* kernels: gpu.fma FP32 and FP64 TFLOP/s with the percentage of the vector peak at
#      the SM clock NVML reported, gpu.bandwidth copy and triad GB/s with the percentage of the
#      memory's peak, gpu.transfer host to device, device to host and both at once;
#   3. `--gpu 1 --gpu-load 50` for LOAD_SECONDS (60) against nvidia-smi's utilization sampled
#      every second on the same card (CUDA_DEVICE_ORDER=PCI_BUS_ID makes CUDA's GPU 0 NVML's),
#      and the stressor's error count.
# Figures only, no verdicts. Without a GPU or a usable CUDA driver it says so and exits 0.
# Usage: bench/gpu-check.sh [BINARY]      Environment: LOAD (50), LOAD_SECONDS (60), ITERATIONS (5)
set -uo pipefail
bin=${1:-src/benchtop}
load=${LOAD:-50}
seconds=${LOAD_SECONDS:-60}
iterations=${ITERATIONS:-5}

if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
	echo "gpu-check: no NVIDIA GPU here (nvidia-smi is missing or finds no GPU): nothing to measure"
	exit 0
fi
[ -x "$bin" ] || { echo "gpu-check: $bin is not an executable benchtop (give its path)" >&2; exit 2; }
why=$("$bin" --list 2>/dev/null | sed -n '/^  gpu.fma /{n;p;}' | sed -n 's/^ *unavailable: //p')
if [ -n "$why" ]; then
	echo "gpu-check: benchtop cannot use the GPU here: $why"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gpu-check.XXXXXX")
smi_pid=
trap '[ -n "$smi_pid" ] && kill "$smi_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export CUDA_DEVICE_ORDER=PCI_BUS_ID

echo "== GPUs"
nvidia-smi --query-gpu=index,name,pci.bus_id,driver_version,clocks.max.sm,clocks.max.mem --format=csv

echo
echo "== gauges, idle: nvidia-smi, then benchtop"
q=name,pci.bus_id,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,clocks.sm
nvidia-smi --query-gpu=$q --format=csv,noheader
"$bin" --headless -i 0.5 -d 2.2 --format jsonl 2>/dev/null | tail -1 | grep -o '"gpu":\[[^]]*\]'
if python3 -c 'import torch' 2>/dev/null; then
	echo "== gauges under a torch load (8192x8192 matrix products for 8 s)"
	python3 -c '
import time, torch
a = torch.randn(8192, 8192, device="cuda")
t = time.time()
while time.time() - t < 8:
    b = a @ a
torch.cuda.synchronize()' &
	sleep 4
	nvidia-smi --query-gpu=$q --format=csv,noheader
	"$bin" --headless -i 0.5 -d 2.2 --format jsonl 2>/dev/null | tail -1 | grep -o '"gpu":\[[^]]*\]'
	wait
fi

echo
echo "== kernels on GPU 0 ($iterations iterations each; the peak percentages are from the log lines)"
cat >"$tmp/gpu.json" <<EOF
{
  "name": "gpu-check",
  "defaults": { "warmup": 1, "iterations": $iterations, "timeout": "600s" },
  "tests": [
    { "name": "fma", "kind": "gpu.fma", "matrix": { "precision": ["fp32", "fp64"] },
      "params": { "device": "0", "precision": "{precision}" } },
    { "name": "bandwidth", "kind": "gpu.bandwidth", "matrix": { "op": [0, 1] },
      "params": { "device": "0", "op": "{op}" } },
    { "name": "transfer", "kind": "gpu.transfer", "matrix": { "direction": [0, 1, 2] },
      "params": { "device": "0", "direction": "{direction}" } }
  ]
}
EOF
"$bin" --headless -i 1 -r "$tmp/gpu.json" -o "$tmp/kernels.json" >"$tmp/kernels.log" 2>&1
echo "exit status $?"
grep -E '^(fma|bandwidth|transfer) \[' "$tmp/kernels.log"
grep -E 'error|skipped' "$tmp/kernels.log" | grep -v '^#'
sed -n '/^test  /,$p' "$tmp/kernels.log"

echo
echo "== --gpu 1 --gpu-load $load --gpu-method fma for $seconds s, nvidia-smi sampled every second on the same card"
nvidia-smi -i 0 --query-gpu=timestamp,utilization.gpu,power.draw,clocks.sm,temperature.gpu \
	--format=csv,noheader,nounits -lms 1000 >"$tmp/smi.csv" 2>/dev/null &
smi_pid=$!
"$bin" --headless -i 1 -d "$seconds" --gpu 1 --gpu-load "$load" --gpu-method fma --no-report \
	>"$tmp/load.log" 2>&1
kill "$smi_pid" 2>/dev/null
wait "$smi_pid" 2>/dev/null
smi_pid=
grep '^# gpu' "$tmp/load.log"
# The first 5 seconds (start-up, calibration) are left out of both averages.
smi=$(awk -F', *' 'NR > 5 && $2 ~ /^[0-9]/ { u += $2; p += $3; c += $4; t += $5; n++ }
	END { if (n) printf "%.1f %% utilization, %.0f W, %.0f MHz, %.0f C over %d samples", u / n, p / n, c / n, t / n, n }' \
	"$tmp/smi.csv")
bt=$(grep -oE ' gpu [0-9.]+ %$' "$tmp/load.log" | awk 'NR > 5 { s += $2; n++ }
	END { if (n) printf "%.1f %% busy over %d samples", s / n, n }')
echo "nvidia-smi: ${smi:-no samples}"
echo "benchtop:   ${bt:-no samples}   (target $load %)"
if [ -n "$smi" ]; then
	awk -v t="$load" '$2 ~ /^[0-9]/ && NR > 5 { u += $2; n++ } END { if (n) printf "nvidia-smi minus target: %+.1f points\n", u / n - t }' \
		FS=', *' "$tmp/smi.csv"
fi
exit 0
