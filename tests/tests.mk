# Core unit tests and the tests that drive the real binary.
EXTRA_DIST += tests/check.h

# The metric sources on fixture machines (tests/fixtures) and on this one.
check_PROGRAMS += tests/test-sources
TESTS += tests/test-sources
tests_test_sources_SOURCES = tests/test-sources.c
EXTRA_DIST += tests/fixtures
