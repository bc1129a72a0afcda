# Reading outside input safely: bounded file reads, text shown visibly, string sets.
libbenchtop_a_SOURCES += \
	src/text-visible.h src/text-visible.c \
	src/file-read.h src/file-read.c \
	src/strset.h src/strset.c

# Hostile and broken input through the real binary; escape sequences in tmux.
TESTS += tests/hostile.sh tests/hostile-tmux.sh
EXTRA_DIST += tests/hostile.sh tests/hostile-tmux.sh
