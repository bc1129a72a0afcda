# NVIDIA GPU workloads through the CUDA driver API, loaded at run time (no toolkit to build):
# the loader, devices, the PTX kernels and their JIT, NVML by bus id, the gpu.* kernels and
# the gpu stressor.
libbenchtop_a_SOURCES += \
	src/gpu/cuda-api.h src/gpu/cuda-api.c \
	src/gpu/cuda-device.h src/gpu/cuda-device.c \
	src/gpu/cuda-ptx.h src/gpu/cuda-ptx.c \
	src/gpu/cuda-size.h src/gpu/cuda-size.c \
	src/sources/nvml-peer.h src/sources/nvml-peer.c \
	suites/kgpu.h suites/kgpu.c \
	suites/kernel-gpu-fma.c \
	suites/kernel-gpu-bandwidth.c \
	suites/kernel-gpu-transfer.c \
	src/stress/stress-gpu.h src/stress/stress-gpu.c src/stress/stress-gpu-work.c
