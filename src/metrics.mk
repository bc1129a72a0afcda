# Fleets: /metrics for Prometheus (libmicrohttpd), finished runs to a Pushgateway (libcurl),
# and node_exporter's textfile directory.
libbenchtop_a_SOURCES += \
	src/metrics/metrics-set.h src/metrics/metrics-set.c \
	src/metrics/metrics-text.h src/metrics/metrics-text.c \
	src/metrics/metrics-publish.h src/metrics/metrics-publish.c \
	src/metrics/metrics-collect.h src/metrics/metrics-collect.c \
	src/metrics/metrics-procstat.h src/metrics/metrics-procstat.c \
	src/metrics/metrics-http.h src/metrics/metrics-http.c \
	src/metrics/metrics-push.h src/metrics/metrics-push.c \
	src/metrics/metrics-push-job.h src/metrics/metrics-push-job.c \
	src/metrics/metrics-textfile.h src/metrics/metrics-textfile.c \
	src/metrics/curl-lib.h src/metrics/mhd-lib.h src/metrics/net-lib.c \
	src/metrics/metrics-app.c
# libmicrohttpd and libcurl: headers at build time, dlopen at run time (net-lib.c), so a run
# without --listen or --push never maps them or their TLS stacks.
AM_CFLAGS += $(MHD_CFLAGS) $(CURL_CFLAGS) $(ZLIB_CFLAGS)
LDADD += $(ZLIB_LIBS)

# The writer, the snapshot hand-off under concurrent scrapes, and the server in-process.
THREADED_TESTS += tests/test-metrics
check_PROGRAMS += tests/test-metrics
TESTS += tests/test-metrics
tests_test_metrics_SOURCES = tests/test-metrics.c

# The real binary against curl, promtool, prometheus_client, a real Prometheus and Pushgateway.
TESTS += tests/metrics.sh tests/metrics-prometheus.sh tests/metrics-push.sh tests/metrics-push-suites.sh tests/metrics-textfile.sh tests/metrics-listen-any.sh tests/metrics-push-signal.sh tests/metrics-push-url.sh tests/metrics-push-dash.sh tests/metrics-netlib.sh
EXTRA_DIST += tests/metrics.sh tests/metrics-prometheus.sh tests/metrics-push.sh tests/metrics-push-suites.sh tests/metrics-textfile.sh tests/metrics-listen-any.sh tests/metrics-push-signal.sh tests/metrics-push-url.sh tests/metrics-push-dash.sh tests/metrics-netlib.sh tests/metrics-lib.sh \
	bench/metrics.sh
