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

# 80x24: the panel takes the room for every line, so each GPU's state shows; a sparkline stays on
# its own generator's row. The footer offers the panel's keys, not the tests table's.
spark='(▁|▂|▃|▄|▅|▆|▇|█)'
start 80 24 "BENCHTOP_CUDA_LIB='$cuda' BENCHTOP_NVML_LIB='$nvml'" --no-history --no-report --gpu all --gpu-load 50 \
	--cpu 1 --cpu-load 20
wait_for "cpu +on .*$spark+│" 20 || fail "80x24: $(cat "$scratch/screen")"
t send-keys -t bt Down Down Down   # the gpu row
wait_for "gpu +on .*$spark+│" 20 && pass "80x24: the gpu row has its sparkline" || fail "gpu spark: $(cat "$scratch/screen")"
wait_for 'GPU 0 0000:AF:00.0  50 %' 10 && wait_for 'GPU 1 0000:3B:00.0  50 %' 10 \
	&& pass "80x24: each GPU's line shows under the gpu row" || fail "80x24 GPU lines: $(cat "$scratch/screen")"
grep -qE "^│(vm|hdd) .*$spark" "$scratch/screen" && fail "an idle row shows a sparkline: $(cat "$scratch/screen")" \
	|| pass "80x24: idle rows show no sparkline"
expect_grep 'Enter on/off  ←→ intensity  Tab tests' "$scratch/screen" "the footer lists the stress panel's keys"
grep -q 'd detail' "$scratch/screen" && fail "the footer offers d detail: $(tail -1 "$scratch/screen")" \
	|| pass "the footer does not offer d"
t send-keys -t bt q
t kill-session -t bt
# A terminal too short for every line: they scroll with their rows, the sparklines too.
start 80 16 "BENCHTOP_CUDA_LIB='$cuda' BENCHTOP_NVML_LIB='$nvml'" --no-history --no-report --gpu all --gpu-load 50 \
	--cpu 1 --cpu-load 20
wait_for "cpu +on .*$spark+│" 20 || fail "80x16: $(cat "$scratch/screen")"
t send-keys -t bt Down Down Down
# GPU 1's line comes when its worker's first figures do, after the first sample: wait for it
wait_for "^│gpu +on .*$spark+│" 10 && wait_for 'GPU 1 0000:3B:00.0' 10 \
	&& pass "80x16: the selected gpu row brings its GPUs' lines into view" || fail "80x16: $(cat "$scratch/screen")"
grep -qE "^│(vm|hdd) .*$spark" "$scratch/screen" && fail "80x16: a sparkline on an idle row: $(cat "$scratch/screen")" \
	|| pass "80x16: the sparklines stay on their rows"
t send-keys -t bt Home
wait_for "^│cpu +on .*$spark+│" 10 && pass "80x16: Home scrolls back to cpu, its sparkline with it" \
	|| fail "80x16 Home: $(cat "$scratch/screen")"
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
quit_now 30
wait_for '^       GPU 1 0000:3B:00.0: STOPPED, 0 errors in [0-9]+ checks?: .*CUDA_ERROR_UNKNOWN' 10 \
	&& pass "the summary keeps the lost GPU, STOPPED" || fail "summary: $(cat "$scratch/screen")"
[ "$(cat "$exitf" 2>/dev/null)" = 1 ] && pass "and the run exits 1" || fail "exit $(cat "$exitf" 2>/dev/null)"
t kill-session -t bt

# No driver: the gpu row reads n/a, dim, with why under it; no failure (the run exits 0).
start 80 24 "BENCHTOP_CUDA_LIB='$scratch/no-libcuda.so' BENCHTOP_NVML_LIB='$nvml'" --no-history --no-report --gpu all
wait_for '^│gpu +n/a +all x ' 20 && pass "a GPU stressor with no driver reads n/a" || fail "n/a: $(cat "$scratch/screen")"
wait_for '^│  unavailable: .*no-libcuda.so not found' 5 && pass "and why, under its row" || fail "n/a why: $(cat "$scratch/screen")"
t capture-pane -e -p -t bt | grep -a '^│gpu ' | grep -q "$(printf '\033')\[31m" \
	&& fail "n/a is drawn in the error colour" || pass "n/a is not drawn as an error"
quit_now 10
[ "$(cat "$exitf" 2>/dev/null)" = 0 ] && pass "and the run exits 0" || fail "no driver: exit $(cat "$exitf" 2>/dev/null)"
t kill-session -t bt
finish
