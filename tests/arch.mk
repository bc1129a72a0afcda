# The architecture's own checks: no include cycle, and each family grows by one file and one line.
TESTS += tests/include-cycles.sh tests/families.sh
EXTRA_DIST += tests/include-cycles.sh tests/families.sh

# tests/families.sh builds benchtop again with a dummy of each family: it needs the compile line.
print-build-flags:
	@echo CC: $(CC)
	@echo CFLAGS: $(DEFS) -I$(abs_top_builddir) $(AM_CPPFLAGS) $(CPPFLAGS) $(AM_CFLAGS) $(CFLAGS)
	@echo LIBS: $(AM_LDFLAGS) $(LDFLAGS) $(LDADD:libbenchtop.a=)
.PHONY: print-build-flags
