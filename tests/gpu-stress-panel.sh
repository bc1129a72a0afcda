#!/bin/sh
# gpu-stress-panel.sh - the gpu stressor in the dashboard, driven in tmux: its row in the stress
# panel and a line per GPU under it, with the fake NVML's figures for the card of the same bus id.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
cuda="$top_builddir/tests/libcuda-fake.so"
nvml="$top_builddir/tests/libnvidia-ml-fake.so"

. "${top_srcdir}/tests/tmux-lib.sh"

start 120 40 "BENCHTOP_CUDA_LIB='$cuda' BENCHTOP_NVML_LIB='$nvml'" --no-report --gpu all --gpu-load 50 --gpu-method fma
wait_for 'q quit' 20 || fail "the dashboard did not start: $(cat "$scratch/screen")"
# --gpu opens the stress panel, as --cpu does
wait_for 'gpu +on +all x fma 50 % +50 %' 20 && pass "the gpu row: on, settings, target" \
	|| fail "gpu row: $(cat "$scratch/screen")"
wait_for 'GPU 0 0000:AF:00.0  50 % -> [0-9.]+ %  [0-9.]+ TFLOP/s 0 errors  44°C 27 W 585 MHz' 30 \
	&& pass "GPU 0's line, with the T4's NVML figures" || fail "GPU 0 line: $(cat "$scratch/screen")"
wait_for 'GPU 1 0000:3B:00.0  50 % -> [0-9.]+ %  [0-9.]+ TFLOP/s 0 errors  61°C 252 W 1410 MHz' 30 \
	&& pass "GPU 1's line, with the A100's NVML figures" || fail "GPU 1 line: $(cat "$scratch/screen")"
t send-keys -t bt Down Down Down Right   # the gpu row, then up 10 points
wait_for 'gpu +on +all x fma 60 %' 10 && pass "the arrow keys raise the load" || fail "load: $(cat "$scratch/screen")"
t send-keys -t bt q
t kill-session -t bt
finish
