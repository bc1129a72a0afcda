# The run history: a SQLite database of every run, trends with change points, a CI gate.
AM_CFLAGS += $(SQLITE_CFLAGS)
LDADD += $(SQLITE_LIBS)
libbenchtop_a_SOURCES += \
	src/runner/fingerprint.h src/runner/fingerprint.c \
	src/history/history-db.h src/history/history-db.c \
	src/history/history-write.h src/history/history-write.c \
	src/history/history-key.h src/history/history-key.c \
	src/history/history-read.h src/history/history-read.c src/history/history-series.c \
	src/history/history.h src/history/history-record.c \
	src/stats/changepoint.h src/stats/changepoint.c \
	src/history/trend.h src/history/trend-format.c src/history/trend-html.c src/history/trend-gate.c \
	src/history/cmd-history.h src/history/cmd-history.c \
	src/history/test-match.h src/history/test-match.c \
	src/history/cmd-trend.h src/history/cmd-trend.c

# The change-point detector on synthetic series with known answers.
check_PROGRAMS += tests/test-changepoint
TESTS += tests/test-changepoint
tests_test_changepoint_SOURCES = tests/test-changepoint.c

# --test patterns: the name in any suite or suite/name, as globs; the names suggested for none.
check_PROGRAMS += tests/test-match
TESTS += tests/test-match
tests_test_match_SOURCES = tests/test-match.c

# The run key: the same for a live run and for the run read back from its report or journal.
check_PROGRAMS += tests/test-history-key
TESTS += tests/test-history-key
tests_test_history_key_SOURCES = tests/test-history-key.c

# The history and trend commands through the real binary, on temporary databases; the trend
# page in headless Chromium; runs cut short; hostile text in names, labels and errors; names in
# any script cut and padded by display columns.
TESTS += tests/history.sh tests/history-html.sh tests/history-full.sh tests/history-stopped.sh \
	tests/history-escape.sh tests/history-utf8.sh
EXTRA_DIST += tests/history.sh tests/history-html.sh tests/history-full.sh tests/history-stopped.sh \
	tests/history-escape.sh tests/history-utf8.sh \
	tests/png-bands.py bench/history.sh \
	tests/suites/history-nap.json tests/suites/history-nap-slow.json

# Trends and the gate on imported synthetic histories: steps at either end, the gate window,
# huge values, a history pruned to nothing.
TESTS += tests/trend-synth.sh
EXTRA_DIST += tests/trend-synth.sh

# Runs made by the tests are recorded under the build tree (XDG_DATA_HOME in Makefile.am).
clean-local: clean-history-data
clean-history-data:
	rm -rf tests/xdg-data
.PHONY: clean-history-data

# bench/history.sh builds this on demand: the time to record one run.
EXTRA_PROGRAMS += bench/history-record
bench_history_record_SOURCES = bench/history-record.c
CLEANFILES += bench/history-record
