# What a run produced: results, the journal, the reports, and the compare/report subcommands.
libbenchtop_a_SOURCES += \
	src/results.h src/results.c \
	src/results-json.h src/results-json.c \
	src/journal.h src/journal.c

check_PROGRAMS += tests/test-results tests/test-journal
TESTS += tests/test-results tests/test-journal
tests_test_results_SOURCES = tests/test-results.c
tests_test_journal_SOURCES = tests/test-journal.c
EXTRA_DIST += tests/report-fixture.h
