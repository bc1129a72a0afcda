# Statistics of sample sets, Student's t distribution and the comparison of two runs.
libbenchtop_a_SOURCES += \
	src/stats/stats.h src/stats/stats.c \
	src/stats/tdist.h src/stats/tdist.c \
	src/stats/compare.h src/stats/compare.c

check_PROGRAMS += tests/test-stats tests/test-compare
TESTS += tests/test-stats tests/test-compare
tests_test_stats_SOURCES = tests/test-stats.c
tests_test_compare_SOURCES = tests/test-compare.c
