/* metrics-collect.h - benchtop's figures as metric families, under node_exporter's names where
 * the meaning is the same and under benchtop_ otherwise.
 *
 * The collector reads plain data (a frame, rows describing the tests, the run) that the adapter
 * (metrics-app.c) gathers from the app, and builds metric sets that own copies of everything.
 * Host counters node_exporter keeps since boot (CPU seconds, disk and network bytes) are
 * integrated here from the frames' rates, starting at 0 when benchtop starts: rate() reads
 * them as it reads node_exporter's. Main thread only.
 */
#ifndef BENCHTOP_METRICS_COLLECT_H
#define BENCHTOP_METRICS_COLLECT_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "metrics-procstat.h"
#include "metrics-set.h"
#include "stats.h"

/* One test variant as the metrics see it. */
struct metrics_test {
	const char *suite, *test, *variant;  /* variant as "k=v, k=v", "" when none */
	const char *unit;                    /* the metric's unit as the suite says it ("s", "MB/s") */
	const char *status;                  /* "running", "pass", "fail", ... */
	int running, finished;               /* finished includes skipped */
	int iteration, planned;              /* running: the iteration under way (warmups included)
	                                        of planned (0: until a time is reached) */
	const struct stats *stats;           /* finished with samples: the summary; NULL otherwise */
};

struct metrics_run {
	double started;                      /* Unix seconds; NAN before a run */
	double duration;                     /* seconds so far, or the whole run */
	double exit_status;                  /* NAN until the run has ended */
};

struct metrics_input {
	const char *version;
	const struct frame *frame;           /* the newest, NULL before the first */
	double now;                          /* Unix seconds */
	uint64_t frames;
	unsigned long dropped;
	double interval;                     /* seconds */
	const struct metrics_test *tests;
	size_t ntests;
	struct metrics_run run;
};

#define METRICS_MAX_DEVICES 64

struct metrics_device_total {
	char name[FRAME_NAME];
	double a, b, c, d;                   /* disks: read, written bytes, reads, writes; nets: rx, tx */
};

struct metrics_collect {
	const char *proc_root;               /* set: node_cpu_seconds_total from its stat, every mode */
	struct procstat_cpus procstat;       /* ... as read with the last frame */
	double last_mono;                    /* of the last frame integrated; 0 before */
	uint64_t last_seq;
	double cpu_idle_s[FRAME_MAX_CORES];
	int cpu_seen[FRAME_MAX_CORES];
	struct metrics_device_total disks[METRICS_MAX_DEVICES], nets[METRICS_MAX_DEVICES];
	int ndisks, nnets;
};

extern const struct metric_family metrics_families[];
extern const size_t metrics_nfamilies;

void metrics_collect_init(struct metrics_collect *c);
/* Integrates one frame's rates into the counters (a frame seen before is ignored). */
void metrics_collect_frame(struct metrics_collect *c, const struct frame *f);
/* Every family: host, sampler, stressors, GPUs, tests running and finished, the run.
 * NULL when out of memory. */
struct metric_set *metrics_collect_live(const struct metrics_collect *c, const struct metrics_input *in);
/* What a finished run leaves for a Pushgateway or the textfile collector: build info, each
 * finished test's summary and status, the run's start, duration and exit status. suite NULL:
 * every suite; otherwise only that suite's tests. No host figures, no timestamps. */
struct metric_set *metrics_collect_summary(const struct metrics_input *in, const char *suite);

#endif
