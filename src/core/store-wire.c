/* store-wire.c - a store as bytes and back (store-wire.h). */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store-wire.h"

#define RING_MAX (1u << 26)   /* more points than any --history and --interval give */

static void ring_put(struct wire_buf *b, const struct ring *r)
{
	uint64_t cap = r->cap, count = r->count;
	wire_put(b, &cap, sizeof cap);
	wire_put(b, &count, sizeof count);
	for (size_t i = 0; i < r->count; i++) {
		float v = ring_get(r, i);
		wire_put(b, &v, sizeof v);
	}
}

static int ring_read(struct wire_rd *rd, struct ring *r)
{
	uint64_t cap = 0, count = 0;
	wire_get(rd, &cap, sizeof cap);
	wire_get(rd, &count, sizeof count);
	if (rd->bad || cap == 0 || cap > RING_MAX || count > cap || (rd->len - rd->off) / sizeof(float) < count ||
	    ring_init(r, (size_t)cap) < 0)
		return -1;
	for (uint64_t i = 0; i < count; i++) {
		float v;
		wire_get(rd, &v, sizeof v);
		ring_push(r, v);
	}
	return 0;
}

struct coarse_scalars {
	double bucket_s, sum, lo, hi;
	int64_t bucket;
	uint64_t n;
};

void store_wire_put(struct wire_buf *b, const struct store *s)
{
	uint64_t cap = s->cap, count = store_count(s);
	wire_put(b, &cap, sizeof cap);
	wire_put(b, &count, sizeof count);
	for (size_t i = 0; i < count; i++) {
		double t = store_time(s, i);
		wire_put(b, &t, sizeof t);
	}
	for (int i = 0; i < SERIES_MAX; i++) {
		uint8_t present = s->series[i].v != NULL;
		wire_put(b, &present, 1);
		if (!present)
			continue;
		ring_put(b, &s->series[i]);
		const struct coarse *c = &s->coarse[i];
		ring_put(b, &c->min);
		ring_put(b, &c->avg);
		ring_put(b, &c->max);
		struct coarse_scalars cs = { c->bucket_s, c->sum, c->lo, c->hi, c->bucket, c->n };
		wire_put(b, &cs, sizeof cs);
	}
	int32_t have = s->have_latest;
	uint64_t frames = s->frames, dropped = s->dropped;
	wire_put(b, &s->latest, sizeof s->latest);
	wire_put(b, &have, sizeof have);
	wire_put(b, &frames, sizeof frames);
	wire_put(b, &dropped, sizeof dropped);
}

int store_wire_get(struct wire_rd *rd, struct store *s)
{
	if (s->times)
		store_free(s);
	memset(s, 0, sizeof *s);
	uint64_t cap = 0, count = 0;
	wire_get(rd, &cap, sizeof cap);
	wire_get(rd, &count, sizeof count);
	if (rd->bad || cap < 2 || cap > RING_MAX || count > cap || (rd->len - rd->off) / sizeof(double) < count)
		return -1;
	s->cap = (size_t)cap;
	s->times = malloc(s->cap * sizeof *s->times);
	if (!s->times)
		return -1;
	for (size_t i = 0; i < s->cap; i++)
		s->times[i] = NAN;
	for (uint64_t i = 0; i < count; i++)
		wire_get(rd, &s->times[i], sizeof *s->times);
	for (int i = 0; i < SERIES_MAX; i++) {
		uint8_t present = 0;
		wire_get(rd, &present, 1);
		if (!present)
			continue;
		struct coarse *c = &s->coarse[i];
		struct coarse_scalars cs;
		if (ring_read(rd, &s->series[i]) < 0 || s->series[i].cap != s->cap || s->series[i].count != count ||
		    ring_read(rd, &c->min) < 0 || ring_read(rd, &c->avg) < 0 || ring_read(rd, &c->max) < 0)
			goto bad;
		wire_get(rd, &cs, sizeof cs);
		c->bucket_s = cs.bucket_s > 0 ? cs.bucket_s : STORE_COARSE_BUCKET_S;
		c->sum = cs.sum;
		c->lo = cs.lo;
		c->hi = cs.hi;
		/* A bucket index no clock reaches (or that would overflow a difference) starts afresh. */
		c->bucket = cs.bucket > -1 && cs.bucket < 1e15 ? (long)cs.bucket : -1;
		c->n = (size_t)cs.n;
	}
	if (!s->series[0].v)
		goto bad;
	int32_t have = 0;
	uint64_t frames = 0, dropped = 0;
	wire_get(rd, &s->latest, sizeof s->latest);
	wire_get(rd, &have, sizeof have);
	wire_get(rd, &frames, sizeof frames);
	wire_get(rd, &dropped, sizeof dropped);
	if (rd->bad)
		goto bad;
	frame_sanitize(&s->latest);
	s->have_latest = have;
	s->frames = frames;
	s->dropped = (unsigned long)dropped;
	return 0;
bad:
	store_free(s);
	memset(s, 0, sizeof *s);
	return -1;
}
