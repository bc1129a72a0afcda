# Runs that outlive the terminal, their second half: the dashboard's feed (the run's own data
# in-process, replicas in a viewer), the instance's socket carrying it, and `benchtop attach`.
libbenchtop_a_SOURCES += \
	src/view/dash-feed.h src/core/app-feed.h src/core/app-feed.c
libbenchtop_a_SOURCES += \
	src/view/attach-wire.h src/view/attach-wire.c src/core/store-wire.h src/core/store-wire.c \
	src/view/attach-hub.h src/view/attach-hub.c src/core/app-attach.c
libbenchtop_a_SOURCES += \
	src/view/attach-view.h src/view/attach-view.c src/view/cmd-attach.h src/view/cmd-attach.c

# benchtop attach through the real binary: the refusals, a headless viewer, two dashboards in tmux.
TESTS += tests/attach.sh tests/attach-term.sh
EXTRA_DIST += tests/attach.sh tests/attach-term.sh

# The protocol's parts: the store copied as bytes, the hello, the viewers' hub (threaded).
check_PROGRAMS += tests/test-attach
TESTS += tests/test-attach
THREADED_TESTS += tests/test-attach
tests_test_attach_SOURCES = tests/test-attach.c

# Twenty viewers attaching and leaving (some killed -9, one never reading) while a suite runs.
TESTS += tests/attach-viewers.sh
THREADED_TESTS += tests/attach-viewers.sh
EXTRA_DIST += tests/attach-viewers.sh
EXTRA_DIST += bench/viewers.sh
