# What a run produced: results, the journal, the reports, and the compare/report subcommands.
libbenchtop_a_SOURCES += \
	src/results.h src/results.c \
	src/results-json.h src/results-json.c \
	src/journal.h src/journal.c \
	src/export.h src/export.c \
	src/export-json.c src/export-csv.c src/export-md.c src/export-html.c src/export-junit.c \
	src/text-escape.h src/text-escape.c \
	src/report-load.h src/report-load.c \
	src/cmd-compare.h src/cmd-compare.c \
	src/cmd-report.h src/cmd-report.c

check_PROGRAMS += tests/test-results tests/test-journal tests/test-export \
	tests/test-compare-cmd tests/test-report-cmd
TESTS += tests/test-results tests/test-journal tests/test-export \
	tests/test-compare-cmd tests/test-report-cmd
tests_test_results_SOURCES = tests/test-results.c
tests_test_journal_SOURCES = tests/test-journal.c
tests_test_export_SOURCES = tests/test-export.c
tests_test_compare_cmd_SOURCES = tests/test-compare-cmd.c
tests_test_report_cmd_SOURCES = tests/test-report-cmd.c
EXTRA_DIST += tests/report-fixture.h

# The subcommands through the real binary, on journals a run left behind.
TESTS += tests/report-cmd.sh
EXTRA_DIST += tests/report-cmd.sh \
	tests/fixtures/run-20240501-120000.journal.jsonl \
	tests/fixtures/run-20240502-120000.journal.jsonl

# The text escapers' family, target by target.
check_PROGRAMS += tests/test-text-escape
TESTS += tests/test-text-escape
tests_test_text_escape_SOURCES = tests/test-text-escape.c
