/* The Mann-Whitney U test and the bootstrap interval. The p values are scipy 1.10's
 * scipy.stats.mannwhitneyu (method "exact" without ties, "asymptotic" with them or when
 * C(m + n, m) passes 2^63); tests/compare-ref.sh checks many more inputs against scipy itself. */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "bootstrap.h"
#include "check.h"
#include "ranktest.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static void check_u(const double *a, size_t na, const double *b, size_t nb, double u, double p, int exact)
{
	struct ranktest r;
	CHECK_INT(ranktest_mann_whitney(a, na, b, nb, &r), 0);
	CHECK_NEAR(r.u, u, 0.0);
	CHECK_NEAR(r.p, p, 1e-12);
	CHECK_INT(r.exact, exact);
	/* Swapped, U becomes mn - U and p stays. */
	CHECK_INT(ranktest_mann_whitney(b, nb, a, na, &r), 0);
	size_t fa = 0, fb = 0;
	for (size_t i = 0; i < na; i++)
		fa += isfinite(a[i]) != 0;
	for (size_t i = 0; i < nb; i++)
		fb += isfinite(b[i]) != 0;
	CHECK_NEAR(r.u, (double)(fa * fb) - u, 0.0);
	CHECK_NEAR(r.p, p, 1e-12);
}

static void test_exact(void)
{
	const double a3[] = { 1, 2, 3 }, b3[] = { 4, 5, 6 };
	check_u(a3, 3, b3, 3, 0, 0.1, 1);
	const double a4[] = { 1, 2, 3, 4 }, b4[] = { 5, 6, 7, 8 };
	check_u(a4, 4, b4, 4, 0, 0.02857142857142857, 1);
	const double c[] = { 3.1, 1.2, 5.5, 4.4 }, d[] = { 2.2, 6.1, 7.3 };
	check_u(c, 4, d, 3, 3, 0.4, 1);
	const double e[] = { 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5 };
	const double f[] = { 3, 6, 9, 12, 15, 18, 21, 24, 27, 30 };
	check_u(e, LEN(e), f, LEN(f), 22, 0.01115293375355295, 1);
	/* 25 and 25: C(50, 25) = 1.26e14 still fits the exact count. */
	double g[40], h[40];
	for (int i = 0; i < 40; i++) {
		g[i] = i * 1.0 + 0.5;
		h[i] = i * 1.1 + 3.05;
	}
	check_u(g, 25, h, 25, 230, 0.11212531173328064, 1);
	/* 40 and 40: C(80, 40) = 1.08e23 does not; the normal approximation takes over. */
	check_u(g, 40, h, 40, 640, 0.12483555125822324, 0);
	/* 2 against 600,000: the count fits, but 1.2e6 coefficients are more than it is worth. */
	size_t big_n = 600000;
	double *big = malloc(big_n * sizeof *big);
	CHECK(big != NULL);
	if (big) {
		for (size_t i = 0; i < big_n; i++)
			big[i] = (double)i;
		const double two[] = { -1.5, 1e9 };
		struct ranktest r;
		CHECK_INT(ranktest_mann_whitney(two, 2, big, big_n, &r), 0);
		CHECK_INT(r.exact, 0);
		CHECK_NEAR(r.u, (double)big_n, 0.0);
		CHECK_NEAR(r.p, 1.0, 1e-3);
		CHECK_INT(ranktest_mann_whitney(two, 2, big, 400000, &r), 0);
		CHECK_INT(r.exact, 1);
		free(big);
	}
}

static void test_ties(void)
{
	const double a[] = { 1, 2, 2, 3, 3, 3, 4 }, b[] = { 2, 3, 4, 4, 5, 5, 6 };
	check_u(a, 7, b, 7, 8.5, 0.043051432728945134, 0);
	const double c[] = { 1, 1, 2, 2 }, d[] = { 2, 2, 3, 3 };
	check_u(c, 4, d, 4, 2, 0.08635873964701242, 0);
	const double five[] = { 5, 5, 5, 5 };
	check_u(five, 4, five, 4, 8, 1.0, 0);
	/* Values that are not finite are left out; an empty side has no p. */
	const double an[] = { NAN, 1, 2, INFINITY, 3 }, bn[] = { 4, -INFINITY, 5, 6 };
	check_u(an, LEN(an), bn, LEN(bn), 0, 0.1, 1);
	struct ranktest r;
	CHECK_INT(ranktest_mann_whitney(an, LEN(an), bn, 0, &r), -1);
	CHECK(isnan(r.p));
	const double nan1[] = { NAN };
	CHECK_INT(ranktest_mann_whitney(nan1, 1, bn, LEN(bn), &r), -1);
}

static void test_min_p(void)
{
	/* 2 / C(m + n, m): the p of the most extreme outcome. */
	CHECK_NEAR(ranktest_min_p(3, 3), 0.1, 1e-15);
	CHECK_NEAR(ranktest_min_p(4, 4), 2.0 / 70, 1e-15);
	CHECK_NEAR(ranktest_min_p(6, 6), 2.0 / 924, 1e-15);
	CHECK_NEAR(ranktest_min_p(2, 5), 2.0 / 21, 1e-15);
	CHECK_NEAR(ranktest_min_p(1, 1), 1.0, 0.0);
	CHECK_NEAR(ranktest_min_p(0, 0), 1.0, 0.0);
	CHECK_NEAR(ranktest_min_p(0, 9), 1.0, 0.0);
	CHECK(ranktest_min_p(1, 39) >= 0.05 && ranktest_min_p(1, 40) < 0.05);
	CHECK(ranktest_min_p(200, 200) < 1e-100);
}

static void test_bootstrap(void)
{
	/* splitmix64's first outputs from 0 (Vigna's reference). */
	uint64_t s = 0;
	CHECK(bootstrap_next(&s) == UINT64_C(0xe220a8397b1dcdaf));
	CHECK(bootstrap_next(&s) == UINT64_C(0x6e789e6aa1b965f4));

	const double old_x[] = { 10.0, 10.2, 9.9, 10.1, 9.8, 10.4, 9.7 };
	const double new_x[] = { 11.0, 11.3, 10.8, 11.1, 10.9, 11.6 };
	double ci[2], again[2], other[2];
	CHECK_INT(bootstrap_median_ratio(old_x, LEN(old_x), new_x, LEN(new_x), BOOTSTRAP_SEED, ci, NULL, 1.0), 0);
	CHECK_INT(bootstrap_median_ratio(old_x, LEN(old_x), new_x, LEN(new_x), BOOTSTRAP_SEED, again, NULL, 1.0), 0);
	CHECK(ci[0] == again[0] && ci[1] == again[1]);          /* the same seed: the same interval */
	/* Inside the ratios of the extremes, around the ratio of the medians (11.05 / 10). */
	CHECK(ci[0] >= 10.8 / 10.4 && ci[1] <= 11.6 / 9.7);
	CHECK(ci[0] < 1.105 && ci[1] > 1.105);
	CHECK_INT(bootstrap_median_ratio(old_x, LEN(old_x), new_x, LEN(new_x), 42, other, NULL, 1.0), 0);
	CHECK(fabs(other[0] - ci[0]) < 0.02 && fabs(other[1] - ci[1]) < 0.02);

	/* Constant samples: a point. The rounds' logs add up for a geometric mean. */
	const double two[] = { 2, 2, 2 }, three[] = { 3, 3, 3, 3 };
	static double log_sum[BOOTSTRAP_RESAMPLES];
	CHECK_INT(bootstrap_median_ratio(two, 3, three, 4, 7, ci, log_sum, 1.0), 1);
	CHECK_NEAR(ci[0], 1.5, 1e-15);
	CHECK_NEAR(ci[1], 1.5, 1e-15);
	CHECK_NEAR(log_sum[0], log(1.5), 1e-15);
	CHECK_NEAR(log_sum[BOOTSTRAP_RESAMPLES - 1], log(1.5), 1e-15);
	CHECK_INT(bootstrap_median_ratio(two, 3, three, 4, 7, ci, log_sum, -1.0), 1);
	CHECK_NEAR(log_sum[0], 0.0, 1e-15);

	/* No ratio: an empty side, or an old value not above 0. */
	const double zero[] = { 0, 1, 2 };
	CHECK_INT(bootstrap_median_ratio(two, 0, three, 4, 7, ci, NULL, 1.0), -1);
	CHECK(isnan(ci[0]) && isnan(ci[1]));
	CHECK_INT(bootstrap_median_ratio(zero, 3, three, 4, 7, ci, NULL, 1.0), -1);
	/* One value on a side: resampling it gives it back every time, so no interval. */
	const double one[] = { 2 }, spread[] = { 2.9, 3, 3.1 };
	CHECK_INT(bootstrap_median_ratio(one, 1, spread, 3, 7, ci, log_sum, 1.0), -1);
	CHECK(isnan(ci[0]) && isnan(ci[1]));
	CHECK_INT(bootstrap_median_ratio(spread, 3, one, 1, 7, ci, NULL, 1.0), -1);
	/* New values at or below 0 give an interval but nothing to a geometric mean. */
	CHECK_INT(bootstrap_median_ratio(three, 4, zero, 3, 7, ci, log_sum, 1.0), 0);
	CHECK(isfinite(ci[0]) && ci[0] >= 0.0);
}

int main(void)
{
	test_exact();
	test_ties();
	test_min_p();
	test_bootstrap();
	return check_result();
}
