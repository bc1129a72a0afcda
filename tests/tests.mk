# Core unit tests and the tests that drive the real binary.
EXTRA_DIST += tests/check.h tests/capture.h

# Unit tests of the core. THREADED_TESTS are also run under ThreadSanitizer by .ci/run.
THREADED_TESTS += tests/test-queue tests/test-stress tests/test-runner tests/detach.sh
check_PROGRAMS += tests/test-ring tests/test-queue
TESTS += tests/test-ring tests/test-queue
tests_test_ring_SOURCES = tests/test-ring.c
tests_test_queue_SOURCES = tests/test-queue.c

# Built-in kernels: the table, each kernel's behaviour with small params.
check_PROGRAMS += tests/test-kernels
TESTS += tests/test-kernels
tests_test_kernels_SOURCES = tests/test-kernels.c

# Tests that drive the real binary.
TESTS += tests/cli.sh tests/headless.sh tests/thread-names.sh tests/list-figures.sh tests/word-case.sh
EXTRA_DIST += tests/lib.sh tests/tmux-lib.sh tests/cli.sh tests/headless.sh tests/thread-names.sh \
	tests/list-figures.sh tests/word-case.sh

# The metric sources on fixture machines (tests/fixtures) and on this one.
check_PROGRAMS += tests/test-sources
TESTS += tests/test-sources
tests_test_sources_SOURCES = tests/test-sources.c
EXTRA_DIST += tests/fixtures

# Dashboard geometry over every terminal size.
check_PROGRAMS += tests/test-layout
TESTS += tests/test-layout
tests_test_layout_SOURCES = tests/test-layout.c

# The dashboard in tmux.
TESTS += tests/tui.sh tests/tui-open.sh tests/tui-names.sh tests/tui-fit.sh tests/tui-keys.sh
EXTRA_DIST += tests/tui.sh tests/tui-open.sh tests/tui-names.sh tests/tui-fit.sh tests/tui-keys.sh tests/suites/tiny.json tests/suites/slow.json \
	tests/suites/wide.json tests/suites/wide-long.json tests/suites/odd-names.json

# Suites run headless end to end; check-report recomputes a report's statistics.
check_PROGRAMS += tests/check-report
tests_check_report_SOURCES = tests/check-report.c
TESTS += tests/suite-run.sh
EXTRA_DIST += tests/suite-run.sh tests/suites/naps.json

# Suites that would not run as written are refused up front, with exit 2 and one line.
TESTS += tests/suite-refused.sh tests/matrix-labels.sh
EXTRA_DIST += tests/suite-refused.sh tests/matrix-labels.sh

# The disk stressor on a filesystem that fills up (a tmpfs; skipped without root).
TESTS += tests/hdd-full.sh tests/runs.sh tests/detach.sh tests/stop-wait.sh tests/dash-signals.sh
EXTRA_DIST += tests/hdd-full.sh tests/runs.sh tests/detach.sh tests/stop-wait.sh tests/dash-signals.sh

# How a run ends: e with --no-report, reports on a full disk, a crash of the run, the verdict
# of a detached run for attach and stop.
TESTS += tests/run-end.sh tests/detach-verdict.sh
EXTRA_DIST += tests/run-end.sh tests/detach-verdict.sh
