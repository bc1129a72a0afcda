/* store.h - everything the views draw, owned by the main thread (no locks on the draw path).
 *
 * One full-resolution ring per series, pushed in lockstep with one ring of timestamps, so
 * point i of every series belongs to the same tick; plus one coarse (per-minute min/mean/max)
 * ring per series for the whole of a long run. Everything is allocated once in store_init:
 * memory does not grow with run length. The newest frame is kept whole for the gauges.
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
	SERIES_COUNT
};

struct series_info {
	const char *name;    /* "cpu", "mem", ... */
	const char *unit;    /* "%", "B/s", "C", "W", "B" */
	double (*get)(const struct frame *f);
};

extern const struct series_info series_table[SERIES_COUNT];

#define STORE_COARSE_BUCKET_S 60.0
#define STORE_COARSE_CAP      (48 * 60)   /* two days of minutes */

struct store {
	size_t cap;
	double *times;                /* Unix seconds, parallel to every series ring */
	struct ring series[SERIES_COUNT];
	struct coarse coarse[SERIES_COUNT];
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

#endif
