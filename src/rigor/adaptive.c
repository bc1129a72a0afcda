#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "adaptive.h"
#include "stats.h"
#include "util.h"

double adaptive_precision(const double *x, size_t n)
{
	if (n < 2 || !x)
		return NAN;
	double mean = 0, ss = 0;
	for (size_t i = 0; i < n; i++)
		mean += x[i];
	mean /= (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - mean) * (x[i] - mean);
	if (mean == 0 || !isfinite(mean))
		return NAN;
	double sd = sqrt(ss / (double)(n - 1));
	return stats_t_quantile(0.05, (double)(n - 1)) * sd / sqrt((double)n) / fabs(mean);
}

int adaptive_has_precision(const struct test_info *in)
{
	return in->precision > 0 && in->precision < 1;
}

int adaptive_should_stop(const struct test_info *in, const double *x, size_t n, double spent,
                         char *stop, size_t len)
{
	int max_it = in->max_iterations > 0 ? in->max_iterations : ADAPTIVE_MAX_ITERATIONS;
	if (adaptive_has_precision(in)) {
		int min_it = in->min_iterations > 0 ? in->min_iterations : ADAPTIVE_MIN_ITERATIONS;
		if (min_it < 2)
			min_it = 2;
		double p = (int)n >= min_it ? adaptive_precision(x, n) : NAN;
		if (isfinite(p) && p <= in->precision) {
			str_copy(stop, "precision", len);
			return 1;
		}
		if ((int)n >= max_it) {
			str_copy(stop, "max_iterations", len);
			return 1;
		}
	} else {
		int want = in->iterations > 0 ? in->iterations : 1;
		double min_time = isfinite(in->min_time) ? in->min_time : 0;
		if ((int)n >= want && spent >= min_time) {
			/* min_time decided it when the count alone would have stopped earlier. */
			int by_time = min_time > 0 && ((int)n > want || in->iterations <= 0);
			str_copy(stop, by_time ? "min_time" : "iterations", len);
			return 1;
		}
		if (in->max_iterations > 0 && (int)n >= in->max_iterations) {
			str_copy(stop, "max_iterations", len);
			return 1;
		}
	}
	if (in->max_time > 0 && spent >= in->max_time && n >= 1) {
		str_copy(stop, "max_time", len);
		return 1;
	}
	return 0;
}

int adaptive_steady(const double *x, size_t n)
{
	if (n < ADAPTIVE_WINDOW)
		return 0;
	const double *w = x + n - ADAPTIVE_WINDOW;
	const double k = ADAPTIVE_WINDOW;
	double mx = (k - 1) / 2, my = 0;
	for (int i = 0; i < ADAPTIVE_WINDOW; i++)
		my += w[i];
	my /= k;
	double sxx = 0, sxy = 0;
	for (int i = 0; i < ADAPTIVE_WINDOW; i++) {
		sxx += (i - mx) * (i - mx);
		sxy += (i - mx) * (w[i] - my);
	}
	double slope = sxy / sxx, ss = 0;
	for (int i = 0; i < ADAPTIVE_WINDOW; i++) {
		double r = w[i] - (my + slope * (i - mx));
		ss += r * r;
	}
	double scatter = sqrt(ss / (k - 2));
	double change = fabs(slope) * (k - 1);
	return change <= ADAPTIVE_STEADY_CHANGE * fabs(my) || change <= 2 * scatter;
}

int adaptive_parse_precision(const char *text, double *out)
{
	char buf[64];
	str_copy(buf, text, sizeof buf);
	size_t n = strlen(buf);
	while (n && buf[n - 1] == ' ')
		buf[--n] = '\0';
	int pct = n && buf[n - 1] == '%';
	if (pct) {
		buf[--n] = '\0';
		while (n && buf[n - 1] == ' ')
			buf[--n] = '\0';
	}
	double v;
	if (!n || parse_double(buf, &v) < 0)
		return -1;
	if (pct)
		v /= 100;
	if (!(v > 0 && v < 1))
		return -1;
	*out = v;
	return 0;
}
