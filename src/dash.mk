# The dashboard's view of a run: the running test and its status line, the header's clock,
# the tests table's columns sized by what they hold, and the history graphs.
libbenchtop_a_SOURCES += \
	src/view/tui-status.c src/view/tui-columns.c src/view/tui-cores.c src/view/tui-help.c src/view/tui-detail-history.c src/view/tui-graph.c \
	src/view/tui-theme.c src/view/tui-log.c

# What a person sees at 80x24 and other sizes while a suite or stressors run, through tmux.
TESTS += tests/tui-run.sh tests/dash-run-end.sh
EXTRA_DIST += tests/tui-run.sh tests/dash-run-end.sh tests/suites/sixteen.json
