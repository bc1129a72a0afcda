#include "config.h"

#include <float.h>
#include <math.h>

#include "tdist.h"

#define TDIST_PI 3.14159265358979323846
#define TDIST_SQRT2 1.41421356237309504880
/* Beyond this many degrees of freedom the expansion around the normal quantile is exact to
 * double precision, and cheaper than the beta function's slowly converging fraction. */
#define TDIST_LARGE_DF 1e5

/* Continued fraction of the incomplete beta, modified Lentz (Numerical Recipes' betacf). */
static double tdist_beta_cf(double a, double b, double x)
{
	const double tiny = 1e-300, eps = 1e-16;
	double qab = a + b, qap = a + 1.0, qam = a - 1.0;
	double c = 1.0, d = 1.0 - qab * x / qap;
	if (fabs(d) < tiny)
		d = tiny;
	d = 1.0 / d;
	double h = d;
	for (int m = 1; m <= 100000; m++) {
		double m2 = 2.0 * m;
		double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
		d = 1.0 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		h *= d * c;
		aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
		d = 1.0 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		double del = d * c;
		h *= del;
		if (fabs(del - 1.0) < eps)
			break;
	}
	return h;
}

/* Stirling's series of lgamma without its leading terms. */
static double tdist_stirling_tail(double x)
{
	double r = 1.0 / (x * x);
	return (1.0 / 12.0 - r * (1.0 / 360.0 - r * (1.0 / 1260.0 - r / 1680.0))) / x;
}

/* log Gamma(x) for x > 0. lgamma() would do, but it writes the global signgam, and these
 * functions may run on several threads at once. */
static double tdist_lgamma(double x)
{
	if (x < 20.0)
		return log(tgamma(x));
	return (x - 0.5) * log(x) - x + 0.91893853320467274178 + tdist_stirling_tail(x);
}

/* lgamma(a + b) - lgamma(a). For large a the two values are huge and nearly equal; Stirling's
 * series for the difference keeps the digits they would cancel. */
static double tdist_lgamma_ratio(double a, double b)
{
	if (a < 20.0)
		return tdist_lgamma(a + b) - tdist_lgamma(a);
	return (a - 0.5) * log1p(b / a) + b * log(a + b) - b
	       + tdist_stirling_tail(a + b) - tdist_stirling_tail(a);
}

double tdist_beta_inc(double a, double b, double x, double y)
{
	if (!(a > 0.0 && b > 0.0) || isnan(x) || isnan(y))
		return NAN;
	if (x <= 0.0)
		return 0.0;
	if (y <= 0.0)
		return 1.0;
	/* log of whichever of x and 1 - x is near 1 comes from the other, small one. */
	double lx = x > 0.5 ? log1p(-y) : log(x);
	double ly = y > 0.5 ? log1p(-x) : log(y);
	double lbeta = a >= b ? tdist_lgamma_ratio(a, b) - tdist_lgamma(b)
	                      : tdist_lgamma_ratio(b, a) - tdist_lgamma(a);
	double front = exp(lbeta + a * lx + b * ly);
	/* The fraction converges fast on this side of the mean; use the symmetry on the other. */
	if (x * (a + b + 2.0) < a + 1.0)
		return front * tdist_beta_cf(a, b, x) / a;
	return 1.0 - front * tdist_beta_cf(b, a, y) / b;
}

double tdist_tail2(double t, double df)
{
	if (isnan(t) || !(df > 0.0))
		return NAN;
	t = fabs(t);
	if (isinf(df))
		return erfc(t / TDIST_SQRT2);
	double t2 = t * t;
	if (!isfinite(t2))
		return 0.0;
	return tdist_beta_inc(df / 2.0, 0.5, df / (df + t2), t2 / (df + t2));
}

static double tdist_pdf(double t, double df)
{
	if (isinf(df))
		return exp(-0.5 * t * t) / sqrt(2.0 * TDIST_PI);
	return exp(tdist_lgamma_ratio(df / 2.0, 0.5) - 0.5 * log(df * TDIST_PI)
	           - (df + 1.0) / 2.0 * log1p(t * t / df));
}

/* Newton's method on the tail, kept inside a bracket by bisection when a step leaves it. */
static double tdist_solve(double alpha, double df)
{
	double lo = 0.0, hi = 2.0;
	while (tdist_tail2(hi, df) > alpha) {
		lo = hi;
		hi *= 2.0;
		if (!isfinite(hi))
			return INFINITY;
	}
	double t = 0.5 * (lo + hi);
	for (int i = 0; i < 400; i++) {
		double f = tdist_tail2(t, df) - alpha;
		if (f == 0.0)
			return t;
		if (f > 0.0)
			lo = t;
		else
			hi = t;
		double next = t + f / (2.0 * tdist_pdf(t, df));
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (fabs(next - t) <= 4.0 * DBL_EPSILON * next || hi - lo <= 4.0 * DBL_EPSILON * hi)
			return next;
		t = next;
	}
	return t;
}

/* Hill's expansion of the t quantile in powers of 1/df around the normal quantile z
 * (Abramowitz and Stegun 26.7.5). */
static double tdist_expand(double z, double df)
{
	double z2 = z * z;
	double g1 = (z2 + 1.0) * z / 4.0;
	double g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
	double g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
	double g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
	return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

double tdist_quantile2(double alpha, double df)
{
	if (!(alpha > 0.0 && alpha < 1.0) || !(df > 0.0))
		return NAN;
	if (df > TDIST_LARGE_DF && isfinite(df))
		return tdist_expand(tdist_solve(alpha, INFINITY), df);
	return tdist_solve(alpha, df);
}
