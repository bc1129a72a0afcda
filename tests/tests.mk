# Core unit tests and the tests that drive the real binary.
EXTRA_DIST += tests/check.h
# Built-in kernels: the table, each kernel's behaviour with small params.
check_PROGRAMS += tests/test-kernels
TESTS += tests/test-kernels
tests_test_kernels_SOURCES = tests/test-kernels.c
