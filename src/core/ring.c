#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ring.h"

int ring_init(struct ring *r, size_t cap)
{
	memset(r, 0, sizeof *r);
	if (cap == 0)
		cap = 1;
	r->v = malloc(cap * sizeof *r->v);
	if (!r->v)
		return -1;
	/* Touch every page now, so memory use is flat from the first second. */
	for (size_t i = 0; i < cap; i++)
		r->v[i] = NAN;
	r->cap = cap;
	return 0;
}

void ring_free(struct ring *r)
{
	free(r->v);
	memset(r, 0, sizeof *r);
}

void ring_push(struct ring *r, float v)
{
	r->v[r->head] = v;
	r->head = (r->head + 1) % r->cap;
	if (r->count < r->cap)
		r->count++;
}

float ring_get(const struct ring *r, size_t i)
{
	if (i >= r->count)
		return NAN;
	size_t oldest = (r->head + r->cap - r->count) % r->cap;
	return r->v[(oldest + i) % r->cap];
}

float ring_last(const struct ring *r)
{
	return r->count ? ring_get(r, r->count - 1) : NAN;
}

size_t ring_copy_last(const struct ring *r, size_t n, float *out)
{
	if (n > r->count)
		n = r->count;
	for (size_t i = 0; i < n; i++)
		out[i] = ring_get(r, r->count - n + i);
	return n;
}

struct ring_agg ring_window(const struct ring *r, size_t n)
{
	struct ring_agg a = { NAN, NAN, NAN, 0 };
	double sum = 0;
	if (n > r->count)
		n = r->count;
	for (size_t i = r->count - n; i < r->count; i++) {
		float v = ring_get(r, i);
		if (!isfinite(v))
			continue;
		if (a.n == 0 || v < a.min)
			a.min = v;
		if (a.n == 0 || v > a.max)
			a.max = v;
		sum += v;
		a.n++;
	}
	if (a.n)
		a.mean = sum / (double)a.n;
	return a;
}

int coarse_init(struct coarse *c, size_t cap, double bucket_s)
{
	memset(c, 0, sizeof *c);
	if (ring_init(&c->min, cap) < 0 || ring_init(&c->avg, cap) < 0 || ring_init(&c->max, cap) < 0) {
		coarse_free(c);
		return -1;
	}
	c->bucket_s = bucket_s > 0 ? bucket_s : 60;
	c->bucket = -1;
	return 0;
}

void coarse_free(struct coarse *c)
{
	ring_free(&c->min);
	ring_free(&c->avg);
	ring_free(&c->max);
}

static void coarse_flush(struct coarse *c)
{
	ring_push(&c->min, c->n ? (float)c->lo : NAN);
	ring_push(&c->avg, c->n ? (float)(c->sum / (double)c->n) : NAN);
	ring_push(&c->max, c->n ? (float)c->hi : NAN);
	c->sum = 0;
	c->n = 0;
}

void coarse_add(struct coarse *c, double t, float v)
{
	double q = floor(t / c->bucket_s);
	if (!(fabs(q) < 1e15))   /* not a time (NAN, infinite) or a bucket no clock reaches */
		return;
	long b = (long)q;
	if (c->bucket < 0) {
		c->bucket = b;
	} else if (b > c->bucket) {
		coarse_flush(c);
		/* Empty buckets in a gap; more than a ring's worth would all be overwritten anyway. */
		long gap = b - c->bucket - 1;
		if (gap > (long)c->min.cap)
			gap = (long)c->min.cap;
		for (long i = 0; i < gap; i++)
			coarse_flush(c);
		c->bucket = b;
	}
	if (!isfinite(v))
		return;
	if (c->n == 0 || v < c->lo)
		c->lo = v;
	if (c->n == 0 || v > c->hi)
		c->hi = v;
	c->sum += v;
	c->n++;
}

size_t coarse_count(const struct coarse *c)
{
	return c->avg.count;
}

double coarse_last_start(const struct coarse *c)
{
	return c->bucket < 0 ? NAN : (double)(c->bucket - 1) * c->bucket_s;
}
