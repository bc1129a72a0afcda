# Suites, the runner and process spawning.
libbenchtop_a_SOURCES += \
	src/lib/suggest.h src/lib/suggest.c \
	src/lib/jsonpos.h src/lib/jsonpos-private.h src/lib/jsonpos-scan.c src/lib/jsonpos-path.c \
	src/runner/suite-matrix.h src/runner/suite-matrix.c \
	src/runner/suite.h src/runner/suite-private.h src/runner/suite-load.c \
	src/runner/suite-fields.c src/runner/suite-test.c src/runner/suite-variant.c src/runner/suite-preset.c \
	src/runner/child.h src/runner/child.c \
	src/runner/runner.h src/runner/runner-threads.c src/runner/runner-post.c src/runner/runner-iteration.c

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
