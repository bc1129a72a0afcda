# GPU workloads on a fake machine: a fake libcuda (and the fake NVML of gpu.mk) under the real
# CUDA code, in unit tests and through the binary; and the PTX and the CUDA and NVML
# declarations against NVIDIA's own assembler and headers, where those can be had.
check_PROGRAMS += tests/test-cuda tests/test-stress-gpu tests/ptx-dump
TESTS += tests/test-cuda tests/test-stress-gpu tests/gpu-kernels.sh tests/gpu-stress-panel.sh tests/gpu-stress-verdict.sh \
	tests/ptxas.sh tests/abi-nvidia.sh
THREADED_TESTS += tests/test-cuda tests/test-stress-gpu tests/gpu-kernels.sh tests/gpu-stress-panel.sh tests/gpu-stress-verdict.sh
tests_test_cuda_SOURCES = tests/test-cuda.c
tests_test_stress_gpu_SOURCES = tests/test-stress-gpu.c
# The PTX module as text, for NVIDIA's own assembler in tests/ptxas.sh.
tests_ptx_dump_SOURCES = tests/ptx-dump.c

# Built like the fake NVML: a plain shared object without libtool or sanitizers, since it
# stands in for the driver that benchtop loads with dlopen.
check_DATA += tests/libcuda-fake.so
CLEANFILES += tests/libcuda-fake.so
EXTRA_DIST += tests/fake-cuda.h tests/fake-cuda.c tests/fake-cuda-run.c tests/fake-cuda-mem.c tests/gpu-kernels.sh tests/gpu-stress-panel.sh tests/gpu-stress-verdict.sh tests/ptxas.sh tests/sass-loop.awk \
	tests/abi-nvidia.sh tests/nvidia-debs.sh
tests/libcuda-fake.so: tests/fake-cuda.h tests/fake-cuda.c tests/fake-cuda-run.c tests/fake-cuda-mem.c config.h
	@$(MKDIR_P) tests
	$(AM_V_CC)$(CC) $(WARN_CFLAGS) $(CFLAGS) -I$(top_builddir) -shared -fPIC -O2 \
		-I$(srcdir)/tests -o $@ $(srcdir)/tests/fake-cuda.c $(srcdir)/tests/fake-cuda-run.c \
		$(srcdir)/tests/fake-cuda-mem.c -lm -lpthread
