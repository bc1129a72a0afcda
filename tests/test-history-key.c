/* The history's run key: a run read back from its JSON report or journal has the key of the
 * live run, though cJSON gives some values back one unit in the last place off. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "history-key.h"
#include "results.h"

/* A fixed generator (xorshift64*), so every run of the test sees the same values. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

/* A double of any mantissa, 10^-30 .. 10^30. */
static double any_value(void)
{
	double m = (double)(rng() >> 11) / 9007199254740992.0 + 0.5;
	return ldexp(m, (int)(rng() % 200) - 100);
}

/* What a report or journal gives back for v. */
static double json_round_trip(double v)
{
	cJSON *n = cJSON_CreateNumber(v);
	char *text = cJSON_PrintUnformatted(n);
	cJSON *back = cJSON_Parse(text);
	double out = back ? back->valuedouble : NAN;
	cJSON_Delete(n);
	cJSON_Delete(back);
	cJSON_free(text);
	return out;
}

/* The digits printf writes for |v|, as history_key_digits gives them. */
static void printf_digits(double v, long long *m, int *q)
{
	char text[48], *e;
	snprintf(text, sizeof text, "%.14e", fabs(v));
	e = strchr(text, 'e');
	*q = atoi(e + 1) - 14;
	*m = 0;
	for (char *p = text; p < e; p++)
		if (*p >= '0' && *p <= '9')
			*m = *m * 10 + (*p - '0');
}

static void check_digits(double v)
{
	long long m, pm;
	int q, pq;
	if (!isfinite(v) || v == 0)
		return;   /* not digits: the key has a word of its own for these */
	history_key_digits(v, &m, &q);
	printf_digits(v, &pm, &pq);
	if (m != pm || q != pq) {
		check_failures++;
		fprintf(stderr, "digits of %.17g: %lld e%d, printf says %lld e%d\n", v, m, q, pm, pq);
	}
}

static void run_with(struct run_results *r, const double *samples, size_t n, double started)
{
	struct test_info info = { .suite = "s", .name = "t", .variant = "{}", .unit = "s" };
	results_init(r, &info, 1);
	r->started_t = started;
	r->tests[0].status = TS_PASS;
	r->tests[0].samples = malloc(n * sizeof(double));
	memcpy(r->tests[0].samples, samples, n * sizeof(double));
	r->tests[0].n = r->tests[0].cap = n;
}

int main(void)
{
	/* The fast digits are printf's: random values, ties, decades' edges, both signs. */
	for (int i = 0; i < 1000000; i++)
		check_digits(any_value());
	static const double edges[] = { 1, 10, 0.1, 1e-22, 1e22, 1e-23, 1e23, 999999999999999.5, 99999999999999.95,
	                                0.5, 2.5, 1.5e-7, 1796217781.5455475, 5e-324, 1.7976931348623157e308,
	                                0.000993903000107821, 123456789012345.5, 1234567890123456 };
	for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
		check_digits(edges[i]);
		check_digits(-edges[i]);
		check_digits(nextafter(edges[i], 0));
		check_digits(nextafter(edges[i], INFINITY));
	}

	/* Wall times as a run measures them, and a start time: the same key back from JSON. */
	enum { N = 2000 };
	double live[N], back[N];
	size_t moved = 0;
	for (size_t i = 0; i < N; i++) {
		live[i] = i % 2 ? any_value() : (double)(rng() % 1000000000) * 1e-9 + 0.01;
		back[i] = json_round_trip(live[i]);
		moved += back[i] != live[i];
	}
	CHECK(moved > 0);   /* else this checks nothing: cJSON would give every value back exactly */
	double started = 1796217781.5455475;
	struct run_results a, b;
	run_with(&a, live, N, started);
	run_with(&b, back, N, json_round_trip(started));
	char ka[32], kb[32], bits_a[32], bits_b[32];
	CHECK_STR(history_run_key(ka, sizeof ka, &a), history_run_key(kb, sizeof kb, &b));
	/* The old key, of the bits, told them apart: the duplicate a re-import made. */
	CHECK(strcmp(history_run_key_bits(bits_a, sizeof bits_a, &a), history_run_key_bits(bits_b, sizeof bits_b, &b)));

	/* A different run is a different key; a stopped test counts, a skipped one does not. */
	b.tests[0].samples[0] = live[0] * 1.001;
	CHECK(strcmp(history_run_key(kb, sizeof kb, &b), ka));
	b.tests[0].samples[0] = back[0];
	b.tests[0].status = TS_STOPPED;
	CHECK_STR(history_run_key(kb, sizeof kb, &b), ka);
	b.tests[0].status = TS_SKIPPED;
	CHECK(strcmp(history_run_key(kb, sizeof kb, &b), ka));
	results_free(&a);
	results_free(&b);
	return check_result();
}
