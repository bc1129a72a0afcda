/* The series of one test's medians over the runs, for trend: one query per test when the
 * series are short, one scan of every result when they are long. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history-read.h"

/* The points of a series as the per-test query and the scan both read them. */
#define SERIES_WHERE "s.status IN ('pass', 'fail') AND s.median IS NOT NULL"

#define P(type, field) HCOL(type, struct history_point, field)
static const struct history_col point_cols[] = {
	P(HCOL_I64, run_id), P(HCOL_REAL, started), P(HCOL_REAL, value), P(HCOL_STR, label), HCOL_END,
};
#undef P


int history_read_series(struct history_db *h, long long test_id, long long machine_id, size_t last,
                        struct history_point **out, size_t *n, char *why, size_t whylen)
{
	/* Newest runs first through the runs' index, each probing its result: the LIMIT stops the
	 * scan after `last` hits instead of sorting every result of the test. */
	static const char *const sql[2] = {
		"SELECT * FROM (SELECT r.id, r.started, s.median, r.label FROM runs r CROSS JOIN results s"
		" ON s.run_id = r.id AND s.test_id = ?1 WHERE " SERIES_WHERE
		" ORDER BY r.started DESC, r.id DESC LIMIT ?3) ORDER BY 2, 1",
		"SELECT * FROM (SELECT r.id, r.started, s.median, r.label FROM runs r CROSS JOIN results s"
		" ON s.run_id = r.id AND s.test_id = ?1 WHERE r.machine_id = ?2 AND " SERIES_WHERE
		" ORDER BY r.started DESC, r.id DESC LIMIT ?3) ORDER BY 2, 1",
	};
	sqlite3_stmt *st = history_db_prepare(h, sql[machine_id != 0], why, whylen);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, test_id);
	sqlite3_bind_int64(st, 2, machine_id);
	sqlite3_bind_int64(st, 3, last ? (long long)last : -1);
	int rc = history_db_collect(h, st, sizeof **out, point_cols, (void **)out, n, why, whylen);
	sqlite3_finalize(st);
	return rc;
}

int history_read_results_size(struct history_db *h, long long *n, char *why, size_t whylen)
{
	sqlite3_stmt *st = history_db_prepare(h, "SELECT coalesce(max(id), 0) FROM results", why, whylen);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		history_db_why(h, rc, why, whylen);
		return -1;
	}
	return 0;
}

/* An id and its position: runs by id to their place in time, tests by id to the caller's index. */
struct id_pos {
	long long id;
	size_t pos;
};

static int id_pos_cmp(const void *a, const void *b)
{
	const struct id_pos *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static const struct id_pos *id_pos_find(const struct id_pos *v, size_t n, long long id)
{
	struct id_pos key = { id, 0 };
	return bsearch(&key, v, n, sizeof *v, id_pos_cmp);
}

/* One result of a wanted test in a wanted run. */
struct series_entry {
	uint32_t test, rank;   /* the caller's test index; the run's place in time */
	double value;
};

static int entry_rank_cmp(const void *a, const void *b)
{
	const struct series_entry *x = a, *y = b;   /* a test twice in one run: by value, to be deterministic */
	if (x->rank != y->rank)
		return (x->rank > y->rank) - (x->rank < y->rank);
	return (x->value > y->value) - (x->value < y->value);
}

/* The runs of machine (0 = all) oldest first, as points without a value, and their id index. */
static int series_runs(struct history_db *h, long long machine_id, struct history_point **runs, size_t *nruns,
                       struct id_pos **byid, char *why, size_t whylen)
{
	static const char *const sql[2] = {
		"SELECT id, started, NULL, label FROM runs ORDER BY started, id",
		"SELECT id, started, NULL, label FROM runs WHERE machine_id = ?1 ORDER BY started, id",
	};
	sqlite3_stmt *st = history_db_prepare(h, sql[machine_id != 0], why, whylen);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, machine_id);
	int rc = history_db_collect(h, st, sizeof **runs, point_cols, (void **)runs, nruns, why, whylen);
	sqlite3_finalize(st);
	if (rc < 0)
		return -1;
	*byid = malloc((*nruns ? *nruns : 1) * sizeof **byid);
	if (!*byid) {
		snprintf(why, whylen, "%s: out of memory", h->path);
		return -1;
	}
	for (size_t i = 0; i < *nruns; i++)
		(*byid)[i] = (struct id_pos){ (*runs)[i].run_id, i };
	qsort(*byid, *nruns, sizeof **byid, id_pos_cmp);
	return 0;
}

/* Every result of the wanted tests in the wanted runs, in one scan of the results. */
static int series_scan(struct history_db *h, const struct id_pos *runs, size_t nruns, const struct id_pos *tests,
                       size_t ntests, struct series_entry **out, size_t *n, char *why, size_t whylen)
{
	sqlite3_stmt *st = history_db_prepare(h, "SELECT s.test_id, s.run_id, s.median FROM results s WHERE "
	                                      SERIES_WHERE, why, whylen);
	if (!st)
		return -1;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const struct id_pos *t = id_pos_find(tests, ntests, sqlite3_column_int64(st, 0));
		const struct id_pos *r = t ? id_pos_find(runs, nruns, sqlite3_column_int64(st, 1)) : NULL;
		if (!r)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 4096;
			struct series_entry *p = realloc(*out, cap * sizeof *p);
			if (!p) {
				snprintf(why, whylen, "%s: out of memory", h->path);
				sqlite3_finalize(st);
				return -1;
			}
			*out = p;
		}
		(*out)[(*n)++] = (struct series_entry){ (uint32_t)t->pos, (uint32_t)r->pos, sqlite3_column_double(st, 2) };
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		history_db_why(h, rc, why, whylen);
		return -1;
	}
	return 0;
}

int history_read_series_all(struct history_db *h, const long long *test_ids, size_t ntests, long long machine_id,
                            size_t last, struct history_point **out, size_t *nout, char *why, size_t whylen)
{
	struct history_point *runs = NULL;
	struct id_pos *runs_byid = NULL, *tests = calloc(ntests ? ntests : 1, sizeof *tests);
	struct series_entry *e = NULL, *sorted = NULL;
	size_t nruns = 0, ne = 0, *start = calloc(ntests + 1, sizeof *start);
	int ret = -1;
	for (size_t i = 0; i < ntests; i++) {
		out[i] = NULL;
		nout[i] = 0;
	}
	if (!tests || !start) {
		snprintf(why, whylen, "%s: out of memory", h->path);
		goto done;
	}
	for (size_t i = 0; i < ntests; i++)
		tests[i] = (struct id_pos){ test_ids[i], i };
	qsort(tests, ntests, sizeof *tests, id_pos_cmp);
	if (series_runs(h, machine_id, &runs, &nruns, &runs_byid, why, whylen) < 0 ||
	    series_scan(h, runs_byid, nruns, tests, ntests, &e, &ne, why, whylen) < 0)
		goto done;

	/* Grouped by test in one counting pass, then each group put in time order (the scan is in
	 * the order results were recorded, which is nearly always time order already). */
	sorted = malloc((ne ? ne : 1) * sizeof *sorted);
	if (!sorted) {
		snprintf(why, whylen, "%s: out of memory", h->path);
		goto done;
	}
	for (size_t i = 0; i < ne; i++)
		start[e[i].test + 1]++;
	for (size_t t = 0; t < ntests; t++)
		start[t + 1] += start[t];
	for (size_t i = 0; i < ne; i++)
		sorted[start[e[i].test] + nout[e[i].test]++] = e[i];
	for (size_t t = 0; t < ntests; t++) {
		struct series_entry *g = sorted + start[t];
		size_t n = nout[t], from = 0;
		for (size_t i = 1; i < n; i++)
			if (g[i].rank < g[i - 1].rank) {
				qsort(g, n, sizeof *g, entry_rank_cmp);
				break;
			}
		if (last && n > last)
			from = n - last;
		nout[t] = n - from;
		out[t] = malloc((n - from ? n - from : 1) * sizeof **out);
		if (!out[t]) {
			snprintf(why, whylen, "%s: out of memory", h->path);
			goto done;
		}
		for (size_t i = from; i < n; i++) {
			out[t][i - from] = runs[g[i].rank];
			out[t][i - from].value = g[i].value;
		}
	}
	ret = 0;
done:
	if (ret < 0)
		for (size_t i = 0; i < ntests; i++) {
			free(out[i]);
			out[i] = NULL;
			nout[i] = 0;
		}
	free(runs);
	free(runs_byid);
	free(tests);
	free(e);
	free(sorted);
	free(start);
	return ret;
}
