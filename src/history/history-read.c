#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history-read.h"
#include "results-json.h"
#include "stats.h"
#include "util.h"

/* A prepared query's rows into *out through cols; st is finalized. */
static int history_query(struct history_db *h, sqlite3_stmt *st, size_t size, const struct history_col *cols,
                         void **out, size_t *n, char *why, size_t whylen)
{
	int rc = history_db_collect(h, st, size, cols, out, n, why, whylen);
	sqlite3_finalize(st);
	return rc;
}

#define RUN_COLUMNS "r.id, r.machine_id, r.started, r.duration, r.version, r.label, r.suites, r.status," \
	" m.hostname, m.hash, r.ntests, r.npass, r.nfail FROM runs r JOIN machines m ON m.id = r.machine_id"

#define R(type, field) HCOL(type, struct history_run, field)
static const struct history_col run_cols[] = {
	R(HCOL_I64, id), R(HCOL_I64, machine_id), R(HCOL_REAL, started), R(HCOL_NUM, duration),
	R(HCOL_TEXT, version), R(HCOL_TEXT, label), R(HCOL_TEXT, suites), R(HCOL_TEXT, status),
	R(HCOL_TEXT, hostname), R(HCOL_TEXT, machine_hash), R(HCOL_INT, ntests), R(HCOL_INT, npass),
	R(HCOL_INT, nfail), HCOL_END,
};
#undef R

int history_read_runs(struct history_db *h, size_t last, struct history_run **out, size_t *n, char *why, size_t whylen)
{
	sqlite3_stmt *st = history_db_prepare(h, "SELECT * FROM (SELECT " RUN_COLUMNS
	                                      " ORDER BY r.started DESC, r.id DESC LIMIT ?1) ORDER BY 3, 1", why, whylen);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, last ? (long long)last : -1);
	return history_query(h, st, sizeof **out, run_cols, (void **)out, n, why, whylen);
}

#define T(type, field) HCOL(type, struct history_test, field)
static const struct history_col test_cols[] = {
	T(HCOL_I64, id), T(HCOL_TEXT, suite), T(HCOL_TEXT, name), T(HCOL_TEXT, variant), T(HCOL_TEXT, metric),
	T(HCOL_TEXT, unit), T(HCOL_BETTER, higher_is_better), HCOL_END,
};
#undef T

int history_read_tests(struct history_db *h, struct history_test **out, size_t *n, char *why, size_t whylen)
{
	sqlite3_stmt *st = history_db_prepare(h, "SELECT id, suite, name, variant, metric, unit, better FROM tests"
	                                      " ORDER BY suite, name, variant, metric, id", why, whylen);
	if (!st)
		return -1;
	return history_query(h, st, sizeof **out, test_cols, (void **)out, n, why, whylen);
}

#define M(type, field) HCOL(type, struct history_machine, field)
static const struct history_col machine_cols[] = {
	M(HCOL_I64, id), M(HCOL_TEXT, hash), M(HCOL_TEXT, hostname), M(HCOL_TEXT, cpu), M(HCOL_INT, cores),
	M(HCOL_REAL, mem_gib), M(HCOL_TEXT, kernel), M(HCOL_TEXT, gpus), M(HCOL_TEXT, driver), M(HCOL_I64, runs),
	HCOL_END,
};
#undef M

int history_read_machines(struct history_db *h, struct history_machine **out, size_t *n, char *why, size_t whylen)
{
	sqlite3_stmt *st = history_db_prepare(h, "SELECT m.id, m.hash, m.hostname, m.cpu, m.cores, m.mem_gib, m.kernel,"
	                                      " m.gpus, m.driver, count(r.id) FROM machines m JOIN runs r"
	                                      " ON r.machine_id = m.id GROUP BY m.id ORDER BY min(r.started), m.id",
	                                      why, whylen);
	if (!st)
		return -1;
	return history_query(h, st, sizeof **out, machine_cols, (void **)out, n, why, whylen);
}

/* Two ids of a row. */
struct history_ids {
	long long a, b;
};
static const struct history_col ids_cols[] = {
	HCOL(HCOL_I64, struct history_ids, a), HCOL(HCOL_I64, struct history_ids, b), HCOL_END,
};

int history_read_latest(struct history_db *h, long long *run_id, long long *machine_id, char *why, size_t whylen)
{
	sqlite3_stmt *st = history_db_prepare(h, "SELECT id, machine_id FROM runs ORDER BY started DESC, id DESC LIMIT 1",
	                                      why, whylen);
	struct history_ids *ids;
	size_t n;
	*run_id = *machine_id = 0;
	if (!st || history_query(h, st, sizeof *ids, ids_cols, (void **)&ids, &n, why, whylen) < 0)
		return -1;
	if (n) {
		*run_id = ids[0].a;
		*machine_id = ids[0].b;
	}
	free(ids);
	return 0;
}

/* ---- one run back as run_results ---- */

/* One result of a run as the database has it. */
struct history_result_row {
	long long id;
	struct test_info info;
	char status[16], error[256];
};

#define S(type, field) HCOL(type, struct history_result_row, field)
static const struct history_col result_cols[] = {
	S(HCOL_I64, id), S(HCOL_TEXT, info.suite), S(HCOL_TEXT, info.name), S(HCOL_TEXT, info.variant),
	S(HCOL_TEXT, info.metric), S(HCOL_TEXT, info.unit), S(HCOL_BETTER, info.higher_is_better),
	S(HCOL_TEXT, status), S(HCOL_TEXT, error), HCOL_END,
};
#undef S

static const struct history_col sample_cols[] = { { HCOL_REAL, 0, sizeof (double) }, HCOL_END };

int history_read_run(struct history_db *h, long long id, struct history_run *run, struct run_results *out,
                     char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = history_db_prepare(h, "SELECT " RUN_COLUMNS " WHERE r.id = ?1", why, whylen);
	struct history_run *runs;
	size_t n;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (history_query(h, st, sizeof *runs, run_cols, (void **)&runs, &n, why, whylen) < 0)
		return -1;
	if (n)
		*run = runs[0];
	free(runs);
	if (!n)
		return 1;

	st = history_db_prepare(h, "SELECT s.id, t.suite, t.name, t.variant, t.metric, t.unit, t.better, s.status,"
	                        " s.error FROM results s JOIN tests t ON t.id = s.test_id WHERE s.run_id = ?1"
	                        " ORDER BY s.id", why, whylen);
	sqlite3_stmt *sm = history_db_prepare(h, "SELECT value FROM samples WHERE result_id = ?1 ORDER BY idx",
	                                      why, whylen);
	struct history_result_row *rows = NULL;
	struct test_info *infos = NULL;
	int ret = -1;
	if (!st || !sm)
		goto done;
	sqlite3_bind_int64(st, 1, id);
	if (history_db_collect(h, st, sizeof *rows, result_cols, (void **)&rows, &n, why, whylen) < 0)
		goto done;
	infos = calloc(n ? n : 1, sizeof *infos);
	if (!infos) {
		snprintf(why, whylen, "%s: out of memory", h->path);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		infos[i] = rows[i].info;
		infos[i].min_time = infos[i].timeout = infos[i].max_mean = infos[i].min_throughput = NAN;
	}
	if (results_init(out, infos, n) < 0) {
		snprintf(why, whylen, "%s: out of memory", h->path);
		goto done;
	}
	out->started_t = run->started;
	str_copy(out->benchtop_version, run->version, sizeof out->benchtop_version);
	for (size_t i = 0; i < n; i++) {
		struct test_result *t = &out->tests[i];
		if (results_json_status(rows[i].status, &t->status) < 0)
			t->status = TS_ERROR;
		str_copy(t->error, rows[i].error, sizeof t->error);
		sqlite3_bind_int64(sm, 1, rows[i].id);
		if (history_db_collect(h, sm, sizeof *t->samples, sample_cols, (void **)&t->samples, &t->n, why,
		                       whylen) < 0) {
			results_free(out);
			goto done;
		}
		t->cap = t->n;
		stats_compute(t->samples, t->n, &t->stats);
	}
	ret = 0;
done:
	sqlite3_finalize(st);
	sqlite3_finalize(sm);
	free(rows);
	free(infos);
	return ret;
}
