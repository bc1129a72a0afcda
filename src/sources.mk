# Metric sources: one file each, listed in src/sources.c.
libbenchtop_a_SOURCES += src/source.h src/sources.c
# GPUs: NVIDIA through NVML (dlopen at run time), AMD through amdgpu sysfs.
libbenchtop_a_SOURCES += src/source-nvml.c src/source-amdgpu.c
