# Trustworthy verdicts: the system checks before a run, the disturbance of every iteration,
# adaptive repetitions and warmup, and the order of iterations.
libbenchtop_a_SOURCES += \
	src/noise-guard.h src/noise-guard.c \
	src/noise-sample.h src/noise-sample.c \
	src/adaptive.h src/adaptive.c \
	src/order.h src/order.c \
	src/rigor-app.h src/rigor-app.c \
	src/runner-private.h src/runner-group.c \
	src/export-rigor.h src/export-rigor.c

check_PROGRAMS += tests/test-rigor tests/test-noise-clock
TESTS += tests/test-rigor tests/test-noise-clock tests/rigor.sh
tests_test_rigor_SOURCES = tests/test-rigor.c
tests_test_noise_clock_SOURCES = tests/test-noise-clock.c
EXTRA_DIST += tests/rigor.sh bench/precision.sh
