# Load and stress generators: the engine (stress-engine.c), the duty cycle of the load % ones
# (stress-duty.c) and one file per generator.
libbenchtop_a_SOURCES += \
	src/stress/stress.h src/stress/stressor.h src/stress/stressor-list.h src/stress/stress-engine.c src/stress/stress-config.c \
	src/stress/stress-duty.h src/stress/stress-duty.c src/stress/stress-device.c \
	src/stress/stress-cpu.c src/stress/stress-vm.c src/stress/stress-hdd.c

# Threaded: run under ThreadSanitizer too (tests/tests.mk lists it in THREADED_TESTS).
check_PROGRAMS += tests/test-stress
TESTS += tests/test-stress tests/stress-keys.sh tests/stress-options.sh
EXTRA_DIST += tests/stress-keys.sh tests/stress-options.sh
tests_test_stress_SOURCES = tests/test-stress.c

# bench/cpu-load.sh builds this driver with `make bench/stress-run`; it is not installed.
EXTRA_PROGRAMS += bench/stress-run
bench_stress_run_SOURCES = bench/stress-run.c
CLEANFILES += bench/stress-run
EXTRA_DIST += bench/cpu-load.sh
