# The comparison of reports: rank test, bootstrap, matching tests across reports, output formats.
libbenchtop_a_SOURCES += \
	src/stats/ranktest.h src/stats/ranktest.c \
	src/stats/bootstrap.h src/stats/bootstrap.c \
	src/stats/compare-table.h src/stats/compare-table.c \
	src/stats/compare-format.h src/stats/compare-format.c src/stats/compare-files.c

check_PROGRAMS += tests/test-ranktest
TESTS += tests/test-ranktest
tests_test_ranktest_SOURCES = tests/test-ranktest.c

# Against scipy: tests/test-compare-ref prints what compare-ref.py checks.
check_PROGRAMS += tests/test-compare-ref
TESTS += tests/compare-ref.sh
tests_test_compare_ref_SOURCES = tests/test-compare-ref.c
EXTRA_DIST += tests/compare-ref.sh tests/compare-ref.py

# Verdicts over many synthetic trials: false alarms, power, too few samples, 10,000 variants.
check_PROGRAMS += tests/test-compare-trials
TESTS += tests/test-compare-trials
tests_test_compare_trials_SOURCES = tests/test-compare-trials.c
EXTRA_DIST += bench/compare-variants.sh

# The geomean and the intervals at their edges: a new sample at or below 0, one sample a side.
check_PROGRAMS += tests/test-compare-geomean
TESTS += tests/test-compare-geomean
tests_test_compare_geomean_SOURCES = tests/test-compare-geomean.c

# compare on real runs of a small suite.
TESTS += tests/compare-run.sh
EXTRA_DIST += tests/compare-run.sh

# compare refuses a report whose tests cannot be told apart.
TESTS += tests/compare-bad.sh
EXTRA_DIST += tests/compare-bad.sh
