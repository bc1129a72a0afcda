# Built-in kernels (suites/kernel-*.c, listed in suites/kernels.c) and preset suites.
libbenchtop_a_SOURCES += src/kernel.h \
	suites/kernels.c suites/kernel-list.h \
	suites/kutil.h suites/kutil.c \
	suites/kfile.h suites/kfile.c \
	suites/kernel-cpu-int.c \
	suites/kernel-cpu-float.c \
	suites/kernel-cpu-matmul.h suites/kernel-cpu-matmul.c \
	suites/kernel-memory-bandwidth.c \
	suites/kernel-memory-latency.c \
	suites/kernel-disk-seq.c \
	suites/kernel-disk-random.c \
	suites/kernel-threads-switch.c
