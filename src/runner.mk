# Suites, the runner and process spawning.
libbenchtop_a_SOURCES += \
	src/suggest.h src/suggest.c \
	src/jsonpos.h src/jsonpos.c \
	src/suite-matrix.h src/suite-matrix.c \
	src/suite.h src/suite-private.h src/suite.c \
	src/suite-fields.c src/suite-test.c src/suite-variant.c src/suite-preset.c \
	src/child.h src/child.c \
	src/runner.h src/runner.c

# Their unit tests.
check_PROGRAMS += tests/test-suite tests/test-child tests/test-runner
TESTS += tests/test-suite tests/test-child tests/test-runner
tests_test_suite_SOURCES = tests/test-suite.c
tests_test_child_SOURCES = tests/test-child.c
tests_test_runner_SOURCES = tests/test-runner.c
EXTRA_DIST += tests/suites/trailing-comma.json tests/suites/unknown-field.json tests/suites/matrix.json

# bench/runner-overhead.sh builds this on demand, with `make bench/spawn-true`.
EXTRA_PROGRAMS += bench/spawn-true
bench_spawn_true_SOURCES = bench/spawn-true.c
CLEANFILES += bench/spawn-true
EXTRA_DIST += bench/runner-overhead.sh
