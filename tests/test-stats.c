/* Summary statistics and Student t quantiles; expected values were computed apart, with exact
 * rational arithmetic (Python's statistics module) and 40-digit incomplete beta functions. */
#include "config.h"

#include <math.h>
#include <stddef.h>

#include "check.h"
#include "stats.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static void check_all_nan(const struct stats *s)
{
	CHECK(isnan(s->min) && isnan(s->max) && isnan(s->mean) && isnan(s->median));
	CHECK(isnan(s->stdev) && isnan(s->cv) && isnan(s->mad));
	CHECK(isnan(s->p5) && isnan(s->p95) && isnan(s->p99));
	CHECK(isnan(s->ci95_lo) && isnan(s->ci95_hi));
}

/* A naive sum of squares loses every digit of a variance of 30 at 1e9. */
static void test_large_offset(void)
{
	const double x[] = { 1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16 };
	struct stats s;
	stats_compute(x, LEN(x), &s);
	CHECK_INT(s.n, 4);
	CHECK_NEAR(s.mean, 1e9 + 10, 1e-6);
	CHECK_NEAR(s.stdev * s.stdev, 30.0, 1e-6);
	CHECK_NEAR(s.stdev, 5.477225575051661, 1e-9);
	CHECK_NEAR(s.cv, 5.477225520279406e-09, 1e-17);
	CHECK_NEAR(s.min, 1e9 + 4, 0.0);
	CHECK_NEAR(s.max, 1e9 + 16, 0.0);
	CHECK_NEAR(s.median, 1e9 + 10, 1e-6);
	CHECK_NEAR(s.p5, 1000000004.45, 1e-6);
	CHECK_NEAR(s.p95, 1000000015.55, 1e-6);
	CHECK_NEAR(s.p99, 1000000015.91, 1e-6);
	CHECK_NEAR(s.mad, 4.5, 1e-6);
	CHECK_NEAR(s.ci95_lo, 1000000001.2845118, 1e-6);
	CHECK_NEAR(s.ci95_hi, 1000000018.7154882, 1e-6);
	CHECK_INT(s.outliers, 0);
}

/* Squares of 1e300 overflow and of 1e-300 vanish: the spread must come out all the same. */
static void test_extreme_scales(void)
{
	static const double scales[] = { 1e300, 1e-300, 1e-310 /* subnormal */, 1.0 };
	for (size_t i = 0; i < LEN(scales); i++) {
		double u = scales[i];
		const double x[] = { 1 * u, 2 * u, 3 * u };
		struct stats s;
		stats_compute(x, LEN(x), &s);
		double tol = u * (u < 1e-307 ? 1e-5 : 1e-14);   /* subnormals keep fewer digits */
		CHECK_INT(s.n, 3);
		CHECK_NEAR(s.mean, 2 * u, tol);
		CHECK_NEAR(s.stdev, 1 * u, tol);
		CHECK_NEAR(s.cv, 0.5, 1e-5);
		/* t(0.975, 2) = 4.302652729749464; half = t * stdev / sqrt(3) */
		CHECK_NEAR(s.ci95_lo, 2 * u - 2.484137711750331 * u, u * 1e-9);
		CHECK_NEAR(s.ci95_hi, 2 * u + 2.484137711750331 * u, u * 1e-9);
		CHECK_NEAR(s.median, 2 * u, tol);
		CHECK_NEAR(s.mad, 1 * u, tol);
	}
}

static void test_small_sets(void)
{
	struct stats s;
	const double a[] = { 2.5, 1.0, 4.0, 3.0 };
	stats_compute(a, LEN(a), &s);
	CHECK_INT(s.n, 4);
	CHECK_NEAR(s.mean, 2.625, 1e-12);
	CHECK_NEAR(s.stdev, 1.25, 1e-12);
	CHECK_NEAR(s.cv, 0.47619047619047616, 1e-12);
	CHECK_NEAR(s.median, 2.75, 1e-12);
	CHECK_NEAR(s.p5, 1.225, 1e-12);
	CHECK_NEAR(s.p95, 3.85, 1e-12);
	CHECK_NEAR(s.p99, 3.97, 1e-12);
	CHECK_NEAR(s.mad, 0.75, 1e-12);
	CHECK_NEAR(s.ci95_lo, 0.6359710591976815, 1e-9);
	CHECK_NEAR(s.ci95_hi, 4.614028940802319, 1e-9);
	CHECK_INT(s.outliers, 0);
	/* The input is left as it was. */
	CHECK(a[0] == 2.5 && a[1] == 1.0 && a[2] == 4.0 && a[3] == 3.0);

	const double b[] = { 3.0, 1.0, 2.0 };
	stats_compute(b, LEN(b), &s);
	CHECK_NEAR(s.median, 2.0, 1e-12);
	CHECK_NEAR(s.p5, 1.1, 1e-12);
	CHECK_NEAR(s.p95, 2.9, 1e-12);
	CHECK_NEAR(s.p99, 2.98, 1e-12);
	CHECK_NEAR(s.mad, 1.0, 1e-12);
	CHECK_NEAR(s.ci95_lo, -0.48413771175033116, 1e-9);
	CHECK_NEAR(s.ci95_hi, 4.484137711750331, 1e-9);

	/* A mean of 0 has no coefficient of variation. */
	const double c[] = { -1.0, 1.0 };
	stats_compute(c, LEN(c), &s);
	CHECK_NEAR(s.mean, 0.0, 0.0);
	CHECK_NEAR(s.stdev, sqrt(2.0), 1e-12);
	CHECK(isnan(s.cv));

	const double d[] = { 7.0, 7.0, 7.0 };
	stats_compute(d, LEN(d), &s);
	CHECK_NEAR(s.stdev, 0.0, 0.0);
	CHECK_NEAR(s.cv, 0.0, 0.0);
	CHECK_NEAR(s.mad, 0.0, 0.0);
	CHECK_NEAR(s.ci95_lo, 7.0, 0.0);
	CHECK_NEAR(s.ci95_hi, 7.0, 0.0);
	CHECK_INT(s.outliers, 0);
}

static void test_empty_and_single(void)
{
	struct stats s;
	stats_compute(NULL, 0, &s);
	CHECK_INT(s.n, 0);
	CHECK_INT(s.outliers, 0);
	check_all_nan(&s);

	const double nans[] = { NAN, NAN, INFINITY };
	stats_compute(nans, LEN(nans), &s);
	CHECK_INT(s.n, 0);
	check_all_nan(&s);

	const double one[] = { 42.0 };
	stats_compute(one, 1, &s);
	CHECK_INT(s.n, 1);
	CHECK_NEAR(s.min, 42.0, 0.0);
	CHECK_NEAR(s.max, 42.0, 0.0);
	CHECK_NEAR(s.mean, 42.0, 0.0);
	CHECK_NEAR(s.median, 42.0, 0.0);
	CHECK_NEAR(s.p5, 42.0, 0.0);
	CHECK_NEAR(s.p99, 42.0, 0.0);
	CHECK_NEAR(s.mad, 0.0, 0.0);
	CHECK(isnan(s.stdev) && isnan(s.cv));
	CHECK(isnan(s.ci95_lo) && isnan(s.ci95_hi));
	CHECK_INT(s.outliers, 0);
}

static void test_not_finite_ignored(void)
{
	const double x[] = { NAN, 3.0, 1.0, NAN, -INFINITY, 2.0, INFINITY };
	struct stats s;
	stats_compute(x, LEN(x), &s);
	CHECK_INT(s.n, 3);
	CHECK_NEAR(s.min, 1.0, 0.0);
	CHECK_NEAR(s.max, 3.0, 0.0);
	CHECK_NEAR(s.mean, 2.0, 1e-12);
	CHECK_NEAR(s.stdev, 1.0, 1e-12);
	CHECK_NEAR(s.median, 2.0, 1e-12);
	CHECK_NEAR(s.p5, 1.1, 1e-12);
	CHECK_NEAR(s.ci95_hi, 4.484137711750331, 1e-9);
}

static void test_outliers(void)
{
	struct stats s;
	/* Modified z-scores 67.45 (25.0) and 31.48 (3.0); every other is below 1.4. */
	const double x[] = { 9.8, 10.1, 10.0, 9.9, 10.2, 10.0, 10.1, 25.0, 9.7, 3.0 };
	stats_compute(x, LEN(x), &s);
	CHECK_INT(s.n, 10);
	CHECK_NEAR(s.mean, 10.78, 1e-12);
	CHECK_NEAR(s.stdev, 5.45808269144639, 1e-12);
	CHECK_NEAR(s.median, 10.0, 1e-12);
	CHECK_NEAR(s.mad, 0.15, 1e-12);
	CHECK_NEAR(s.p5, 6.015, 1e-12);
	CHECK_NEAR(s.p95, 18.34, 1e-12);
	CHECK_NEAR(s.p99, 23.668, 1e-12);
	CHECK_NEAR(s.ci95_lo, 6.875522853314871, 1e-9);
	CHECK_NEAR(s.ci95_hi, 14.684477146685127, 1e-9);
	CHECK_INT(s.outliers, 2);

	/* MAD 0: scored against the mean absolute deviation, 100 scores 5.59. */
	const double y[] = { 5, 5, 5, 5, 5, 5, 100 };
	stats_compute(y, LEN(y), &s);
	CHECK_NEAR(s.mad, 0.0, 0.0);
	CHECK_NEAR(s.p95, 71.5, 1e-12);
	CHECK_NEAR(s.p99, 94.3, 1e-12);
	CHECK_NEAR(s.stdev, 35.906624935876586, 1e-12);
	CHECK_INT(s.outliers, 1);

	/* MAD 0 again, but 6 scores only 3.19. */
	const double z[] = { 5, 5, 5, 6 };
	stats_compute(z, LEN(z), &s);
	CHECK_NEAR(s.mad, 0.0, 0.0);
	CHECK_INT(s.outliers, 0);
}

static void test_percentile(void)
{
	const double v[] = { 1.0, 2.0, 3.0, 4.0 };
	CHECK_NEAR(stats_percentile_sorted(v, 4, 0.0), 1.0, 0.0);
	CHECK_NEAR(stats_percentile_sorted(v, 4, 100.0), 4.0, 0.0);
	CHECK_NEAR(stats_percentile_sorted(v, 4, 50.0), 2.5, 1e-12);
	CHECK_NEAR(stats_percentile_sorted(v, 4, 25.0), 1.75, 1e-12);
	CHECK_NEAR(stats_percentile_sorted(v, 4, 90.0), 3.7, 1e-12);
	CHECK_NEAR(stats_percentile_sorted(v, 1, 37.0), 1.0, 0.0);
	const double w[] = { 10.0, 20.0 };
	CHECK_NEAR(stats_percentile_sorted(w, 2, 5.0), 10.5, 1e-12);
	CHECK_NEAR(stats_percentile_sorted(w, 2, 99.0), 19.9, 1e-12);
	CHECK(isnan(stats_percentile_sorted(v, 0, 50.0)));
	CHECK(isnan(stats_percentile_sorted(v, 4, -1.0)));
	CHECK(isnan(stats_percentile_sorted(v, 4, 100.5)));
	CHECK(isnan(stats_percentile_sorted(v, 4, NAN)));
}

static void test_t_quantile(void)
{
	CHECK_NEAR(stats_t_quantile(0.05, 1), 12.706204736174704, 1e-9);
	CHECK_NEAR(stats_t_quantile(0.05, 2), 4.3026527297494637, 1e-9);
	CHECK_NEAR(stats_t_quantile(0.05, 3), 3.1824463052837095, 1e-9);
	CHECK_NEAR(stats_t_quantile(0.05, 5), 2.5705818356363155, 1e-9);
	CHECK_NEAR(stats_t_quantile(0.05, 9), 2.2621571627982055, 1e-9);
	CHECK_NEAR(stats_t_quantile(0.05, 10), 2.2281388519862747, 1e-9);
	CHECK_NEAR(stats_t_quantile(0.05, 30), 2.0422724563012383, 1e-9);
	CHECK_NEAR(stats_t_quantile(0.05, 100), 1.9839715185235523, 1e-9);
	CHECK_NEAR(stats_t_quantile(0.05, 1e6), 1.959966356814107, 1e-9);
	CHECK_NEAR(stats_t_quantile(0.05, INFINITY), 1.9599639845400539, 1e-9);
	CHECK_NEAR(stats_t_quantile(0.01, 4), 4.6040948713499932, 1e-9);
	CHECK_NEAR(stats_t_quantile(0.2, 2.5), 1.7302509288071765, 1e-9);
	CHECK_NEAR(stats_t_quantile(0.001, 1), 636.6192487687196, 1e-7);
	CHECK(isnan(stats_t_quantile(0.0, 5)));
	CHECK(isnan(stats_t_quantile(1.0, 5)));
	CHECK(isnan(stats_t_quantile(0.05, 0)));
	CHECK(isnan(stats_t_quantile(0.05, -3)));
	CHECK(isnan(stats_t_quantile(NAN, 5)));
	CHECK(isnan(stats_t_quantile(0.05, NAN)));
}

int main(void)
{
	test_large_offset();
	test_extreme_scales();
	test_small_sets();
	test_empty_and_single();
	test_not_finite_ignored();
	test_outliers();
	test_percentile();
	test_t_quantile();
	return check_result();
}
