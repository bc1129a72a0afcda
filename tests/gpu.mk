# GPU sources on fake machines: a fake libnvidia-ml and amdgpu sysfs fixtures.
check_PROGRAMS += tests/test-gpu
TESTS += tests/test-gpu
tests_test_gpu_SOURCES = tests/test-gpu.c

# The fake NVML is a plain shared object, built without libtool and without sanitizers:
# it stands in for a vendor library that benchtop loads with dlopen.
check_DATA += tests/libnvidia-ml-fake.so
CLEANFILES += tests/libnvidia-ml-fake.so
EXTRA_DIST += tests/fake-nvml.c tests/fixtures/sysfs-amdgpu
tests/libnvidia-ml-fake.so: tests/fake-nvml.c config.h
	@$(MKDIR_P) tests
	$(AM_V_CC)$(CC) $(WARN_CFLAGS) $(CFLAGS) -I$(top_builddir) -shared -fPIC -O2 \
		-o $@ $(srcdir)/tests/fake-nvml.c
