#include "config.h"

#include <math.h>
#include <string.h>

#include "scale.h"
#include "utf8.h"
#include "util.h"

void scale_range(const float *v, size_t n, double *lo, double *hi)
{
	double mn = INFINITY, mx = -INFINITY;
	int auto_lo = !isfinite(*lo), auto_hi = !isfinite(*hi);

	for (size_t i = 0; v && i < n; i++) {
		if (!isfinite(v[i]))
			continue;
		if (v[i] < mn)
			mn = v[i];
		if (v[i] > mx)
			mx = v[i];
	}
	if (mn > mx)
		mn = mx = 0;
	if (auto_lo)
		*lo = auto_hi ? mn : fmin(mn, *hi);
	if (auto_hi)
		*hi = auto_lo ? mx : fmax(mx, *lo);
	if (*hi > *lo)
		return;
	double d = *lo != 0 ? fabs(*lo) : 1;
	if (auto_lo && auto_hi) {
		/* A flat series sits in the middle of its range. */
		*lo -= d;
		*hi += d;
	} else if (auto_hi) {
		*hi = *lo + d;
	} else {
		*lo = *hi - (*hi != 0 ? fabs(*hi) : 1);
	}
}

int scale_level(double v, double lo, double hi, int levels)
{
	double f;

	if (!isfinite(v) || levels <= 0)
		return -1;
	if (!(hi > lo))
		return 0;
	f = (v - lo) / (hi - lo);
	if (f <= 0)
		return 0;
	if (f >= 1)
		return levels - 1;
	return (int)lround(f * (levels - 1));
}

static int fits(char *buf, size_t len, int width, int decimals, double v,
		const char *prefix, const char *unit)
{
	/* A value that rounds to zero prints as 0, never "-0.0". */
	if (fabs(v) < 0.5 * pow(10, -decimals))
		v = 0;
	c_snprintf(buf, len, "%.*f%s%s", decimals, v, prefix, unit);
	return utf8_width(buf) <= width && strlen(buf) + 1 < len;
}

char *scale_fit(char *buf, size_t len, int width, int decimals, double v, const char *unit)
{
	static const char *const prefixes[] = { "k", "M", "G", "T", "P", "E" };
	int n;

	if (!len)
		return buf;
	buf[0] = '\0';
	if (!unit)
		unit = "";
	if (width <= 0)
		return buf;
	if (isnan(v))
		return str_copy(buf, "-", len);
	if (isfinite(v)) {
		for (int d = decimals; d >= 0; d--)
			if (fits(buf, len, width, d, v, "", unit))
				return buf;
		double s = v;
		for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
			s /= 1000;
			for (int d = 1; d >= 0; d--)
				if (fits(buf, len, width, d, s, prefixes[i], unit))
					return buf;
		}
	}
	n = width < (int)len - 1 ? width : (int)len - 1;
	memset(buf, '#', (size_t)n);
	buf[n] = '\0';
	return buf;
}
