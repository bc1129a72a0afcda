#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bootstrap.h"
#include "compare-table.h"
#include "stats.h"

/* Row keys in an open-addressing hash table (linear probing, at most half full). */
struct compare_index {
	size_t cap;                 /* a power of two */
	size_t *slot;               /* row + 1; 0 is empty */
	char **key;                 /* per row */
	uint64_t *hash;             /* per row */
	size_t nkeys;
};

static uint64_t compare_hash(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);      /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	return h;
}

/* "suite \x1f name \x1f variant \x1f occurrence": the variant as cJSON prints it. */
static char *compare_key(const struct test_info *in, unsigned occurrence)
{
	cJSON *v = cJSON_Parse(in->variant);
	char *text = cJSON_IsObject(v) ? cJSON_PrintUnformatted(v) : NULL;
	const char *variant = text ? text : in->variant;
	size_t len = strlen(in->suite) + strlen(in->name) + strlen(variant) + 32;
	char *key = malloc(len);
	if (key)
		snprintf(key, len, "%s\x1f%s\x1f%s\x1f%u", in->suite, in->name, variant, occurrence);
	cJSON_free(text);
	cJSON_Delete(v);
	return key;
}

/* The row of key; SIZE_MAX when absent. */
static size_t compare_index_find(const struct compare_index *ix, const char *key, uint64_t h)
{
	for (size_t i = h & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
		size_t r = ix->slot[i];
		if (!r)
			return SIZE_MAX;
		if (ix->hash[r - 1] == h && strcmp(ix->key[r - 1], key) == 0)
			return r - 1;
	}
}

static void compare_index_add(struct compare_index *ix, char *key, uint64_t h)
{
	size_t row = ix->nkeys++;
	ix->key[row] = key;
	ix->hash[row] = h;
	size_t i = h & (ix->cap - 1);
	while (ix->slot[i])
		i = (i + 1) & (ix->cap - 1);
	ix->slot[i] = row + 1;
}

static void compare_index_free(struct compare_index *ix)
{
	for (size_t i = 0; i < ix->nkeys; i++)
		free(ix->key[i]);
	free(ix->key);
	free(ix->hash);
	free(ix->slot);
}

/* Rows and cells for every test of every report. */
static int compare_table_match(struct compare_table *t, size_t total)
{
	struct compare_index ix = { .cap = 16 };
	while (ix.cap < 2 * total + 2)
		ix.cap *= 2;
	ix.slot = calloc(ix.cap, sizeof *ix.slot);
	ix.key = calloc(total + 1, sizeof *ix.key);
	ix.hash = calloc(total + 1, sizeof *ix.hash);
	t->rows = calloc(total + 1, sizeof *t->rows);
	int rc = -1;
	if (!ix.slot || !ix.key || !ix.hash || !t->rows)
		goto out;
	for (size_t k = 0; k < t->nreports; k++) {
		const struct run_results *r = t->reports[k];
		for (size_t i = 0; i < r->ntests; i++) {
			const struct test_result *test = &r->tests[i];
			unsigned occurrence = 0;
			size_t row;
			char *key;
			uint64_t h;
			/* The n-th copy of a test in this report pairs with the n-th copy elsewhere. */
			for (;;) {
				key = compare_key(&test->info, occurrence);
				if (!key)
					goto out;
				h = compare_hash(key);
				row = compare_index_find(&ix, key, h);
				if (row == SIZE_MAX || !t->rows[row].cells[k].test)
					break;
				free(key);
				occurrence++;
			}
			if (row == SIZE_MAX) {
				row = t->nrows++;
				t->rows[row].info = &test->info;
				t->rows[row].cells = calloc(t->nreports, sizeof *t->rows[row].cells);
				if (!t->rows[row].cells) {
					free(key);
					goto out;
				}
				compare_index_add(&ix, key, h);
			} else {
				free(key);
			}
			t->rows[row].cells[k].test = test;
		}
	}
	rc = 0;
out:
	compare_index_free(&ix);
	return rc;
}

static int compare_cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* log_sum holds each round's sum of log ratios; it becomes the sorted round geomeans. */
static void compare_geomean_finish(struct compare_geomean *g, double log_point, double *log_sum)
{
	g->change_pct = g->ci_lo_pct = g->ci_hi_pct = NAN;
	if (!g->ntests)
		return;
	double k = (double)g->ntests;
	for (size_t b = 0; b < BOOTSTRAP_RESAMPLES; b++)
		log_sum[b] = exp(log_sum[b] / k);
	double *v = log_sum;
	qsort(v, BOOTSTRAP_RESAMPLES, sizeof *v, compare_cmp_double);
	g->change_pct = (exp(log_point / k) - 1.0) * 100.0;
	g->ci_lo_pct = (stats_percentile_sorted(v, BOOTSTRAP_RESAMPLES, 2.5) - 1.0) * 100.0;
	g->ci_hi_pct = (stats_percentile_sorted(v, BOOTSTRAP_RESAMPLES, 97.5) - 1.0) * 100.0;
}

/* Keeps the counts, means and medians of a comparison that gets no verdict, drops the rest. */
static void compare_unjudged(struct comparison *c)
{
	c->change_pct = c->ci_lo_pct = c->ci_hi_pct = c->mean_change_pct = NAN;
	c->p_utest = c->p_welch = NAN;
	c->utest_exact = 0;
	c->verdict = VERDICT_UNCHANGED;   /* not counted: the cell's flag says why */
}

/* Every column's comparisons, counts and geometric mean. */
static int compare_table_judge(struct compare_table *t)
{
	double *log_sum = malloc(BOOTSTRAP_RESAMPLES * sizeof *log_sum);
	if (!log_sum)
		return -1;
	for (size_t k = 1; k < t->nreports; k++) {
		double log_point = 0.0;
		struct compare_geomean *g = &t->geomean[k];
		memset(log_sum, 0, BOOTSTRAP_RESAMPLES * sizeof *log_sum);
		for (size_t i = 0; i < t->nrows; i++) {
			const struct test_result *o = t->rows[i].cells[0].test;
			struct compare_cell *cell = &t->rows[i].cells[k];
			const struct test_result *n = cell->test;
			if (!o && !n) {
				compare_samples(NULL, 0, NULL, 0, 0, 0, 0, &cell->c, NULL);   /* no figures, not zeros */
				continue;
			}
			const struct test_info *in = t->rows[i].info;
			/* Seconds against Mops/s (a shell test become a kernel) make no change to judge,
			 * nor do the same seconds read the other way round (higher now better). */
			int unit_changed = o && n && (strcmp(o->info.unit, n->info.unit) != 0 ||
			                              !o->info.higher_is_better != !n->info.higher_is_better);
			/* in_geomean: the test's bootstrap rounds went into log_sum, so its point goes into
			 * log_point too; point and interval cover the same tests. */
			int in_geomean = compare_samples(o ? o->samples : NULL, o ? o->n : 0, n ? n->samples : NULL,
			                                 n ? n->n : 0, in->higher_is_better, t->tolerance_pct, t->alpha,
			                                 &cell->c, unit_changed ? NULL : log_sum);
			struct comparison *c = &cell->c;
			if (o && n && (c->old_n == 0 || c->new_n == 0)) {
				cell->no_samples = 1;
				t->no_samples[k]++;
				continue;
			}
			if (unit_changed) {
				compare_unjudged(c);
				cell->unit_changed = 1;
				t->unit_changed[k]++;
				continue;
			}
			/* In one report only: new or gone, also when that side has no samples (skipped),
			 * which compare_samples would call unchanged. */
			if (!o || !n)
				c->verdict = o ? VERDICT_GONE : VERDICT_NEW;
			t->counts[k][c->verdict]++;
			if (in_geomean) {
				double l = log(c->new_median / c->old_median);
				log_point += in->higher_is_better ? -l : l;
				g->ntests++;
			}
		}
		compare_geomean_finish(g, log_point, log_sum);
	}
	free(log_sum);
	return 0;
}

int compare_table_build(struct compare_table *t, const struct run_results *const *reports, size_t nreports,
                        double tolerance_pct, double alpha, char *why, size_t whylen)
{
	memset(t, 0, sizeof *t);
	t->nreports = nreports;
	t->reports = reports;
	t->tolerance_pct = tolerance_pct;
	t->alpha = alpha;
	size_t total = 0;
	for (size_t k = 0; k < nreports; k++)
		total += reports[k]->ntests;
	t->geomean = calloc(nreports, sizeof *t->geomean);
	t->counts = calloc(nreports, sizeof *t->counts);
	t->no_samples = calloc(nreports, sizeof *t->no_samples);
	t->unit_changed = calloc(nreports, sizeof *t->unit_changed);
	if (!t->geomean || !t->counts || !t->no_samples || !t->unit_changed || compare_table_match(t, total) < 0 ||
	    compare_table_judge(t) < 0) {
		snprintf(why, whylen, "out of memory comparing %zu tests", total);
		compare_table_free(t);
		return -1;
	}
	return 0;
}

void compare_table_free(struct compare_table *t)
{
	for (size_t i = 0; t->rows && i < t->nrows; i++)
		free(t->rows[i].cells);
	free(t->rows);
	free(t->geomean);
	free(t->counts);
	free(t->no_samples);
	free(t->unit_changed);
	memset(t, 0, sizeof *t);
}

const char *compare_cell_unit(const struct compare_row *row, size_t k)
{
	const struct test_result *test = row->cells[k].test;
	return test ? test->info.unit : row->info->unit;
}

const char *compare_unit_change(char *buf, size_t len, const struct compare_row *row, size_t k)
{
	const char *a = compare_cell_unit(row, 0), *b = compare_cell_unit(row, k);
	const struct test_result *o = row->cells[0].test, *n = row->cells[k].test;
	if (strcmp(a, b) == 0 && o && n)   /* the same unit, read the other way round */
		snprintf(buf, len, "%s, %s \xE2\x86\x92 %s is better", a, o->info.higher_is_better ? "higher" : "lower",
		         n->info.higher_is_better ? "higher" : "lower");
	else
		snprintf(buf, len, "%s \xE2\x86\x92 %s", a, b);   /* → */
	return buf;
}

int compare_table_regressed(const struct compare_table *t)
{
	for (size_t k = 1; k < t->nreports; k++)
		if (t->counts[k][VERDICT_REGRESSED])
			return 1;
	return 0;
}
