# Core unit tests and the tests that drive the real binary.
EXTRA_DIST += tests/check.h
