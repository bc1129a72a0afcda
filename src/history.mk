# The run history: a SQLite database of every run, trends with change points, a CI gate.
AM_CFLAGS += $(SQLITE_CFLAGS)
LDADD += $(SQLITE_LIBS)
libbenchtop_a_SOURCES += \
	src/fingerprint.h src/fingerprint.c \
	src/history-db.h src/history-db.c \
	src/history-write.h src/history-write.c \
	src/history-read.h src/history-read.c src/history-series.c \
	src/history.h src/history-record.c \
	src/changepoint.h src/changepoint.c \
	src/trend.h src/trend-format.c src/trend-html.c \
	src/cmd-history.h src/cmd-history.c \
	src/cmd-trend.h src/cmd-trend.c

# The change-point detector on synthetic series with known answers.
check_PROGRAMS += tests/test-changepoint
TESTS += tests/test-changepoint
tests_test_changepoint_SOURCES = tests/test-changepoint.c

# The history and trend commands through the real binary, on temporary databases; the trend
# page in headless Chromium.
TESTS += tests/history.sh tests/history-html.sh tests/history-full.sh
EXTRA_DIST += tests/history.sh tests/history-html.sh tests/history-full.sh tests/png-bands.py bench/history.sh \
	tests/suites/history-nap.json tests/suites/history-nap-slow.json

# Runs made by the tests are recorded under the build tree (XDG_DATA_HOME in Makefile.am).
clean-local: clean-history-data
clean-history-data:
	rm -rf tests/xdg-data
.PHONY: clean-history-data

# bench/history.sh builds this on demand: the time to record one run.
EXTRA_PROGRAMS += bench/history-record
bench_history_record_SOURCES = bench/history-record.c
CLEANFILES += bench/history-record
