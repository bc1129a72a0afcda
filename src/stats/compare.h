/* compare.h - is a test's new sample set better, worse, or the same as its old one?
 *
 * The verdict rule: a test REGRESSED (or improved) when the Mann-Whitney U test finds the two
 * samples different (two-sided p < alpha, 0.05 by default) AND the median changed by more than
 * the tolerance, in the worse (better) direction of its metric: higher time is worse, lower
 * throughput is worse. When the samples are so few that no outcome of the U test could reach
 * alpha (2 / C(m + n, m) >= alpha: 3 and 3 samples give 0.1), the verdict is "too few samples",
 * never "unchanged". Otherwise it is "unchanged".
 *
 * Alongside: the change of the medians in percent with its bootstrap 95 % interval
 * (bootstrap.h), the change of the means, and Welch's t-test p value, which decides nothing.
 */
#ifndef BENCHTOP_COMPARE_H
#define BENCHTOP_COMPARE_H

#include <stddef.h>

#define COMPARE_DEFAULT_ALPHA 0.05
#define COMPARE_DEFAULT_TOLERANCE 5.0

enum verdict {
	VERDICT_UNCHANGED,
	VERDICT_IMPROVED,
	VERDICT_REGRESSED,
	VERDICT_TOO_FEW,    /* no outcome could reach alpha with these sample sizes */
	VERDICT_NEW,        /* only in the new report */
	VERDICT_GONE,       /* only in the old report */
};
#define VERDICT_COUNT (VERDICT_GONE + 1)

struct comparison {
	size_t old_n, new_n;          /* finite values on each side */
	double old_mean, new_mean;
	double old_median, new_median;
	double change_pct;            /* (new median / old median - 1) * 100; NAN when old median is 0 */
	double ci_lo_pct, ci_hi_pct;  /* bootstrap 95 % interval of change_pct; NAN without one (a side
	                                 with fewer than 2 values, an old value not above 0) */
	double mean_change_pct;       /* the same for the means */
	double p_utest;               /* Mann-Whitney U, two-sided; NAN when a side is empty */
	double p_welch;               /* Welch's t-test, two-sided; NAN with fewer than 2 a side */
	int    utest_exact;           /* p_utest from the exact distribution */
	enum verdict verdict;
};

const char *verdict_name(enum verdict v);   /* "unchanged", "improved", "REGRESSED", "too few samples", ... */
const char *verdict_id(enum verdict v);     /* for files: "unchanged", "regressed", "too-few-samples", ... */

/* Whether a is beyond b by more than floating error (util.h's exceeds); 0 with a NAN. The one
 * rule for every threshold on a change: compare's and --baseline's tolerance, trend's
 * --min-change, as for a suite's limits. */
int compare_exceeds(double a, double b);

/* tolerance_pct: e.g. 5 for 5 % (not finite or below 0: 0); alpha in (0, 1), else the default.
 * Values that are not finite are ignored; no values on the old side give VERDICT_NEW, none on
 * the new side VERDICT_GONE (none on either: unchanged). When log_sum is not NULL (an array of
 * BOOTSTRAP_RESAMPLES), the bootstrap rounds' log ratios are added to it for a geometric mean,
 * inverted for a higher-is-better metric so that above 1 is worse; the result is then 1 when
 * they were added, else 0. */
int compare_samples(const double *old_x, size_t old_n, const double *new_x, size_t new_n,
                    int higher_is_better, double tolerance_pct, double alpha,
                    struct comparison *out, double *log_sum);
/* Welch's t-test p value (two-sided); NAN when either side has fewer than 2 values. Two constant
 * samples give 1 when their values are equal and 0 when they differ. */
double welch_p_value(const double *a, size_t na, const double *b, size_t nb);

#endif
