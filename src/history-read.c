#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history-read.h"
#include "results-json.h"
#include "stats.h"
#include "util.h"

static void history_col_text(sqlite3_stmt *st, int col, char *buf, size_t len)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	str_copy(buf, t ? (const char *)t : "", len);
}

static double history_col_num(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? NAN : sqlite3_column_double(st, col);
}

#define RUN_COLUMNS "r.id, r.machine_id, r.started, r.duration, r.version, r.label, r.suites, r.status," \
	" m.hostname, m.hash, r.ntests, r.npass, r.nfail FROM runs r JOIN machines m ON m.id = r.machine_id"

static void history_fill_run(sqlite3_stmt *st, void *p)
{
	struct history_run *r = p;
	r->id = sqlite3_column_int64(st, 0);
	r->machine_id = sqlite3_column_int64(st, 1);
	r->started = sqlite3_column_double(st, 2);
	r->duration = history_col_num(st, 3);
	history_col_text(st, 4, r->version, sizeof r->version);
	history_col_text(st, 5, r->label, sizeof r->label);
	history_col_text(st, 6, r->suites, sizeof r->suites);
	history_col_text(st, 7, r->status, sizeof r->status);
	history_col_text(st, 8, r->hostname, sizeof r->hostname);
	history_col_text(st, 9, r->machine_hash, sizeof r->machine_hash);
	r->ntests = sqlite3_column_int(st, 10);
	r->npass = sqlite3_column_int(st, 11);
	r->nfail = sqlite3_column_int(st, 12);
}

int history_read_runs(struct history_db *h, size_t last, struct history_run **out, size_t *n, char *why, size_t whylen)
{
	sqlite3_stmt *st = history_db_prepare(h, "SELECT * FROM (SELECT " RUN_COLUMNS
	                                      " ORDER BY r.started DESC, r.id DESC LIMIT ?1) ORDER BY 3, 1", why, whylen);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, last ? (long long)last : -1);
	return history_db_collect(h, st, sizeof **out, (void **)out, n, history_fill_run, why, whylen);
}

static void history_fill_test(sqlite3_stmt *st, void *p)
{
	struct history_test *t = p;
	t->id = sqlite3_column_int64(st, 0);
	history_col_text(st, 1, t->suite, sizeof t->suite);
	history_col_text(st, 2, t->name, sizeof t->name);
	history_col_text(st, 3, t->variant, sizeof t->variant);
	history_col_text(st, 4, t->metric, sizeof t->metric);
	history_col_text(st, 5, t->unit, sizeof t->unit);
	t->higher_is_better = sqlite3_column_int(st, 6) > 0;
}

int history_read_tests(struct history_db *h, struct history_test **out, size_t *n, char *why, size_t whylen)
{
	sqlite3_stmt *st = history_db_prepare(h, "SELECT id, suite, name, variant, metric, unit, better FROM tests"
	                                      " ORDER BY suite, name, variant, metric, id", why, whylen);
	if (!st)
		return -1;
	return history_db_collect(h, st, sizeof **out, (void **)out, n, history_fill_test, why, whylen);
}

static void history_fill_machine(sqlite3_stmt *st, void *p)
{
	struct history_machine *m = p;
	m->id = sqlite3_column_int64(st, 0);
	history_col_text(st, 1, m->hash, sizeof m->hash);
	history_col_text(st, 2, m->hostname, sizeof m->hostname);
	history_col_text(st, 3, m->cpu, sizeof m->cpu);
	m->cores = sqlite3_column_int(st, 4);
	m->mem_gib = sqlite3_column_double(st, 5);
	history_col_text(st, 6, m->kernel, sizeof m->kernel);
	history_col_text(st, 7, m->gpus, sizeof m->gpus);
	history_col_text(st, 8, m->driver, sizeof m->driver);
	m->runs = sqlite3_column_int64(st, 9);
}

int history_read_machines(struct history_db *h, struct history_machine **out, size_t *n, char *why, size_t whylen)
{
	sqlite3_stmt *st = history_db_prepare(h, "SELECT m.id, m.hash, m.hostname, m.cpu, m.cores, m.mem_gib, m.kernel,"
	                                      " m.gpus, m.driver, count(r.id) FROM machines m JOIN runs r"
	                                      " ON r.machine_id = m.id GROUP BY m.id ORDER BY min(r.started), m.id",
	                                      why, whylen);
	if (!st)
		return -1;
	return history_db_collect(h, st, sizeof **out, (void **)out, n, history_fill_machine, why, whylen);
}

int history_read_latest(struct history_db *h, long long *run_id, long long *machine_id, char *why, size_t whylen)
{
	sqlite3_stmt *st = history_db_prepare(h, "SELECT id, machine_id FROM runs ORDER BY started DESC, id DESC LIMIT 1",
	                                      why, whylen);
	if (!st)
		return -1;
	*run_id = *machine_id = 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*run_id = sqlite3_column_int64(st, 0);
		*machine_id = sqlite3_column_int64(st, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		history_db_why(h, rc, why, whylen);
		return -1;
	}
	return 0;
}

/* ---- one run back as run_results ---- */

int history_read_run(struct history_db *h, long long id, struct history_run *run, struct run_results *out,
                     char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = history_db_prepare(h, "SELECT " RUN_COLUMNS " WHERE r.id = ?1", why, whylen);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		history_fill_run(st, run);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW) {
		history_db_why(h, rc, why, whylen);
		return -1;
	}

	st = history_db_prepare(h, "SELECT s.id, t.suite, t.name, t.variant, t.metric, t.unit, t.better, s.status,"
	                        " s.error FROM results s JOIN tests t ON t.id = s.test_id WHERE s.run_id = ?1"
	                        " ORDER BY s.id", why, whylen);
	sqlite3_stmt *sm = history_db_prepare(h, "SELECT value FROM samples WHERE result_id = ?1 ORDER BY idx",
	                                      why, whylen);
	if (!st || !sm) {
		sqlite3_finalize(st);
		sqlite3_finalize(sm);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	size_t cap = (size_t)(run->ntests > 0 ? run->ntests : 1), n = 0;
	struct test_info *infos = calloc(cap, sizeof *infos);
	long long *rid = calloc(cap, sizeof *rid);
	char (*status)[16] = calloc(cap, sizeof *status);
	char (*error)[256] = calloc(cap, sizeof *error);
	int ret = -1;
	if (!infos || !rid || !status || !error) {
		snprintf(why, whylen, "%s: out of memory", h->path);
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < cap) {
		struct test_info *in = &infos[n];
		rid[n] = sqlite3_column_int64(st, 0);
		history_col_text(st, 1, in->suite, sizeof in->suite);
		history_col_text(st, 2, in->name, sizeof in->name);
		history_col_text(st, 3, in->variant, sizeof in->variant);
		history_col_text(st, 4, in->metric, sizeof in->metric);
		history_col_text(st, 5, in->unit, sizeof in->unit);
		in->higher_is_better = sqlite3_column_int(st, 6) > 0;
		in->min_time = in->timeout = in->max_mean = in->min_throughput = NAN;
		history_col_text(st, 7, status[n], sizeof status[n]);
		history_col_text(st, 8, error[n], sizeof error[n]);
		n++;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		history_db_why(h, rc, why, whylen);
		goto done;
	}
	if (results_init(out, infos, n) < 0) {
		snprintf(why, whylen, "%s: out of memory", h->path);
		goto done;
	}
	out->started_t = run->started;
	str_copy(out->benchtop_version, run->version, sizeof out->benchtop_version);
	for (size_t i = 0; i < n; i++) {
		struct test_result *t = &out->tests[i];
		if (results_json_status(status[i], &t->status) < 0)
			t->status = TS_ERROR;
		str_copy(t->error, error[i], sizeof t->error);
		sqlite3_reset(sm);
		sqlite3_bind_int64(sm, 1, rid[i]);
		size_t scap = 0;
		while ((rc = sqlite3_step(sm)) == SQLITE_ROW) {
			if (t->n == scap) {
				scap = scap ? scap * 2 : 16;
				double *p = realloc(t->samples, scap * sizeof *p);
				if (!p)
					break;
				t->samples = p;
			}
			t->samples[t->n++] = sqlite3_column_double(sm, 0);
		}
		t->cap = scap;
		stats_compute(t->samples, t->n, &t->stats);
	}
	ret = 0;
done:
	sqlite3_finalize(st);
	sqlite3_finalize(sm);
	free(infos);
	free(rid);
	free(status);
	free(error);
	return ret;
}
