#!/usr/bin/env bash
# bench/gpu-check.sh - benchtop's GPU figures next to nvidia-smi's, idle and (when python3 with
# torch is there) under a matrix-multiply load. Usage: bench/gpu-check.sh [BINARY]
set -uo pipefail
bin=${1:-src/benchtop}
command -v nvidia-smi >/dev/null || { echo "no nvidia-smi: no NVIDIA GPU to check against" >&2; exit 2; }
q=name,pci.bus_id,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,clocks.sm
gpu_json() { "$bin" --headless -i 0.5 -d 2.2 --format jsonl 2>/dev/null | tail -1 | grep -o '"gpu":\[[^]]*\]'; }

echo "== idle"
nvidia-smi --query-gpu=$q --format=csv
gpu_json
if python3 -c 'import torch' 2>/dev/null; then
	echo "== under load (8192x8192 matrix products for 8 s)"
	python3 -c '
import time, torch
a = torch.randn(8192, 8192, device="cuda")
t = time.time()
while time.time() - t < 8:
    b = a @ a
torch.cuda.synchronize()' &
	sleep 4
	nvidia-smi --query-gpu=$q --format=csv,noheader
	gpu_json
	"$bin" --headless -i 0.5 -d 1.2 2>/dev/null | tail -1
	wait
else
	echo "no python3 with torch: no load to compare under"
fi
