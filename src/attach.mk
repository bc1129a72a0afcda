# Runs that outlive the terminal, their second half: the dashboard's feed (the run's own data
# in-process, replicas in a viewer), the instance's socket carrying it, and `benchtop attach`.
libbenchtop_a_SOURCES += \
	src/dash-feed.h src/app-feed.h src/app-feed.c
