#include "config.h"

#include <math.h>

#include "compare.h"
#include "tdist.h"

/* The significance level of Welch's test. */
#define COMPARE_ALPHA 0.05

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_UNCHANGED: return "unchanged";
	case VERDICT_IMPROVED:  return "improved";
	case VERDICT_REGRESSED: return "REGRESSED";
	case VERDICT_NEW:       return "new";
	case VERDICT_GONE:      return "gone";
	}
	return "unknown";
}

/* Count, mean and sample variance of the finite values (Welford). */
static size_t compare_moments(const double *x, size_t n, double *mean, double *var)
{
	double m = 0.0, m2 = 0.0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(x[i]))
			continue;
		k++;
		double d = x[i] - m;
		double next = m + d / (double)k;
		if (!isfinite(d))   /* figures near DBL_MAX: x - m overflows, x/k - m/k does not */
			next = m + (x[i] / (double)k - m / (double)k);
		m2 += d * (x[i] - next);   /* may overflow: welch_p_value gives no p then */
		m = next;
	}
	*mean = k ? m : NAN;
	*var = k > 1 ? m2 / (double)(k - 1) : NAN;
	return k;
}

double welch_p_value(const double *a, size_t na, const double *b, size_t nb)
{
	double ma, va, mb, vb;
	size_t ka = compare_moments(a, na, &ma, &va);
	size_t kb = compare_moments(b, nb, &mb, &vb);
	if (ka < 2 || kb < 2)
		return NAN;
	double sa = va / (double)ka, sb = vb / (double)kb;
	double se2 = sa + sb;
	/* Figures near DBL_MAX overflow the variance: no test, rather than "unchanged" by t = 0. */
	if (!isfinite(se2))
		return NAN;
	/* Two constant samples: the means are either exactly equal or certainly different. */
	if (se2 == 0.0)
		return ma == mb ? 1.0 : 0.0;
	double t = (ma - mb) / sqrt(se2);
	/* Welch-Satterthwaite degrees of freedom. */
	double df = se2 * se2 / (sa * sa / (double)(ka - 1) + sb * sb / (double)(kb - 1));
	return tdist_tail2(t, df);
}

void compare_samples(const double *old_x, size_t old_n, const double *new_x, size_t new_n,
                     int higher_is_better, double tolerance_pct, struct comparison *out)
{
	double old_var, new_var;
	size_t old_k = compare_moments(old_x, old_n, &out->old_mean, &old_var);
	size_t new_k = compare_moments(new_x, new_n, &out->new_mean, &new_var);
	out->change_pct = NAN;
	out->p_value = NAN;
	out->verdict = VERDICT_UNCHANGED;
	if (old_k == 0 && new_k == 0)
		return;
	if (old_k == 0) {
		out->verdict = VERDICT_NEW;
		return;
	}
	if (new_k == 0) {
		out->verdict = VERDICT_GONE;
		return;
	}

	double diff = out->new_mean - out->old_mean;
	if (out->old_mean != 0.0)
		out->change_pct = diff / out->old_mean * 100.0;
	out->p_value = welch_p_value(old_x, old_n, new_x, new_n);

	if (!(tolerance_pct >= 0.0))
		tolerance_pct = 0.0;
	/* Compared without dividing, so a change from a mean of 0 still counts. */
	if (!(fabs(diff) > tolerance_pct / 100.0 * fabs(out->old_mean)))
		return;
	/* With fewer than 2 values on a side there is no p value and the tolerance alone decides. */
	if (!isnan(out->p_value) && !(out->p_value < COMPARE_ALPHA))
		return;
	int worse = higher_is_better ? diff < 0.0 : diff > 0.0;
	out->verdict = worse ? VERDICT_REGRESSED : VERDICT_IMPROVED;
}
