# Metric sources: one file each, listed in src/sources.c.
libbenchtop_a_SOURCES += src/source.h src/sources.c
