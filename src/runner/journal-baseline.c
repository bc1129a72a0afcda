/* journal-baseline.c - reading back the --baseline a run copied into its journal (written by
 * journal_baseline in journal.c), so that `benchtop report` judges the rebuilt run as the run
 * did, whatever became of the file. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "journal-private.h"
#include "results-json.h"
#include "stats.h"
#include "util.h"

/* As many as a report may hold (report-load.h): what the run could have loaded. */
#define JOURNAL_BASE_MAX_SAMPLES 10000000u

int journal_base_first(struct journal_base *b, const cJSON *o)
{
	const char *type = results_json_get_string(o, "type");
	if (strcmp(type, "baseline") == 0) {
		b->seen = 1;
		str_copy(b->file, results_json_get_string(o, "file"), sizeof b->file);
		b->threshold_pct = results_json_get_number(o, "threshold_pct");
		b->alpha = results_json_get_number(o, "alpha");
		return 0;
	}
	/* A baseline_test out of order is damage the second pass reports through its samples. */
	if (strcmp(type, "baseline_test") != 0 || results_json_get_number(o, "index") != (double)b->ninfos)
		return 0;
	double n = results_json_get_number(o, "n");
	size_t total = 0;
	for (size_t i = 0; i < b->ninfos; i++)
		total += b->want[i];
	if (!(n >= 0) || n != floor(n) || n > (double)(JOURNAL_BASE_MAX_SAMPLES - total))
		n = 0;
	if (b->ninfos == b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 16;
		struct test_info *p = realloc(b->infos, ncap * sizeof *p);
		if (!p)
			return -1;
		b->infos = p;
		size_t *w = realloc(b->want, ncap * sizeof *w);
		if (!w)
			return -1;
		b->want = w;
		b->cap = ncap;
	}
	results_json_info_read(o, &b->infos[b->ninfos]);
	b->want[b->ninfos++] = (size_t)n;
	return 0;
}

int journal_base_layout(struct journal_base *b)
{
	if (!b->seen)
		return 0;
	if (results_init(&b->r, b->infos, b->ninfos) < 0)
		return -1;
	b->ready = 1;
	for (size_t i = 0; i < b->ninfos; i++) {
		struct test_result *t = &b->r.tests[i];
		if (!b->want[i])
			continue;
		t->samples = malloc(b->want[i] * sizeof *t->samples);
		if (!t->samples)
			return -1;
		for (size_t k = 0; k < b->want[i]; k++)
			t->samples[k] = NAN;   /* a lost line leaves no figure, not a zero */
		t->n = t->cap = b->want[i];
	}
	return 0;
}

int journal_base_samples(struct journal_base *b, const cJSON *o, char *why, size_t whylen)
{
	const char *type = results_json_get_string(o, "type");
	if (strcmp(type, "baseline") == 0 && b->ready)
		results_json_run_read(o, &b->r);
	if (strcmp(type, "baseline_samples") != 0)
		return 0;
	double idx = results_json_get_number(o, "index"), from = results_json_get_number(o, "from");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "samples");
	if (!b->ready || !(idx >= 0) || idx >= (double)b->r.ntests || idx != floor(idx)) {
		snprintf(why, whylen, "baseline samples of an unknown test");
		return -1;
	}
	struct test_result *t = &b->r.tests[(size_t)idx];
	size_t len = cJSON_IsArray(a) ? (size_t)cJSON_GetArraySize(a) : 0;
	if (!cJSON_IsArray(a) || !(from >= 0) || from != floor(from) || from > (double)t->n || len > t->n - (size_t)from) {
		snprintf(why, whylen, "baseline samples out of place (test %zu)", (size_t)idx);
		return -1;
	}
	const cJSON *v;
	cJSON_ArrayForEach(v, a)
		if (!cJSON_IsNull(v) && !(cJSON_IsNumber(v) && isfinite(v->valuedouble))) {
			snprintf(why, whylen, "a baseline sample is not a finite number (test %zu)", (size_t)idx);
			return -1;
		}
	size_t k = (size_t)from;
	cJSON_ArrayForEach(v, a)
		t->samples[k++] = cJSON_IsNumber(v) ? v->valuedouble : NAN;
	return 0;
}

void journal_base_free(struct journal_base *b)
{
	if (b->ready)
		results_free(&b->r);
	free(b->infos);
	free(b->want);
	memset(b, 0, sizeof *b);
}
