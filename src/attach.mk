# Runs that outlive the terminal, their second half: the dashboard's feed (the run's own data
# in-process, replicas in a viewer), the instance's socket carrying it, and `benchtop attach`.
libbenchtop_a_SOURCES += \
	src/dash-feed.h src/app-feed.h src/app-feed.c
libbenchtop_a_SOURCES += \
	src/attach-wire.h src/attach-wire.c src/store-wire.h src/store-wire.c \
	src/attach-hub.h src/attach-hub.c src/app-attach.c
libbenchtop_a_SOURCES += \
	src/attach-view.h src/attach-view.c src/cmd-attach.h src/cmd-attach.c

# benchtop attach through the real binary: the refusals, a headless viewer, two dashboards in tmux.
TESTS += tests/attach.sh
EXTRA_DIST += tests/attach.sh
