/* The change-point detector on synthetic series whose answer is known. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "changepoint.h"
#include "check.h"

/* A fixed generator (xorshift64*), so every run of the test sees the same series. */
static uint64_t rng_state;
static double uniform01(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (double)((rng_state * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}
static double normal(void)
{
	double u = uniform01(), v = uniform01();
	return sqrt(-2 * log(u > 0 ? u : 1e-300)) * cos(2 * M_PI * v);
}
/* n points around 100 with relative noise sd. */
static void noisy(double *x, size_t n, double sd)
{
	for (size_t i = 0; i < n; i++)
		x[i] = 100 * (1 + sd * normal());
}

static size_t detect(const double *x, size_t n, struct changepoint *cp)
{
	struct cp_options o;
	cp_defaults(&o);
	return cp_detect(x, n, &o, cp, 16);
}

/* A 5 % step in 1 % noise after 20 runs is found at run 21 (index 20), with its direction. */
static void test_step(void)
{
	double x[40];
	struct changepoint cp[16];
	int exact = 0;
	for (int seed = 1; seed <= 100; seed++) {
		rng_state = 0x9e3779b97f4a7c15ULL * (uint64_t)seed;
		noisy(x, 40, 0.01);
		for (size_t i = 20; i < 40; i++)
			x[i] *= 1.05;
		size_t n = detect(x, 40, cp);
		CHECK_INT(n, 1);
		if (n != 1)
			continue;
		exact += cp[0].index == 20;
		CHECK(cp[0].index >= 19 && cp[0].index <= 21);
		CHECK(cp[0].rel_change > 0.03 && cp[0].rel_change < 0.07);
		CHECK(cp[0].p < 0.001);
	}
	printf("5%% step in 1%% noise: found at exactly run 21 in %d of 100 series\n", exact);
	CHECK(exact >= 95);
}

/* Flat noise: no change point in at least 99 % of 1,000 series of 40 runs, at the default p
 * and magnitude, and also at the default p alone (magnitude 0) with 1 % noise. */
static void test_flat(void)
{
	double x[40];
	struct changepoint cp[16];
	struct cp_options p_only;
	cp_defaults(&p_only);
	p_only.min_magnitude = 0;
	int quiet = 0, quiet_p = 0;
	rng_state = 42;
	for (int k = 0; k < 1000; k++) {
		noisy(x, 40, 0.01);
		quiet += detect(x, 40, cp) == 0;
		quiet_p += cp_detect(x, 40, &p_only, cp, 16) == 0;
	}
	printf("flat 1%% noise: no change point in %d of 1000 (defaults), %d of 1000 (p alone)\n", quiet, quiet_p);
	CHECK(quiet >= 990);
	CHECK(quiet_p >= 990);
	/* Noise as wide as the minimum magnitude (5 %): the p-value alone has to hold. */
	quiet = 0;
	for (int k = 0; k < 1000; k++) {
		noisy(x, 40, 0.05);
		quiet += detect(x, 40, cp) == 0;
	}
	printf("flat 5%% noise: no change point in %d of 1000\n", quiet);
	CHECK(quiet >= 990);
}

/* One wild run, anywhere, even the newest, is an outlier and not a change; so are two in a row
 * away from the ends. */
static void test_outliers(void)
{
	double x[40];
	struct changepoint cp[16];
	static const size_t where[] = { 0, 5, 20, 34, 38, 39 };
	rng_state = 7;
	for (size_t w = 0; w < sizeof where / sizeof *where; w++) {
		noisy(x, 40, 0.01);
		x[where[w]] *= 1.5;
		CHECK_INT(detect(x, 40, cp), 0);
		if (detect(x, 40, cp))
			fprintf(stderr, "one outlier at %zu: change point at %zu\n", where[w], cp[0].index);
		if (where[w] < 4 || where[w] >= 36)
			continue;
		x[where[w] - 1] *= 1.5;
		CHECK_INT(detect(x, 40, cp), 0);
	}
}

/* A step in the last (first) runs is a change only once it has --min-runs runs of its new
 * level, and then its first run is the change point, not a run of the old level before it:
 * E-divisive keeps 4 runs a side, so 2 slow runs at the end once read as a change at the run
 * before them, with the gate blaming a normal run. */
static void test_ends(void)
{
	static const double steps[] = { 1.3, 0.7, 1.1 };
	double x[40];
	struct changepoint cp[16];
	for (size_t s = 0; s < sizeof steps / sizeof *steps; s++)
		for (size_t m = 1; m <= 6; m++)
			for (int seed = 1; seed <= 20; seed++) {
				size_t n = 28 + m, got;
				/* m slow runs at the end ... */
				rng_state = 0x9e3779b97f4a7c15ULL * (uint64_t)seed + m;
				noisy(x, n, 0.01);
				for (size_t i = 28; i < n; i++)
					x[i] *= steps[s];
				got = detect(x, n, cp);
				CHECK_INT(got, m >= 4);
				if (got == 1 && m >= 4)
					CHECK_INT(cp[0].index, 28);
				/* ... and m at the start. */
				noisy(x, n, 0.01);
				for (size_t i = 0; i < m; i++)
					x[i] *= steps[s];
				got = detect(x, n, cp);
				CHECK_INT(got, m >= 4);
				if (got == 1 && m >= 4)
					CHECK_INT(cp[0].index, m);
			}
	/* --min-runs 6: 5 runs are not enough yet, 6 are. */
	struct cp_options o;
	cp_defaults(&o);
	o.min_segment = 6;
	rng_state = 3;
	noisy(x, 35, 0.01);
	for (size_t i = 30; i < 35; i++)
		x[i] *= 1.3;
	CHECK_INT(cp_detect(x, 35, &o, cp, 16), 0);
	x[35] = 130;
	CHECK_INT(cp_detect(x, 36, &o, cp, 16), 1);
	CHECK_INT(cp[0].index, 30);
}

/* A drift is reported as a change point (near its middle, where the two sides differ most) once
 * the sides' means differ by more than the minimum magnitude with the p-value: over 40 runs in
 * 1 % noise, 0.05 % a run (halves 1 % apart) is not reported, 0.5 % a run is. */
static void test_drift(void)
{
	double x[40];
	struct changepoint cp[16];
	int slow_quiet = 0, steep_found = 0;
	for (int seed = 1; seed <= 100; seed++) {
		rng_state = 1000 + (uint64_t)seed;
		noisy(x, 40, 0.01);
		for (size_t i = 0; i < 40; i++)
			x[i] *= 1 + 0.0005 * (double)i;
		slow_quiet += detect(x, 40, cp) == 0;
		rng_state = 5000 + (uint64_t)seed;
		noisy(x, 40, 0.01);
		for (size_t i = 0; i < 40; i++)
			x[i] *= 1 + 0.005 * (double)i;
		size_t n = detect(x, 40, cp);
		steep_found += n >= 1;
	}
	printf("drift: 0.05%%/run quiet in %d of 100; 0.5%%/run reported in %d of 100\n", slow_quiet, steep_found);
	CHECK(slow_quiet >= 90);
	CHECK(steep_found >= 90);
}

/* Two steps, and the same answer twice; too short a series has none. */
static void test_two_steps_and_determinism(void)
{
	double x[60];
	struct changepoint a[16], b[16];
	rng_state = 99;
	noisy(x, 60, 0.01);
	for (size_t i = 20; i < 60; i++)
		x[i] *= i < 40 ? 1.10 : 0.95;
	size_t n = detect(x, 60, a);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(a[0].index, 20);
		CHECK_INT(a[1].index, 40);
		CHECK(a[1].rel_change < 0);
	}
	CHECK_INT(detect(x, 60, b), n);
	CHECK(memcmp(a, b, n * sizeof *a) == 0);
	CHECK_INT(detect(x, 7, a), 0);

	/* A long series goes window by window and still finds a late step. */
	double y[300];
	rng_state = 5;
	noisy(y, 300, 0.01);
	for (size_t i = 250; i < 300; i++)
		y[i] *= 1.08;
	n = detect(y, 300, a);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(a[0].index, 250);
}

/* Scale does not matter: a step among values near 1e160 (whose squares overflow) or 1e307
 * (whose sums do), or near 1e-300, is the same step as near 100. */
static void test_scale(void)
{
	static const double factors[] = { 1e160, 1e300, 1e307, 1e-300, 2.0 / 3.0 };
	double x[30], y[30];
	struct changepoint ref[16], cp[16];
	rng_state = 11;
	noisy(x, 30, 0.01);
	for (size_t i = 15; i < 30; i++)
		x[i] *= 1.5;
	size_t n = detect(x, 30, ref);
	CHECK_INT(n, 1);
	for (size_t f = 0; f < sizeof factors / sizeof *factors && n == 1; f++) {
		for (size_t i = 0; i < 30; i++)
			y[i] = x[i] / 100 * factors[f];
		size_t m = detect(y, 30, cp);
		CHECK_INT(m, 1);
		if (m != 1)
			continue;
		CHECK_INT(cp[0].index, ref[0].index);
		CHECK_NEAR(cp[0].rel_change, ref[0].rel_change, 1e-9);
		CHECK_NEAR(log10(cp[0].p), log10(ref[0].p), 1e-6);
		CHECK_NEAR(cp[0].before / factors[f] * 100, ref[0].before, 1e-9 * ref[0].before);
		CHECK_NEAR(cp[0].after / factors[f] * 100, ref[0].after, 1e-9 * ref[0].after);
	}
	double a[] = { 1e200, 2e200, 3e200, 4e200 }, b[] = { 3e200, 4e200, 5e200, 6e200 };
	CHECK_NEAR(cp_ttest(a, 4, b, 4), 0.04466, 1e-4);
}

static void test_ttest(void)
{
	/* Equal samples: p 1; different constants: p 0. */
	double a[] = { 1, 2, 3, 4 }, b[] = { 1, 2, 3, 4 }, c[] = { 5, 5, 5 }, d[] = { 6, 6, 6 };
	CHECK_NEAR(cp_ttest(a, 4, b, 4), 1, 1e-12);
	CHECK_NEAR(cp_ttest(c, 3, d, 3), 0, 0);
	/* scipy.stats.ttest_ind([1,2,3,4],[3,4,5,6]) with std ddof 0 as Otava feeds it:
	 * t = -2/sqrt(((3*1.25+3*1.25)/6)*(0.5)) = -2.5298, df 6, p = 0.04466. */
	double e[] = { 3, 4, 5, 6 };
	CHECK_NEAR(cp_ttest(a, 4, e, 4), 0.04466, 1e-4);
}

/* A step of just --min-change is kept: 1 to 1.02 measures 0.0199999... in floating point. */
static void test_min_change_edge(void)
{
	double x[20];
	struct changepoint cp[4];
	for (size_t i = 0; i < 20; i++)
		x[i] = (i < 10 ? 1.0 : 1.02) * (1 + (i % 2 ? 1e-4 : -1e-4));
	struct cp_options o;
	cp_defaults(&o);
	o.min_magnitude = 0.02;
	CHECK_INT(cp_detect(x, 20, &o, cp, 4), 1);
	CHECK_INT(cp[0].index, 10);
	o.min_magnitude = 0.0201;
	CHECK_INT(cp_detect(x, 20, &o, cp, 4), 0);
}

int main(void)
{
	test_min_change_edge();
	test_ttest();
	test_step();
	test_flat();
	test_outliers();
	test_ends();
	test_drift();
	test_two_steps_and_determinism();
	test_scale();
	return check_result();
}
