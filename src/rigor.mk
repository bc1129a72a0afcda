# Trustworthy verdicts: the system checks before a run, the disturbance of every iteration,
# adaptive repetitions and warmup, and the order of iterations.
libbenchtop_a_SOURCES += \
	src/rigor/noise-guard.h src/rigor/noise-guard.c \
	src/rigor/noise-sample.h src/rigor/noise-sample.c \
	src/rigor/adaptive.h src/rigor/adaptive.c \
	src/rigor/order.h src/rigor/order.c \
	src/rigor/rigor-app.h src/rigor/rigor-app.c \
	src/runner/runner-private.h src/runner/runner-group.c \
	src/report/export-rigor.h src/report/export-rigor.c

check_PROGRAMS += tests/test-rigor tests/test-noise-clock
TESTS += tests/test-rigor tests/test-noise-clock tests/rigor.sh
tests_test_rigor_SOURCES = tests/test-rigor.c
tests_test_noise_clock_SOURCES = tests/test-noise-clock.c
EXTRA_DIST += tests/rigor.sh bench/precision.sh

# The shuffled order's seed: kept exactly, repeated from the report, said to do nothing unshuffled.
TESTS += tests/seed.sh
EXTRA_DIST += tests/seed.sh
