# Reading outside input safely: bounded file reads, text shown visibly, string sets.
libbenchtop_a_SOURCES += \
	src/lib/text-visible.h src/lib/text-visible.c \
	src/lib/text-column.h src/lib/text-column.c \
	src/lib/file-read.h src/lib/file-read.c \
	src/lib/strset.h src/lib/strset.c

# Hostile and broken input through the real binary; escape sequences in tmux.
TESTS += tests/hostile.sh tests/hostile-tmux.sh
EXTRA_DIST += tests/hostile.sh tests/hostile-tmux.sh bench/suite-load.sh

# Unit tests of the readers above and of figures out of range.
check_PROGRAMS += tests/test-input
TESTS += tests/test-input
tests_test_input_SOURCES = tests/test-input.c
