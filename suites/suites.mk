# Built-in kernels (suites/kernel-*.c, listed in suites/kernels.c) and preset suites.
libbenchtop_a_SOURCES += src/runner/kernel.h \
	suites/kernels.c suites/kernel-list.h \
	suites/kutil.h suites/kutil.c \
	suites/kfile.h suites/kfile.c \
	suites/kernel-cpu-int.c \
	suites/kernel-cpu-float.c \
	suites/kernel-cpu-matmul.h suites/kernel-cpu-matmul.c \
	suites/kernel-memory-bandwidth.c \
	suites/kernel-memory-latency.c \
	suites/kernel-memory-pattern.c \
	suites/kernel-disk-seq.c \
	suites/kernel-disk-random.c \
	suites/kernel-threads-switch.c

# Preset suites: `--run quick` finds them here once installed.
suitesdir = $(pkgdatadir)/suites
dist_suites_DATA = suites/quick.json suites/standard.json suites/full.json \
	suites/cpu.json suites/memory.json suites/disk.json

# Figures, not tests: scripts that build their own drivers against libbenchtop.a.
EXTRA_DIST += bench/kernel-run.c bench/stream-triad.c bench/memory-bandwidth.sh bench/matmul-peak.sh
