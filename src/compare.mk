# The comparison of reports: rank test, bootstrap, matching tests across reports, output formats.
libbenchtop_a_SOURCES += \
	src/ranktest.h src/ranktest.c \
	src/bootstrap.h src/bootstrap.c \
	src/compare-table.h src/compare-table.c \
	src/compare-format.h src/compare-format.c
