#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "changepoint.h"
#include "compare.h"
#include "tdist.h"

void cp_defaults(struct cp_options *o)
{
	o->max_p = 0.001;
	o->min_magnitude = 0.02;
	o->min_segment = 4;
	o->window = 50;
}

/* A power of two that brings the largest |x| into [0.5, 1): squares and sums of values near
 * 1e154 and beyond would overflow, and multiplying by a power of two is exact, so every
 * statistic of the scaled values is the scaled statistic (ratios and p values unchanged). */
static double cp_scale_of(const double *x, size_t n)
{
	double big = 0;
	int e;
	for (size_t i = 0; i < n; i++)
		big = fmax(big, fabs(x[i]));
	if (!(big > 0) || !isfinite(big))
		return 1;
	frexp(big, &e);
	return ldexp(1, -e);
}

/* Mean and standard deviation (ddof 0) of x[i] * scale. */
static void cp_mean_std(const double *x, size_t n, double scale, double *mean, double *std)
{
	double m = 0, s = 0;
	for (size_t i = 0; i < n; i++)
		m += x[i] * scale;
	m /= (double)n;
	for (size_t i = 0; i < n; i++)
		s += (x[i] * scale - m) * (x[i] * scale - m);
	*mean = m;
	*std = sqrt(s / (double)n);
}

double cp_ttest(const double *a, size_t na, const double *b, size_t nb)
{
	if (na < 2 || nb < 2)
		return 1;
	double ma, sa, mb, sb, scale = fmin(cp_scale_of(a, na), cp_scale_of(b, nb));
	cp_mean_std(a, na, scale, &ma, &sa);
	cp_mean_std(b, nb, scale, &mb, &sb);
	double df = (double)(na + nb - 2);
	double pooled = ((double)(na - 1) * sa * sa + (double)(nb - 1) * sb * sb) / df;
	double se = sqrt(pooled * (1.0 / (double)na + 1.0 / (double)nb));
	if (!(se > 0))
		return ma == mb ? 1 : 0;
	double p = tdist_tail2((ma - mb) / se, df);
	return isfinite(p) ? p : 1;
}

/* The p-value of a split at `at` of x[a..b): the t-test's, times the number of positions the
 * split could have taken (Bonferroni), since it is the best of them and not a chosen one. */
static double cp_pvalue(const double *x, size_t a, size_t at, size_t b, size_t k)
{
	double tries = b - a >= 2 * k ? (double)(b - a - 2 * k + 1) : 1;
	return fmin(1, cp_ttest(x + a, at - a, x + at, b - at) * tries);
}

/* The best E-divisive split of z[0..len) with at least k points each side: the tau with the
 * largest Q over every kappa (both sides >= k), and that kappa (Y's end) in *kbest. 0 when none
 * fits. D is len x len scratch, inv[i] = 1/i for i < 2 len (a trend over ten thousand runs calls
 * this some hundred thousand times: one multiply where Q had three divisions). */
static size_t cp_best_split(const double *z, size_t len, size_t k, double *D, const double *inv,
                            double *qbest, size_t *kbest)
{
	*qbest = -INFINITY;
	if (len < 2 * k)
		return 0;
	/* D[kappa * len + t] = sum_{i<t} |z_i - z_kappa|: column prefix sums of the distance matrix. */
	for (size_t c = 0; c < len; c++) {
		double s = 0;
		for (size_t t = 0; t < len; t++) {
			D[c * len + t] = s;
			s += fabs(z[t] - z[c]);
		}
	}
	size_t best = 0;
	double wx = 0;   /* sum_{i<k'<tau} |z_i - z_k'| */
	for (size_t tau = 1; tau < len; tau++) {
		wx += D[(tau - 1) * len + tau - 1];
		if (tau < k || len - tau < k)
			continue;
		/* Q = 2/(n+m) (a - m wx/(n-1) - n wy/(m-1)) */
		double n = (double)tau, a = 0, wy = 0, wxn = wx * inv[tau - 1];
		for (size_t kappa = tau; kappa < len; kappa++) {
			/* Y grows by z[kappa]. */
			a += D[kappa * len + tau];
			wy += D[kappa * len + kappa] - D[kappa * len + tau];
			size_t mi = kappa - tau + 1;
			if (mi < k)
				continue;
			double q = 2 * inv[tau + mi] * (a - (double)mi * wxn - n * wy * inv[mi - 1]);
			if (q > *qbest) {
				*qbest = q;
				*kbest = kappa + 1;
				best = tau;
			}
		}
	}
	return best;
}

/* Sorted, distinct change point indexes. */
struct cp_set {
	size_t *idx;
	size_t n;
};

static void cp_set_add(struct cp_set *s, size_t i)
{
	size_t k = 0;
	while (k < s->n && s->idx[k] < i)
		k++;
	if (k < s->n && s->idx[k] == i)
		return;
	memmove(s->idx + k + 1, s->idx + k, (s->n - k) * sizeof *s->idx);
	s->idx[k] = i;
	s->n++;
}

/* The best split of one segment [a, b) of a window, as offsets from a: X = [start, tau),
 * Y = [tau, kappa); tau 0 when none fits. */
struct cp_seg {
	size_t start, tau, kappa;
	double q;
};

/* Moves the split tau of X = [lo, tau), Y = [tau, end) until each boundary run is nearer its
 * own side's mean than the other's, as a two-means assignment would have it: E-divisive keeps
 * k runs a side, so a step in the last (first) k - 1 runs is pinned k runs from the end
 * (start), with runs of the old level on its new side. Either side keeps one run at least. */
static size_t cp_refine(const double *x, size_t lo, size_t tau, size_t end)
{
	double sx = 0, sy = 0;
	size_t nx = tau - lo, ny = end - tau, t = tau;
	for (size_t i = lo; i < tau; i++)
		sx += x[i];
	for (size_t i = tau; i < end; i++)
		sy += x[i];
	/* Forwards while Y's first run belongs to X; only if it did not, backwards while X's last
	 * run belongs to Y (so the two never undo each other). */
	while (ny > 1 && fabs(x[t] - sx / (double)nx) < fabs(x[t] - sy / (double)ny)) {
		sx += x[t];
		sy -= x[t];
		nx++;
		ny--;
		t++;
	}
	if (t != tau)
		return t;
	while (nx > 1 && fabs(x[t - 1] - sy / (double)ny) < fabs(x[t - 1] - sx / (double)nx)) {
		sx -= x[t - 1];
		sy += x[t - 1];
		nx--;
		ny++;
		t--;
	}
	return t;
}

/* The split of [a, b), refined (cp_refine). A new level with fewer than k runs at the end of
 * the segment is not a change yet: those runs are set aside and the rest searched again; so
 * are fewer than k runs of an old level at its start. Fewer than k runs inside (a blip that
 * E-divisive took for a segment): no split. */
static void cp_seg_split(const double *x, size_t a, size_t b, size_t k, double *D, const double *inv,
                         struct cp_seg *s)
{
	size_t lo = a, hi = b;
	for (;;) {
		size_t end = hi - lo;
		size_t tau = cp_best_split(x + lo, hi - lo, k, D, inv, &s->q, &end);
		s->tau = 0;
		if (!tau)
			return;
		end += lo;
		size_t t = cp_refine(x, lo, lo + tau, end);
		if (t - lo >= k && end - t >= k) {
			s->start = lo - a;
			s->tau = t - a;
			s->kappa = end - a;
			return;
		}
		if (end - t < k && end == hi)
			hi = t;
		else if (t - lo < k)
			lo = t;
		else
			return;
	}
}

/* E-divisive over x[0..len) (a window): adds the significant splits, at offset, to out. */
static void cp_split_window(const double *x, size_t len, size_t offset, size_t k,
                            double weak_p, double *D, const double *inv, struct cp_set *out, size_t *local,
                            struct cp_seg *seg)
{
	size_t nlocal = 0;
	cp_seg_split(x, 0, len, k, D, inv, &seg[0]);
	for (;;) {
		/* The best candidate over every segment between the points found so far; a segment's
		 * best split is computed once, when the segment appears. */
		size_t best = 0, a = 0, lo = 0, hi = len, at = 0;
		double qbest = -INFINITY;
		for (size_t s = 0; s <= nlocal; s++) {
			size_t from = s ? local[s - 1] : 0;
			if (seg[s].tau && seg[s].q > qbest) {
				qbest = seg[s].q;
				best = from + seg[s].tau;
				a = from;
				lo = from + seg[s].start;
				hi = from + seg[s].kappa;
				at = s;
			}
		}
		/* Tested over the two sides E-divisive compared: X = [lo, tau), Y = [tau, kappa). */
		if (!best || cp_pvalue(x, lo, best, hi, k) >= weak_p)
			break;
		size_t b = at < nlocal ? local[at] : len;
		memmove(local + at + 1, local + at, (nlocal - at) * sizeof *local);
		memmove(seg + at + 1, seg + at, (nlocal + 1 - at) * sizeof *seg);
		local[at] = best;
		nlocal++;
		cp_seg_split(x, a, best, k, D, inv, &seg[at]);
		cp_seg_split(x, best, b, k, D, inv, &seg[at + 1]);
	}
	for (size_t i = 0; i < nlocal; i++)
		cp_set_add(out, offset + local[i]);
}

/* x is the series times `scale` (cp_scale_of): the means come back in the series' units. */
static void cp_describe(const double *x, size_t n, double scale, const struct cp_set *s, size_t i, size_t k,
                        struct changepoint *c)
{
	size_t a = i ? s->idx[i - 1] : 0, at = s->idx[i], b = i + 1 < s->n ? s->idx[i + 1] : n;
	double sd;
	cp_mean_std(x + a, at - a, 1, &c->before, &sd);
	cp_mean_std(x + at, b - at, 1, &c->after, &sd);
	c->index = at;
	c->p = cp_pvalue(x, a, at, b, k);
	c->rel_change = c->before != 0 ? c->after / c->before - 1 : (c->after == 0 ? 0 : INFINITY);
	c->before /= scale;
	c->after /= scale;
}

static double cp_magnitude(const struct changepoint *c)
{
	if (c->before == 0 || c->after == 0)
		return c->before == c->after ? 0 : INFINITY;
	return fmax(fabs(c->after / c->before - 1), fabs(c->before / c->after - 1));
}

size_t cp_detect(const double *series, size_t n, const struct cp_options *o, struct changepoint *out,
                 size_t max_out)
{
	size_t k = o->min_segment < 2 ? 2 : o->min_segment;
	size_t window = o->window < 2 * k ? 2 * k : o->window;
	if (n < 2 * k)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isfinite(series[i]))
			return 0;
	double weak_p = o->max_p < 0.05 ? o->max_p * 10 : o->max_p < 0.5 ? o->max_p * 2 : o->max_p;
	/* The distances, means and t-tests work on the series scaled into [-1, 1]. */
	double scale = cp_scale_of(series, n), *x = malloc(n * sizeof *x);
	double *D = malloc(window * window * sizeof *D), *inv = malloc(2 * window * sizeof *inv);
	struct cp_set s = { calloc(n, sizeof(size_t)), 0 };
	size_t *local = calloc(window, sizeof *local);
	struct cp_seg *seg = calloc(window + 1, sizeof *seg);
	struct changepoint *cps = calloc(n, sizeof *cps);
	size_t found = 0;
	if (!x || !D || !inv || !s.idx || !local || !seg || !cps)
		goto done;
	for (size_t i = 0; i < n; i++)
		x[i] = series[i] * scale;
	inv[0] = INFINITY;
	for (size_t i = 1; i < 2 * window; i++)
		inv[i] = 1.0 / (double)i;

	/* 1. Split, window by window; a window starts at the last point found or half a window on. */
	for (size_t start = 0; start < n;) {
		size_t len = n - start < window ? n - start : window;
		cp_split_window(x + start, len, start, k, weak_p, D, inv, &s, local, seg);
		size_t next = start + window / 2;
		for (size_t i = 0; i < s.n; i++)
			if (s.idx[i] > next && s.idx[i] < start + len)
				next = s.idx[i];
		if (start + len >= n)
			break;
		start = next;
	}

	/* 2. Merge: drop the weakest point until every one passes max_p and min_magnitude. Dropping
	 * a point changes only the description of its two neighbours. */
	for (size_t i = 0; i < s.n; i++)
		cp_describe(x, n, scale, &s, i, k, &cps[i]);
	while (s.n) {
		size_t worst_p = 0, worst_m = 0;
		for (size_t i = 1; i < s.n; i++) {
			if (cps[i].p > cps[worst_p].p)
				worst_p = i;
			if (cp_magnitude(&cps[i]) < cp_magnitude(&cps[worst_m]))
				worst_m = i;
		}
		size_t drop;
		if (cps[worst_p].p >= o->max_p)
			drop = worst_p;
		else if (compare_exceeds(o->min_magnitude, cp_magnitude(&cps[worst_m])))   /* a step of just 2 % is 2 % */
			drop = worst_m;
		else
			break;
		memmove(s.idx + drop, s.idx + drop + 1, (s.n - drop - 1) * sizeof *s.idx);
		memmove(cps + drop, cps + drop + 1, (s.n - drop - 1) * sizeof *cps);
		s.n--;
		if (drop > 0)
			cp_describe(x, n, scale, &s, drop - 1, k, &cps[drop - 1]);
		if (drop < s.n)
			cp_describe(x, n, scale, &s, drop, k, &cps[drop]);
	}
	for (size_t i = 0; i < s.n && found < max_out; i++) {
		cp_describe(x, n, scale, &s, i, k, &out[found]);
		found++;
	}
done:
	free(x);
	free(D);
	free(inv);
	free(s.idx);
	free(local);
	free(seg);
	free(cps);
	return found;
}
