# Fuzzing: one libFuzzer harness per reader of outside input (tests/fuzz/fuzz-*.c).
# `make check` replays each harness's seed corpus and regression inputs through replay.c
# with the configured compiler and sanitizers; `make fuzz FUZZ_SECONDS=N` builds the
# harnesses with clang -fsanitize=fuzzer,address,undefined and runs each N seconds.
FUZZ_HARNESSES = suite theme journal report units sources attach instance
FUZZ_SECONDS = 60
FUZZ_CC = clang
FUZZ_DIR = fuzz-build

FUZZ_REPLAYS = tests/fuzz/replay-suite tests/fuzz/replay-theme tests/fuzz/replay-journal \
	tests/fuzz/replay-report tests/fuzz/replay-units tests/fuzz/replay-sources tests/fuzz/replay-attach \
	tests/fuzz/replay-instance
check_PROGRAMS += $(FUZZ_REPLAYS)
TESTS += $(FUZZ_REPLAYS)
FUZZ_REPLAY_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz-common.c tests/fuzz/fuzz.h
tests_fuzz_replay_suite_SOURCES = $(FUZZ_REPLAY_SOURCES) tests/fuzz/fuzz-suite.c
tests_fuzz_replay_suite_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"suite"'
tests_fuzz_replay_theme_SOURCES = $(FUZZ_REPLAY_SOURCES) tests/fuzz/fuzz-theme.c
tests_fuzz_replay_theme_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"theme"'
tests_fuzz_replay_journal_SOURCES = $(FUZZ_REPLAY_SOURCES) tests/fuzz/fuzz-journal.c
tests_fuzz_replay_journal_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"journal"'
tests_fuzz_replay_report_SOURCES = $(FUZZ_REPLAY_SOURCES) tests/fuzz/fuzz-report.c
tests_fuzz_replay_report_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"report"'
tests_fuzz_replay_units_SOURCES = $(FUZZ_REPLAY_SOURCES) tests/fuzz/fuzz-units.c
tests_fuzz_replay_units_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"units"'
tests_fuzz_replay_sources_SOURCES = $(FUZZ_REPLAY_SOURCES) tests/fuzz/fuzz-sources.c
tests_fuzz_replay_sources_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"sources"'
tests_fuzz_replay_attach_SOURCES = $(FUZZ_REPLAY_SOURCES) tests/fuzz/fuzz-attach.c
tests_fuzz_replay_attach_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"attach"'
tests_fuzz_replay_instance_SOURCES = $(FUZZ_REPLAY_SOURCES) tests/fuzz/fuzz-instance.c
tests_fuzz_replay_instance_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"instance"'

EXTRA_DIST += tests/fuzz/run-fuzz.sh tests/fuzz/corpus tests/fuzz/regress

fuzz: libbenchtop.a
	@FUZZ_CC='$(FUZZ_CC)' FUZZ_SECONDS='$(FUZZ_SECONDS)' FUZZ_DIR='$(FUZZ_DIR)' \
	FUZZ_HARNESSES='$(FUZZ_HARNESSES)' FUZZ_SRCDIR='$(abs_top_srcdir)' FUZZ_COUNTS='$(FUZZ_COUNTS)' \
	FUZZ_DATADIR='$(pkgdatadir)' \
	FUZZ_CPPFLAGS='$(DEFS) -I$(abs_top_builddir) $(BENCHTOP_LAYERS:%=-I$(abs_top_srcdir)/src/%) -I$(abs_top_srcdir)/src -I$(abs_top_srcdir)/widgets -I$(abs_top_srcdir)/suites $(CPPFLAGS) $(NCURSESW_CFLAGS) $(STATGRAB_CFLAGS) $(CJSON_CFLAGS)' \
	FUZZ_LIBS='$(LDADD:libbenchtop.a=) $(PTHREAD_CFLAGS)' \
	$(SHELL) $(srcdir)/tests/fuzz/run-fuzz.sh $(filter %.c,$(libbenchtop_a_SOURCES))

# Exit 0 when $(FUZZ_CC) can build a libFuzzer program (.ci/run asks before fuzzing).
fuzz-available:
	@FUZZ_CC='$(FUZZ_CC)' FUZZ_DIR='$(FUZZ_DIR)' $(SHELL) $(srcdir)/tests/fuzz/run-fuzz.sh --probe

clean-local: clean-fuzz
clean-fuzz:
	rm -rf $(FUZZ_DIR)
.PHONY: fuzz fuzz-available clean-fuzz
