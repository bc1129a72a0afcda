#include "config.h"

#include <math.h>

#include "bootstrap.h"
#include "compare.h"
#include "util.h"
#include "ranktest.h"
#include "stats.h"
#include "tdist.h"

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_UNCHANGED: return "unchanged";
	case VERDICT_IMPROVED:  return "improved";
	case VERDICT_REGRESSED: return "REGRESSED";
	case VERDICT_TOO_FEW:   return "too few samples";
	case VERDICT_NEW:       return "new";
	case VERDICT_GONE:      return "gone";
	}
	return "unknown";
}

const char *verdict_id(enum verdict v)
{
	switch (v) {
	case VERDICT_REGRESSED: return "regressed";
	case VERDICT_TOO_FEW:   return "too-few-samples";
	default:                return verdict_name(v);
	}
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

int compare_exceeds(double a, double b)
{
	return exceeds(a, b);
}

int compare_samples(const double *old_x, size_t old_n, const double *new_x, size_t new_n,
                    int higher_is_better, double tolerance_pct, double alpha,
                    struct comparison *out, double *log_sum)
{
	struct stats so, sn;
	stats_compute(old_x, old_n, &so);
	stats_compute(new_x, new_n, &sn);
	*out = (struct comparison){
		.old_n = so.n, .new_n = sn.n,
		.old_mean = so.mean, .new_mean = sn.mean,
		.old_median = so.median, .new_median = sn.median,
		.change_pct = NAN, .ci_lo_pct = NAN, .ci_hi_pct = NAN, .mean_change_pct = NAN,
		.p_utest = NAN, .p_welch = NAN,
		.verdict = VERDICT_UNCHANGED,
	};
	if (so.n == 0 && sn.n == 0)
		return 0;
	if (so.n == 0) {
		out->verdict = VERDICT_NEW;
		return 0;
	}
	if (sn.n == 0) {
		out->verdict = VERDICT_GONE;
		return 0;
	}
	if (!(alpha > 0.0 && alpha < 1.0))
		alpha = COMPARE_DEFAULT_ALPHA;
	if (!(tolerance_pct >= 0.0 && isfinite(tolerance_pct)))
		tolerance_pct = 0.0;

	if (so.median != 0.0)
		out->change_pct = (sn.median / so.median - 1.0) * 100.0;
	if (so.mean != 0.0)
		out->mean_change_pct = (sn.mean / so.mean - 1.0) * 100.0;
	out->p_welch = welch_p_value(old_x, old_n, new_x, new_n);
	struct ranktest rt;
	if (ranktest_mann_whitney(old_x, old_n, new_x, new_n, &rt) == 0) {
		out->p_utest = rt.p;
		out->utest_exact = rt.exact;
	}
	double ci[2];
	int added = bootstrap_median_ratio(old_x, old_n, new_x, new_n, BOOTSTRAP_SEED, ci, log_sum,
	                                   higher_is_better ? -1.0 : 1.0);
	if (added >= 0) {
		out->ci_lo_pct = (ci[0] - 1.0) * 100.0;
		out->ci_hi_pct = (ci[1] - 1.0) * 100.0;
	}

	if (!(ranktest_min_p(so.n, sn.n) < alpha)) {
		out->verdict = VERDICT_TOO_FEW;
		return added > 0;
	}
	double diff = sn.median - so.median;
	/* Compared without dividing, so a change from a median of 0 still counts. */
	if (!(out->p_utest < alpha) || !compare_exceeds(fabs(diff), tolerance_pct / 100.0 * fabs(so.median)))
		return added > 0;
	int worse = higher_is_better ? diff < 0.0 : diff > 0.0;
	out->verdict = worse ? VERDICT_REGRESSED : VERDICT_IMPROVED;
	return added > 0;
}
