/* ring.h - fixed-capacity rings of values, allocated and touched once.
 *
 * A ring keeps the newest `cap` values pushed; pushing past capacity overwrites the oldest.
 * Values are float (a display history needs no more), NAN marks a missing value and is
 * skipped by aggregates. A coarse ring folds values into fixed time buckets (per minute)
 * keeping min, mean and max, so a whole long run can be drawn from a small array.
 * Not thread-safe: one owner (the store, on the main thread).
 */
#ifndef BENCHTOP_RING_H
#define BENCHTOP_RING_H

#include <stddef.h>

struct ring {
	float *v;
	size_t cap;
	size_t head;     /* where the next value goes */
	size_t count;
};

struct ring_agg {
	double min, max, mean;
	size_t n;        /* finite values seen */
};

int    ring_init(struct ring *r, size_t cap);       /* 0, or -1 when out of memory */
void   ring_free(struct ring *r);
void   ring_push(struct ring *r, float v);
/* i = 0 is the oldest value kept, count-1 the newest. */
float  ring_get(const struct ring *r, size_t i);
float  ring_last(const struct ring *r);             /* NAN when empty */
/* Copies the newest n values (fewer when fewer are kept), oldest first; returns how many. */
size_t ring_copy_last(const struct ring *r, size_t n, float *out);
/* min, max, mean of the newest n values, NAN skipped. */
struct ring_agg ring_window(const struct ring *r, size_t n);

struct coarse {
	struct ring min, avg, max;
	double bucket_s;         /* bucket width in seconds (60) */
	long   bucket;           /* index of the bucket being filled, -1 before the first value */
	double sum, lo, hi;
	size_t n;
};

int  coarse_init(struct coarse *c, size_t cap, double bucket_s);
void coarse_free(struct coarse *c);
/* Adds a value at time t (seconds, any epoch). Finished buckets enter the rings; a gap of
 * empty buckets enters as NAN, so bucket i stays at a known time. */
void coarse_add(struct coarse *c, double t, float v);
/* Number of finished buckets kept, and the time at which the newest finished one began. */
size_t coarse_count(const struct coarse *c);
double coarse_last_start(const struct coarse *c);

#endif
