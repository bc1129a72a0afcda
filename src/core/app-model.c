/* app-model.c - the read-only model of model.h, taken from the store, stressors and results. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "app.h"
#include "model.h"
#include "sampler.h"
#include "store.h"
#include "stress.h"
#include "util.h"

void app_model(const struct app *a, struct model *m)
{
	memset(m, 0, sizeof *m);
	m->frames = a->store.frames;
	m->dropped = a->store.dropped;
	m->interval = app_interval(a);
	m->have_latest = a->store.have_latest;
	m->latest = a->store.latest;
	int n = a->stress ? stress_count(a->stress) : 0;
	for (int g = 0; g < n && g < FRAME_MAX_STRESS; g++) {
		struct model_stress *s = &m->stress[m->nstress++];
		stress_describe(a->stress, g, &s->row);
		stress_summary(a->stress, g, s->settings, sizeof s->settings);
		s->bytes = stress_bytes(a->stress, g);
	}
	m->run_active = a->run_active;
	m->run_count = a->run_count;
	m->ntests = a->results.ntests;
	m->nsuites = a->nsuites;
}

int app_model_test(const struct app *a, size_t i, struct model_test *t)
{
	if (i >= a->results.ntests)
		return -1;
	const struct test_result *r = &a->results.tests[i];
	memset(t, 0, sizeof *t);
	str_copy(t->suite, r->info.suite, sizeof t->suite);
	str_copy(t->name, r->info.name, sizeof t->name);
	str_copy(t->variant, r->info.variant, sizeof t->variant);
	str_copy(t->unit, r->info.unit, sizeof t->unit);
	t->suite_index = i < a->nspecs ? a->spec_suite[i] : -1;
	t->status = (int)r->status;
	t->iterations = r->info.iterations;
	t->warmup = r->info.warmup;
	t->done = r->n;
	stats_compute(r->samples, r->n, &t->stats);
	t->last = r->n ? r->samples[r->n - 1] : NAN;
	str_copy(t->error, r->error, sizeof t->error);
	return 0;
}

size_t app_model_series(const struct app *a, int series, double t0, double t1, float *out, size_t n)
{
	return store_window(&a->store, series, t0, t1, out, n);
}
