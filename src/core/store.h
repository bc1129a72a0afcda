/* store.h - everything the views draw, owned by the main thread (no locks on the draw path).
 *
 * One full-resolution ring per series, pushed in lockstep with one ring of timestamps, so
 * point i of every series belongs to the same tick; plus one coarse (per-minute min/mean/max)
 * ring per series for the whole of a long run. A series' rings are allocated whole (and
 * touched) once: memory does not grow with run length. The newest frame is kept whole for the
 * gauges.
 *
 * The CPU series, whose ring keeps the count and head of all, is made in store_init; every
 * other one (the fixed series and the rows that come and go: each stress generator's achieved
 * figure SERIES_STRESS(g), each GPU's utilisation SERIES_GPU(i) and power SERIES_GPU_POWER(i))
 * the first time it has a value, filled with NAN back to the first point so that all stay in
 * lockstep. A machine without sensors, GPUs or stress pays nothing for them.
 */
#ifndef BENCHTOP_STORE_H
#define BENCHTOP_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "ring.h"

enum store_series {
	SERIES_CPU,          /* percent */
	SERIES_MEM,          /* percent of total */
	SERIES_SWAP,         /* percent of total */
	SERIES_DISK_READ,    /* bytes/s, all disks */
	SERIES_DISK_WRITE,
	SERIES_NET_RX,       /* bytes/s, all interfaces */
	SERIES_NET_TX,
	SERIES_TEMP,         /* hottest sensor, C */
	SERIES_POWER,        /* CPU package, W */
	SERIES_GPU_UTIL,     /* busiest GPU, percent */
	SERIES_GPU_MEM,      /* GPU memory used, all GPUs, bytes */
	SERIES_CPU_MHZ,      /* mean clock of the cores, MHz */
	SERIES_COUNT
};

struct series_info {
	const char *name;    /* "cpu", "mem", ... */
	const char *unit;    /* "%", "B/s", "C", "W", "B" */
	double (*get)(const struct frame *f);
};

extern const struct series_info series_table[SERIES_COUNT];

#define SERIES_STRESS(g) (SERIES_COUNT + (g))                      /* generator g's achieved figure */
#define SERIES_GPU(i)    (SERIES_COUNT + FRAME_MAX_STRESS + (i))   /* GPU i's utilisation, percent */
#define SERIES_GPU_POWER(i) (SERIES_COUNT + FRAME_MAX_STRESS + FRAME_MAX_GPUS + (i))   /* GPU i's power, W */
#define SERIES_MAX       (SERIES_COUNT + FRAME_MAX_STRESS + 2 * FRAME_MAX_GPUS)

#define STORE_COARSE_BUCKET_S 60.0
#define STORE_COARSE_CAP      (48 * 60)   /* two days of minutes */

struct store {
	size_t cap;
	double *times;                /* Unix seconds, parallel to every series ring */
	struct ring series[SERIES_MAX];       /* .v NULL: a row not seen yet */
	struct coarse coarse[SERIES_MAX];
	struct frame latest;
	int have_latest;
	uint64_t frames;              /* frames received */
	unsigned long dropped;        /* frames the queue dropped, as last seen */
};

/* history_s / interval_s points per series (at least 2). 0, or -1 when out of memory. */
int    store_init(struct store *s, double history_s, double interval_s);
void   store_free(struct store *s);
void   store_push(struct store *s, const struct frame *f);
size_t store_count(const struct store *s);
/* Time of point i (0 oldest), as ring_get counts. */
double store_time(const struct store *s, size_t i);
/* Series id (SERIES_*) between Unix times t0 and t1 (t0 -INFINITY: all that is kept), in at
 * most `points` columns of equal time, each the mean of the points whose timestamps fall in it
 * (NAN when none does): spans come from the timestamps, whatever the sampling interval was.
 * Reads the full-resolution ring when it reaches back to t0, else the per-minute means.
 * Columns start at the first point at or after t0. Returns how many it filled. */
size_t store_window(const struct store *s, int series, double t0, double t1, float *out, size_t points);
/* The newest n points of a series, oldest first (fewer when fewer are kept); 0 for a row
 * never seen. */
size_t store_last(const struct store *s, int series, size_t n, float *out);

#endif
