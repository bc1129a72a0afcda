/* Welch's test and the verdicts of a comparison (the rule of compare.h); Welch p values were computed apart with 40-digit
 * incomplete beta functions, and the t tails are checked against closed forms for df 1 and 2. */
#include "config.h"

#include <math.h>
#include <stddef.h>

#include "check.h"
#include "compare.h"
#include "tdist.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static const double base[] = { 10.0, 10.2, 9.9, 10.1, 9.8 };

static void scaled(double *out, double factor)
{
	for (size_t i = 0; i < LEN(base); i++)
		out[i] = base[i] * factor;
}

static void test_tail(void)
{
	/* df 1 is Cauchy: 1 - 2 atan(t) / pi; df 2: 1 - t / sqrt(2 + t^2). */
	for (double t = 0.0; t < 50.0; t = t * 1.7 + 0.1) {
		CHECK_NEAR(tdist_tail2(t, 1), 1.0 - 2.0 * atan(t) / 3.14159265358979323846, 1e-13);
		CHECK_NEAR(tdist_tail2(-t, 2), 1.0 - t / sqrt(2.0 + t * t), 1e-13);
	}
	CHECK_NEAR(tdist_tail2(1.959963984540054, INFINITY), 0.05, 1e-13);
	CHECK_NEAR(tdist_tail2(INFINITY, 3), 0.0, 0.0);
	CHECK(isnan(tdist_tail2(NAN, 3)));
	CHECK(isnan(tdist_tail2(1.0, 0)));
	CHECK_NEAR(tdist_beta_inc(2.0, 3.0, 0.0, 1.0), 0.0, 0.0);
	CHECK_NEAR(tdist_beta_inc(2.0, 3.0, 1.0, 0.0), 1.0, 0.0);
	/* I_x(2, 3) = 6x^2 - 8x^3 + 3x^4. */
	CHECK_NEAR(tdist_beta_inc(2.0, 3.0, 0.3, 0.7), 6 * 0.09 - 8 * 0.027 + 3 * 0.0081, 1e-14);
	CHECK_NEAR(tdist_beta_inc(2.0, 3.0, 0.9, 0.1), 6 * 0.81 - 8 * 0.729 + 3 * 0.6561, 1e-14);
}

static void test_welch(void)
{
	/* A textbook pair: t = -2.455, df = 24.99. */
	const double a[] = { 27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1,
	                     19.6, 19.0, 21.7, 21.4 };
	const double b[] = { 27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9,
	                     22.1, 22.9, 20.5, 24.4 };
	CHECK_NEAR(welch_p_value(a, LEN(a), b, LEN(b)), 0.02137800146286706, 1e-10);
	CHECK_NEAR(welch_p_value(b, LEN(b), a, LEN(a)), 0.02137800146286706, 1e-10);

	/* Unequal sizes and spreads: t = -1.565, df = 9.90. */
	const double c[] = { 17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8 };
	const double d[] = { 21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8,
	                     20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8 };
	CHECK_NEAR(welch_p_value(c, LEN(c), d, LEN(d)), 0.14884169660532791, 1e-10);

	/* One constant side: df = 2 exactly. */
	const double e[] = { 3, 3, 3 }, f[] = { 4, 5, 6 };
	CHECK_NEAR(welch_p_value(e, 3, f, 3), 0.074179900227448538, 1e-12);
	const double g[] = { 1, 2 }, h[] = { 3, 4 };
	CHECK_NEAR(welch_p_value(g, 2, h, 2), 0.10557280900008412, 1e-12);

	/* Both constant. */
	const double k[] = { 4, 4, 4 };
	CHECK_NEAR(welch_p_value(e, 3, e, 3), 1.0, 0.0);
	CHECK_NEAR(welch_p_value(e, 3, k, 3), 0.0, 0.0);

	/* Too few values, and values that are not finite left out. */
	CHECK(isnan(welch_p_value(e, 1, f, 3)));
	CHECK(isnan(welch_p_value(e, 3, f, 0)));
	const double gn[] = { NAN, 1, 2, INFINITY }, hn[] = { 3, NAN, 4 };
	CHECK_NEAR(welch_p_value(gn, LEN(gn), hn, LEN(hn)), 0.10557280900008412, 1e-12);
	const double one[] = { 5, NAN };
	CHECK(isnan(welch_p_value(one, LEN(one), f, 3)));

	double slow[LEN(base)];
	scaled(slow, 3.0);
	CHECK_NEAR(welch_p_value(base, LEN(base), slow, LEN(slow)), 4.9439478811477186e-9, 1e-15);
	CHECK_NEAR(welch_p_value(base, LEN(base), base, LEN(base)), 1.0, 1e-15);
}

/* compare_samples with the default significance level and no geometric mean. */
static void cmp(const double *o, size_t on, const double *n, size_t nn, int higher, double tol,
                struct comparison *c)
{
	compare_samples(o, on, n, nn, higher, tol, COMPARE_DEFAULT_ALPHA, c, NULL);
}

/* U test p values from scipy.stats.mannwhitneyu (method "exact" without ties, else
 * "asymptotic"). */
static void test_verdicts(void)
{
	struct comparison c;
	double x[LEN(base)];

	/* Time three times as long: a regression; 5 and 5 apart give the exact p = 2/252. */
	scaled(x, 3.0);
	cmp(base, LEN(base), x, LEN(x), 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_REGRESSED);
	CHECK_NEAR(c.old_mean, 10.0, 1e-12);
	CHECK_NEAR(c.new_mean, 30.0, 1e-12);
	CHECK_NEAR(c.old_median, 10.0, 1e-12);
	CHECK_NEAR(c.change_pct, 200.0, 1e-9);
	CHECK_NEAR(c.mean_change_pct, 200.0, 1e-9);
	CHECK_NEAR(c.p_welch, 4.9439478811477186e-9, 1e-15);
	CHECK_NEAR(c.p_utest, 0.007936507936507936, 1e-15);
	CHECK(c.utest_exact);
	/* The interval holds the change and lies within the extremes' ratios. */
	CHECK(c.ci_lo_pct <= 200.0 && c.ci_hi_pct >= 200.0);
	CHECK(c.ci_lo_pct >= (3 * 9.8 / 10.2 - 1) * 100 - 1e-9 && c.ci_hi_pct <= (3 * 10.2 / 9.8 - 1) * 100 + 1e-9);
	/* The same numbers as a throughput: an improvement. */
	cmp(base, LEN(base), x, LEN(x), 1, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_IMPROVED);

	/* Half the time: an improvement; half the throughput: a regression. */
	scaled(x, 0.5);
	cmp(base, LEN(base), x, LEN(x), 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_IMPROVED);
	CHECK_NEAR(c.change_pct, -50.0, 1e-9);
	CHECK_NEAR(c.p_welch, 1.4663766681006638e-9, 1e-15);
	cmp(base, LEN(base), x, LEN(x), 1, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_REGRESSED);

	/* The same samples against themselves. */
	cmp(base, LEN(base), base, LEN(base), 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_UNCHANGED);
	CHECK_NEAR(c.change_pct, 0.0, 1e-12);
	CHECK_NEAR(c.p_welch, 1.0, 1e-12);
	CHECK_NEAR(c.p_utest, 1.0, 1e-15);
	CHECK_NEAR(c.ci_lo_pct, 0.0, 10.0);

	/* 8 % slower is significant but within a 10 % tolerance; not within 5 %. */
	scaled(x, 1.08);
	cmp(base, LEN(base), x, LEN(x), 0, 10.0, &c);
	CHECK_INT(c.verdict, VERDICT_UNCHANGED);
	CHECK_NEAR(c.change_pct, 8.0, 1e-9);
	cmp(base, LEN(base), x, LEN(x), 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_REGRESSED);
	/* Exactly 5 % slower is within a 5 % tolerance, though 1.05 / 1.00 - 1 is a hair above 5 %. */
	const double at_old[] = { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.01, 0.99 };
	const double at_new[] = { 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.06, 1.04 };
	cmp(at_old, LEN(at_old), at_new, LEN(at_new), 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_UNCHANGED);
	cmp(at_old, LEN(at_old), at_new, LEN(at_new), 0, 4.99, &c);
	CHECK_INT(c.verdict, VERDICT_REGRESSED);
	CHECK(!compare_exceeds(1.05 / 1.00 - 1, 0.05));
	CHECK(compare_exceeds(0.0500001, 0.05));
	CHECK(compare_exceeds(1e-300, 0));   /* no tolerance: any change counts */
	CHECK(!compare_exceeds(NAN, 0));
	/* 3 % slower overlaps: p = 0.0556 is not below 0.05, whatever the tolerance. */
	scaled(x, 1.03);
	cmp(base, LEN(base), x, LEN(x), 0, 0.0, &c);
	CHECK_INT(c.verdict, VERDICT_UNCHANGED);
	CHECK_NEAR(c.p_utest, 0.05555555555555555, 1e-15);
	/* A looser significance level lets it count. */
	compare_samples(base, LEN(base), x, LEN(x), 0, 0.0, 0.1, &c, NULL);
	CHECK_INT(c.verdict, VERDICT_REGRESSED);

	/* Noisy samples: not significant (U p = 0.84). */
	const double noisy_old[] = { 10, 20, 5, 15, 30 }, noisy_new[] = { 12, 25, 8, 18, 28 };
	cmp(noisy_old, 5, noisy_new, 5, 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_UNCHANGED);
	CHECK_NEAR(c.mean_change_pct, 13.75, 1e-9);
	CHECK_NEAR(c.change_pct, 20.0, 1e-9);
	CHECK_NEAR(c.p_welch, 0.71080127901738345, 1e-10);
	CHECK_NEAR(c.p_utest, 0.8412698412698413, 1e-15);
}

static void test_few_and_missing(void)
{
	struct comparison c;
	/* One value a side, or three: no outcome could reach p < 0.05. */
	const double ten[] = { 10.0 }, twelve[] = { 12.0 };
	cmp(ten, 1, twelve, 1, 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_TOO_FEW);
	CHECK_NEAR(c.change_pct, 20.0, 1e-9);
	CHECK(isnan(c.p_welch));
	CHECK_NEAR(c.p_utest, 1.0, 1e-15);
	cmp(base, LEN(base), twelve, 1, 1, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_TOO_FEW);
	CHECK_NEAR(c.p_utest, 0.3333333333333333, 1e-15);
	double x[LEN(base)];
	scaled(x, 3.0);
	cmp(base, 3, x, 3, 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_TOO_FEW);
	CHECK_NEAR(c.p_utest, 0.1, 1e-15);
	cmp(base, 4, x, 4, 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_REGRESSED);

	/* Only on one side. */
	cmp(NULL, 0, base, LEN(base), 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_NEW);
	CHECK(isnan(c.old_mean));
	CHECK_NEAR(c.new_mean, 10.0, 1e-12);
	CHECK(isnan(c.change_pct) && isnan(c.p_welch) && isnan(c.p_utest) && isnan(c.ci_lo_pct));
	cmp(base, LEN(base), NULL, 0, 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_GONE);
	CHECK_NEAR(c.old_mean, 10.0, 1e-12);
	CHECK(isnan(c.new_mean));
	const double nan1[] = { NAN };
	cmp(base, LEN(base), nan1, 1, 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_GONE);
	cmp(NULL, 0, NULL, 0, 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_UNCHANGED);

	/* From a median of 0 the change has no percentage (nor interval), but it is still a change. */
	const double zeros[] = { 0, 0, 0, 0 }, ones[] = { 1, 1, 1, 1 };
	cmp(zeros, 4, ones, 4, 0, 5.0, &c);
	CHECK(isnan(c.change_pct) && isnan(c.ci_lo_pct));
	CHECK_NEAR(c.p_welch, 0.0, 0.0);
	CHECK_NEAR(c.p_utest, 0.013123806784370716, 1e-15);
	CHECK_INT(c.verdict, VERDICT_REGRESSED);
	cmp(zeros, 4, zeros, 4, 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_UNCHANGED);
	cmp(zeros, 3, ones, 3, 0, 5.0, &c);
	CHECK_INT(c.verdict, VERDICT_TOO_FEW);
}

static void test_names(void)
{
	CHECK_STR(verdict_name(VERDICT_UNCHANGED), "unchanged");
	CHECK_STR(verdict_name(VERDICT_IMPROVED), "improved");
	CHECK_STR(verdict_name(VERDICT_REGRESSED), "REGRESSED");
	CHECK_STR(verdict_name(VERDICT_NEW), "new");
	CHECK_STR(verdict_name(VERDICT_GONE), "gone");
	CHECK_STR(verdict_name(VERDICT_TOO_FEW), "too few samples");
	CHECK_STR(verdict_id(VERDICT_TOO_FEW), "too-few-samples");
	CHECK_STR(verdict_id(VERDICT_REGRESSED), "regressed");
	CHECK_STR(verdict_id(VERDICT_GONE), "gone");
	CHECK_STR(verdict_name((enum verdict)99), "unknown");
}

int main(void)
{
	test_tail();
	test_welch();
	test_verdicts();
	test_few_and_missing();
	test_names();
	return check_result();
}
