# Built-in kernels (suites/kernel-*.c, listed in suites/kernels.c) and preset suites.
libbenchtop_a_SOURCES += src/kernel.h
libbenchtop_a_SOURCES += suites/kernels.c
