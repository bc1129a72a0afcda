/* The run key (see history-key.h): start time, tests and samples, each value to 15 digits. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "history-key.h"

int history_test_recorded(const struct test_result *t)
{
	/* A stopped test (cut by a signal, --duration or a stop) keeps what it measured; only a
	 * test that never started (skipped, queued) has nothing to record. */
	return t->status == TS_PASS || t->status == TS_FAIL || t->status == TS_ERROR || t->status == TS_TIMEOUT ||
	       t->status == TS_STOPPED;
}

/* 10^0 .. 10^22, each one exactly a double: a product or quotient by one is correctly rounded. */
static const double history_pow10[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* printf is a quarter of a microsecond a value, a third of the time to record a run of 100,000
 * samples (bench/history.sh). So the digits come from one scaling, x = |v| * 10^k in
 * [1e14, 1e15): it is within half a unit in the last place of the exact product, so rounding x
 * gives the exact digits unless x lies within one unit of a tie (.5) or of the decade's edges.
 * Those, about one value in seven, and values beyond 10^+-22 of scale, go through printf. */
void history_key_digits(double v, long long *m, int *q)
{
	double a = fabs(v);
	int k = 14 - (int)floor(log10(a));
	if (k >= -22 && k <= 22) {
		double x = k >= 0 ? a * history_pow10[k] : a / history_pow10[-k];
		double ulp = nextafter(x, INFINITY) - x, frac = x - floor(x);
		if (x >= 1e14 + 1 && x < 1e15 - 1 && fabs(frac - 0.5) > ulp) {
			*m = llround(x);
			*q = -k;
			return;
		}
	}
	char text[48];
	snprintf(text, sizeof text, "%.14e", a);   /* d.dddddddddddddde+XX, whatever the decimal point */
	const char *p = text;
	long long digits = 0;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			digits = digits * 10 + (*p - '0');
	*m = digits;
	*q = (*p == 'e' ? atoi(p + 1) : 0) - 14;
}

/* One 64-bit word per value: the 15 digits (under 2^50), the exponent and the sign; 0 is 0,
 * and every NAN and infinity (null in JSON) is one word. */
static uint64_t history_hash_value(uint64_t h, double v)
{
	uint64_t word = 0;
	if (!isfinite(v)) {
		word = UINT64_MAX;
	} else if (v != 0) {
		long long m;
		int q;
		history_key_digits(v, &m, &q);
		word = (uint64_t)m | (uint64_t)(q + 512) << 50 | (uint64_t)(v < 0) << 63;
	}
	return fnv1a(h, &word, sizeof word);
}

/* The old way: a double's bits, with every NAN alike and -0 as 0. */
static uint64_t history_hash_bits(uint64_t h, double v)
{
	if (isnan(v))
		v = NAN;
	else if (v == 0)
		v = 0;
	return fnv1a(h, &v, sizeof v);
}

static char *history_key_with(char *buf, size_t len, const struct run_results *r,
                              uint64_t (*hash)(uint64_t h, double v))
{
	uint64_t h = hash(FNV_OFFSET, r->started_t);
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (!history_test_recorded(t))
			continue;
		h = fnv1a(h, t->info.suite, strlen(t->info.suite) + 1);
		h = fnv1a(h, t->info.name, strlen(t->info.name) + 1);
		h = fnv1a(h, t->info.variant, strlen(t->info.variant) + 1);
		for (size_t k = 0; k < t->n; k++)
			h = hash(h, t->samples[k]);
	}
	snprintf(buf, len, "%016llx", (unsigned long long)h);
	return buf;
}

char *history_run_key(char *buf, size_t len, const struct run_results *r)
{
	return history_key_with(buf, len, r, history_hash_value);
}

char *history_run_key_bits(char *buf, size_t len, const struct run_results *r)
{
	return history_key_with(buf, len, r, history_hash_bits);
}
