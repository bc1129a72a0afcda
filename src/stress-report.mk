# Long stress runs: the thermal guard, the app's side of a run with stressors (tally, guard,
# summary at exit) and the reports' stress section.
libbenchtop_a_SOURCES += \
	src/stress/stress-guard.h src/stress/stress-guard.c \
	src/core/app-stress.c \
	src/report/export-stress.h src/report/export-stress.c src/report/export-stress-junit.c

check_PROGRAMS += tests/test-stress-guard
TESTS += tests/test-stress-guard tests/stress-summary.sh tests/thermal-guard.sh tests/stress-after-run.sh
THREADED_TESTS += tests/thermal-guard.sh tests/stress-summary.sh
tests_test_stress_guard_SOURCES = tests/test-stress-guard.c
EXTRA_DIST += tests/stress-summary.sh tests/thermal-guard.sh tests/stress-after-run.sh
