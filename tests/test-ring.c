/* Rings keep the newest values, in order, across wrap-around; aggregates skip NAN;
 * coarse rings fold values into per-minute buckets and mark gaps. */
#include "config.h"

#include "check.h"
#include "ring.h"
#include "store.h"

static void ring_wraps(void)
{
	struct ring r;
	CHECK_INT(ring_init(&r, 4), 0);
	CHECK(isnan(ring_last(&r)));
	for (int i = 1; i <= 10; i++)
		ring_push(&r, (float)i);
	CHECK_INT(r.count, 4);
	CHECK_NEAR(ring_get(&r, 0), 7, 0);
	CHECK_NEAR(ring_get(&r, 3), 10, 0);
	CHECK_NEAR(ring_last(&r), 10, 0);
	CHECK(isnan(ring_get(&r, 4)));
	float out[8];
	CHECK_INT(ring_copy_last(&r, 2, out), 2);
	CHECK_NEAR(out[0], 9, 0);
	CHECK_NEAR(out[1], 10, 0);
	CHECK_INT(ring_copy_last(&r, 8, out), 4);
	CHECK_NEAR(out[0], 7, 0);
	ring_free(&r);
}

static void ring_aggregates(void)
{
	struct ring r;
	ring_init(&r, 8);
	float v[] = { 5, NAN, 1, 3, 9 };
	for (int i = 0; i < 5; i++)
		ring_push(&r, v[i]);
	struct ring_agg a = ring_window(&r, 3);
	CHECK_INT(a.n, 3);
	CHECK_NEAR(a.min, 1, 0);
	CHECK_NEAR(a.max, 9, 0);
	CHECK_NEAR(a.mean, 13.0 / 3, 1e-12);
	a = ring_window(&r, 100);   /* more than kept: the whole ring, NAN skipped */
	CHECK_INT(a.n, 4);
	CHECK_NEAR(a.mean, 18.0 / 4, 1e-12);
	struct ring empty;
	ring_init(&empty, 3);
	a = ring_window(&empty, 3);
	CHECK_INT(a.n, 0);
	CHECK(isnan(a.mean));
	ring_free(&empty);
	ring_free(&r);
}

static void coarse_buckets(void)
{
	struct coarse c;
	CHECK_INT(coarse_init(&c, 3, 60), 0);
	/* minute 0: 1..3; minute 1: 10; minutes 2 and 3 empty; minute 4: 7 then minute 5 starts */
	coarse_add(&c, 0, 1);
	coarse_add(&c, 20, 2);
	coarse_add(&c, 59, 3);
	CHECK_INT(coarse_count(&c), 0);     /* a bucket enters when it is finished */
	coarse_add(&c, 61, 10);
	CHECK_INT(coarse_count(&c), 1);
	CHECK_NEAR(ring_get(&c.min, 0), 1, 0);
	CHECK_NEAR(ring_get(&c.avg, 0), 2, 1e-6);
	CHECK_NEAR(ring_get(&c.max, 0), 3, 0);
	coarse_add(&c, 250, 7);
	/* minute 1 finished, 2 and 3 are gaps: capacity 3 keeps minutes 1..3 */
	CHECK_INT(coarse_count(&c), 3);
	CHECK_NEAR(ring_get(&c.avg, 0), 10, 0);
	CHECK(isnan(ring_get(&c.avg, 1)));
	CHECK(isnan(ring_get(&c.avg, 2)));
	CHECK_NEAR(coarse_last_start(&c), 180, 0);
	coarse_free(&c);
}

static void store_is_bounded(void)
{
	struct store s;
	/* 10 s of history at 0.5 s: 20 points, however long the run. */
	CHECK_INT(store_init(&s, 10, 0.5), 0);
	CHECK_INT(s.cap, 20);
	struct frame f;
	for (int i = 0; i < 1000; i++) {
		frame_clear(&f);
		f.t = 1000 + i * 0.5;
		f.cpu.total = i % 100;
		f.mem.total = 1000;
		f.mem.used = 250;
		store_push(&s, &f);
	}
	CHECK_INT(store_count(&s), 20);
	CHECK_INT(s.frames, 1000);
	CHECK_NEAR(store_time(&s, 19), 1000 + 999 * 0.5, 1e-9);
	CHECK_NEAR(store_time(&s, 0), 1000 + 980 * 0.5, 1e-9);
	CHECK_NEAR(ring_last(&s.series[SERIES_CPU]), 99, 0);
	CHECK_NEAR(ring_last(&s.series[SERIES_MEM]), 25, 1e-6);
	CHECK(isnan(ring_last(&s.series[SERIES_GPU_UTIL])));
	/* 500 s of frames: 8 finished minutes in the coarse ring */
	CHECK_INT(coarse_count(&s.coarse[SERIES_CPU]), 8);
	store_free(&s);
}

/* Spans come from the timestamps: after the rate changes, the last minute is still a minute. */
static void store_windows(void)
{
	struct store s;
	CHECK_INT(store_init(&s, 3600, 0.5), 0);
	struct frame f;
	double t = 10000;
	for (int i = 0; i < 120; i++, t += 1) {          /* two minutes at 1 s: cpu 10 */
		frame_clear(&f);
		f.t = t;
		f.cpu.total = 10;
		store_push(&s, &f);
	}
	for (int i = 0; i < 60; i++, t += 0.5) {         /* then 30 s at 0.5 s: cpu 30, a GPU, a stressor */
		frame_clear(&f);
		f.t = t;
		f.cpu.total = 30;
		f.ngpus = 1;
		f.gpus[0].util = 70;
		f.nstress = 1;
		f.stress[0].on = 1;
		f.stress[0].achieved = 42;
		store_push(&s, &f);
	}
	double t1 = t - 0.5;
	float out[8];
	/* The last minute in two columns: the older half at 10, the newer half at 30. */
	CHECK_INT(store_window(&s, SERIES_CPU, t1 - 60, t1, out, 2), 2);
	CHECK_NEAR(out[0], 10, 1e-6);
	CHECK_NEAR(out[1], 30, 1e-6);
	/* Fewer points than columns: one column each. */
	CHECK_INT(store_window(&s, SERIES_CPU, t1 - 2, t1, out, 8), 5);
	/* Rows that came later have their own series, NAN before they came. */
	CHECK_INT(store_window(&s, SERIES_GPU(0), t1 - 60, t1, out, 2), 2);
	CHECK(isnan(out[0]));
	CHECK_NEAR(out[1], 70, 1e-6);
	CHECK_INT(store_last(&s, SERIES_STRESS(0), 4, out), 4);
	CHECK_NEAR(out[3], 42, 1e-6);
	CHECK_INT(store_last(&s, SERIES_STRESS(1), 4, out), 0);    /* never seen */
	CHECK_INT(store_last(&s, SERIES_GPU(1), 4, out), 0);
	store_free(&s);
}

int main(void)
{
	store_windows();
	ring_wraps();
	ring_aggregates();
	coarse_buckets();
	store_is_bounded();
	return check_result();
}
