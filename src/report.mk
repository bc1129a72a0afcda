# What a run produced: results, the journal, the reports, and the compare/report subcommands.
libbenchtop_a_SOURCES += \
	src/runner/results.h src/runner/results.c \
	src/runner/results-json.h src/runner/results-json.c \
	src/runner/journal.h src/runner/journal.c \
	src/runner/journal-private.h src/runner/journal-baseline.c \
	src/report/export.h src/report/export.c \
	src/report/export-json.c src/report/export-csv.c src/report/export-md.c src/report/export-html.c src/report/export-junit.c \
	src/lib/text-escape.h src/lib/text-escape.c \
	src/report/report-load.h src/report/report-load.c \
	src/stats/cmd-compare.h src/stats/cmd-compare.c \
	src/report/cmd-report.h src/report/cmd-report.c

check_PROGRAMS += tests/test-results tests/test-journal tests/test-export \
	tests/test-compare-cmd tests/test-report-cmd
TESTS += tests/test-results tests/test-journal tests/test-export \
	tests/test-compare-cmd tests/test-report-cmd
tests_test_results_SOURCES = tests/test-results.c
tests_test_journal_SOURCES = tests/test-journal.c
tests_test_export_SOURCES = tests/test-export.c
tests_test_compare_cmd_SOURCES = tests/test-compare-cmd.c
tests_test_report_cmd_SOURCES = tests/test-report-cmd.c

# Numbers written to JSON read back bit for bit: samples, the start time, the seed.
check_PROGRAMS += tests/test-json-exact
TESTS += tests/test-json-exact
tests_test_json_exact_SOURCES = tests/test-json-exact.c
EXTRA_DIST += tests/report-fixture.h

# The subcommands through the real binary, on journals a run left behind.
TESTS += tests/report-cmd.sh
EXTRA_DIST += tests/report-cmd.sh \
	tests/fixtures/run-20240501-120000.journal.jsonl \
	tests/fixtures/run-20240502-120000.journal.jsonl \
	tests/fixtures/run-20261202-extremes.journal.jsonl

# The text escapers' family, target by target.
check_PROGRAMS += tests/test-text-escape
TESTS += tests/test-text-escape
tests_test_text_escape_SOURCES = tests/test-text-escape.c
