# What people read: numbers with units, the headless run's progress and final table, the
# HTML report's charts, the stress summary, the names of threads.
libbenchtop_a_SOURCES += \
	src/lib/fmt-units.h src/lib/fmt-units.c src/lib/thread-name.h \
	src/stress/stress-tally.h src/stress/stress-tally.c src/stress/stress-tally-end.c \
	src/report/run-table.h src/report/run-table.c \
	src/view/run-progress.h src/view/run-progress.c \
	src/report/html-svg.h src/report/html-svg.c src/report/html-charts.h src/report/html-charts.c

check_PROGRAMS += tests/test-fmt-units tests/test-stress-tally
TESTS += tests/test-fmt-units tests/test-stress-tally
tests_test_fmt_units_SOURCES = tests/test-fmt-units.c
tests_test_stress_tally_SOURCES = tests/test-stress-tally.c

# The headless run through the real binary: progress lines and the final table.
TESTS += tests/run-table.sh
EXTRA_DIST += tests/run-table.sh

# The HTML report in headless Chromium: escaped, self-contained, its charts drawn, photographed.
TESTS += tests/html-report.sh
EXTRA_DIST += tests/html-report.sh

# The headless log's fields: text header and dates, nice/steal/load/clocks, stressor on/target.
TESTS += tests/log-fields.sh
EXTRA_DIST += tests/log-fields.sh
