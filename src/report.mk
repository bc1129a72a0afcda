# What a run produced: results, the journal, the reports, and the compare/report subcommands.
libbenchtop_a_SOURCES += \
	src/results.h src/results.c

check_PROGRAMS += tests/test-results
TESTS += tests/test-results
tests_test_results_SOURCES = tests/test-results.c
EXTRA_DIST += tests/report-fixture.h
