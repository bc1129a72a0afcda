#!/bin/sh
# gpu-stress-panel.sh - the gpu stressor in the dashboard, driven in tmux: its row in the stress
# panel and a line per GPU under it, with the fake NVML's figures for the card of the same bus id;
# a GPU that falls off the bus says STOPPED with the error, and stays so in the summary after the
# generator is turned off and on again.
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

start 120 40 "BENCHTOP_CUDA_LIB='$cuda' BENCHTOP_NVML_LIB='$nvml' FAKE_CUDA_DEVICE=1 FAKE_CUDA_LOSE_AFTER=20" \
	--no-report --no-history --gpu all --gpu-method fma
wait_for 'GPU 1 0000:3B:00.0  STOPPED: .*CUDA_ERROR_UNKNOWN' 60 && pass "the lost GPU's line says STOPPED and why" \
	|| fail "lost GPU line: $(cat "$scratch/screen")"
t send-keys -t bt Down Down Down Enter   # the gpu row: off
wait_for 'stress gpu off' 10 || fail "gpu off: $(cat "$scratch/screen")"
t send-keys -t bt Enter                  # and on again: the lost GPU cannot start
wait_for 'stress gpu on' 10 || fail "gpu on: $(cat "$scratch/screen")"
wait_for 'GPU 1 0000:3B:00.0  STOPPED: ' 30 && pass "still STOPPED after off and on" \
	|| fail "after off and on: $(cat "$scratch/screen")"
t send-keys -t bt q
sleep 0.3; t send-keys -t bt y
wait_exit 30
wait_for '^       GPU 1 0000:3B:00.0: STOPPED, 0 errors in [0-9]+ checks?: .*CUDA_ERROR_UNKNOWN' 10 \
	&& pass "the summary keeps the lost GPU, STOPPED" || fail "summary: $(cat "$scratch/screen")"
[ "$(cat "$exitf" 2>/dev/null)" = 1 ] && pass "and the run exits 1" || fail "exit $(cat "$exitf" 2>/dev/null)"
t kill-session -t bt
finish
