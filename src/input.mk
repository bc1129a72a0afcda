# Reading outside input safely: bounded file reads, text shown visibly, string sets.
libbenchtop_a_SOURCES += \
	src/text-visible.h src/text-visible.c \
	src/file-read.h src/file-read.c \
	src/strset.h src/strset.c

# Hostile and broken input through the real binary; escape sequences in tmux.
TESTS += tests/hostile.sh tests/hostile-tmux.sh
EXTRA_DIST += tests/hostile.sh tests/hostile-tmux.sh bench/suite-load.sh

# Unit tests of the readers above and of figures out of range.
check_PROGRAMS += tests/test-input
TESTS += tests/test-input
tests_test_input_SOURCES = tests/test-input.c
