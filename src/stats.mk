# Statistics of sample sets, Student's t distribution and the comparison of two runs.
libbenchtop_a_SOURCES += \
	src/stats.h src/stats.c \
	src/tdist.h src/tdist.c \
	src/compare.h src/compare.c

check_PROGRAMS += tests/test-stats tests/test-compare
TESTS += tests/test-stats tests/test-compare
tests_test_stats_SOURCES = tests/test-stats.c
tests_test_compare_SOURCES = tests/test-compare.c
