# Metric sources: one file each, listed in src/sources.c.
libbenchtop_a_SOURCES += src/source.h src/sources.c
# GPUs: NVIDIA through NVML (dlopen at run time), AMD through amdgpu sysfs.
libbenchtop_a_SOURCES += src/source-nvml.c src/source-amdgpu.c

libbenchtop_a_SOURCES += \
	src/sysfile.h src/sysfile.c \
	src/source-statgrab.c \
	src/source-diskstats.c \
	src/source-procstat.c \
	src/source-cpufreq.c \
	src/source-hwmon.c \
	src/source-thermal.c \
	src/source-rapl.h src/source-rapl.c
