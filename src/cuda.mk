# NVIDIA GPU workloads through the CUDA driver API, loaded at run time (no toolkit to build):
# the loader, devices, the PTX kernels and their JIT, NVML by bus id, the gpu.* kernels and
# the gpu stressor.
libbenchtop_a_SOURCES += \
	src/cuda-api.h src/cuda-api.c \
	src/cuda-device.h src/cuda-device.c \
	src/cuda-ptx.h src/cuda-ptx.c \
	src/nvml-peer.h src/nvml-peer.c \
	suites/kgpu.h suites/kgpu.c \
	suites/kernel-gpu-fma.c \
	suites/kernel-gpu-bandwidth.c \
	suites/kernel-gpu-transfer.c \
	src/stress-gpu.c
