# Metric sources: one file each, listed in src/sources/sources.c.
libbenchtop_a_SOURCES += src/sources/source.h src/sources/sources.c
# GPUs: NVIDIA through NVML (dlopen at run time), AMD through amdgpu sysfs.
libbenchtop_a_SOURCES += src/sources/nvml-abi.h src/sources/source-nvml.c src/sources/source-amdgpu.c

libbenchtop_a_SOURCES += \
	src/lib/sysfile.h src/lib/sysfile.c \
	src/sources/source-statgrab.c \
	src/sources/source-diskstats.c \
	src/sources/source-procstat.c \
	src/sources/source-cpufreq.c \
	src/sources/source-hwmon.c \
	src/sources/source-thermal.c \
	src/sources/source-rapl.h src/sources/source-rapl.c \
	src/sources/source-throttle.h src/sources/source-throttle.c

# Why clocks are held down: CPU throttle events and GPU slowdown reasons, in the dashboard.
TESTS += tests/throttle.sh
EXTRA_DIST += tests/throttle.sh
