#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "history-key.h"
#include "history-write.h"
#include "util.h"

const char *history_run_status(const struct run_results *r)
{
	int failed = 0, stopped = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		enum test_status s = r->tests[i].status;
		failed |= s == TS_FAIL || s == TS_ERROR || s == TS_TIMEOUT;
		stopped |= !test_status_finished(s) || s == TS_SKIPPED || s == TS_STOPPED;
	}
	return failed ? "fail" : stopped ? "stopped" : "pass";
}

/* Wall time of the run: first test start to last test end, else the sum of the tests' times. */
static double history_run_duration(const struct run_results *r)
{
	double first = INFINITY, last = -INFINITY, sum = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (!history_test_recorded(t))
			continue;
		if (isfinite(t->started_t) && t->started_t < first)
			first = t->started_t;
		if (isfinite(t->ended_t) && t->ended_t > last)
			last = t->ended_t;
		sum += export_test_seconds(t);
	}
	return isfinite(first) && isfinite(last) && last >= first ? last - first : sum;
}

static void history_suites(char *buf, size_t len, const struct run_results *r)
{
	buf[0] = '\0';
	for (size_t i = 0; i < r->ntests; i++) {
		const char *s = r->tests[i].info.suite;
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(r->tests[k].info.suite, s) == 0;
		if (!seen) {
			size_t n = strlen(buf);
			snprintf(buf + n, len - n, "%s%s", n ? "," : "", s);
		}
	}
}

static void history_bind_num(sqlite3_stmt *st, int col, double v)
{
	if (isfinite(v))
		sqlite3_bind_double(st, col, v);
	else
		sqlite3_bind_null(st, col);
}

/* Runs a statement that returns one id (RETURNING id, or SELECT id); 0 when no row. */
static int history_step_id(sqlite3_stmt *st, long long *id)
{
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum { ST_FIND, ST_MACHINE, ST_RUN, ST_TEST, ST_RESULT, ST_SAMPLE, ST_SAMPLES, ST_N };

/* Samples go in SAMPLE_BATCH rows per statement: one step per row costs a statement's start and
 * end each time, which is most of recording a run of many samples (bench/history.sh). */
#define SAMPLE_BATCH 50
#define SAMPLE_ROW "(?, ?, ?)"
#define SAMPLE_ROWS10 SAMPLE_ROW "," SAMPLE_ROW "," SAMPLE_ROW "," SAMPLE_ROW "," SAMPLE_ROW "," \
	SAMPLE_ROW "," SAMPLE_ROW "," SAMPLE_ROW "," SAMPLE_ROW "," SAMPLE_ROW
static const char *const history_sql[ST_N] = {
	[ST_FIND] = "SELECT id FROM runs WHERE run_key IN (?1, ?2) LIMIT 1",
	[ST_MACHINE] = "INSERT INTO machines(fingerprint, hash, hostname, cpu, cores, mem_gib, kernel, gpus, driver)"
	               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(fingerprint)"
	               " DO UPDATE SET hostname = excluded.hostname RETURNING id",
	[ST_RUN] = "INSERT INTO runs(machine_id, started, recorded, version, label, suites, status, ntests, npass,"
	           " nfail, duration, run_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
	[ST_TEST] = "INSERT INTO tests(test_key, suite, name, variant, metric, unit, better)"
	            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(test_key)"
	            " DO UPDATE SET better = excluded.better RETURNING id",
	[ST_RESULT] = "INSERT OR IGNORE INTO results(run_id, test_id, status, error, n, median, mean, stdev, min, max,"
	              " mad, ci_lo, ci_hi, outliers) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
	              " RETURNING id",
	[ST_SAMPLE] = "INSERT INTO samples(result_id, idx, value) VALUES (?1, ?2, ?3)",
	[ST_SAMPLES] = "INSERT INTO samples(result_id, idx, value) VALUES " SAMPLE_ROWS10 "," SAMPLE_ROWS10 ","
	               SAMPLE_ROWS10 "," SAMPLE_ROWS10 "," SAMPLE_ROWS10,
};

/* One statement's rows: SAMPLE_BATCH of them through ST_SAMPLES, fewer one by one. */
static int history_step_samples(sqlite3_stmt **st, long long result_id, const size_t *idx, const double *v,
                                size_t n)
{
	sqlite3_stmt *s = st[n == SAMPLE_BATCH ? ST_SAMPLES : ST_SAMPLE];
	int rc = SQLITE_OK;
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
		int col = n == SAMPLE_BATCH ? 3 * (int)i : 0;
		sqlite3_bind_int64(s, col + 1, result_id);
		sqlite3_bind_int64(s, col + 2, (long long)idx[i]);
		sqlite3_bind_double(s, col + 3, v[i]);
		if (n == SAMPLE_BATCH && i + 1 < n)
			continue;
		rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(sqlite3_db_handle(s));
		sqlite3_reset(s);
	}
	return rc;
}

static int history_write_tests(sqlite3_stmt **st, long long run_id, const struct run_results *r)
{
	int rc = SQLITE_OK;
	char key[600];
	for (size_t i = 0; i < r->ntests && rc == SQLITE_OK; i++) {
		const struct test_result *t = &r->tests[i];
		if (!history_test_recorded(t))
			continue;
		const struct test_info *in = &t->info;
		snprintf(key, sizeof key, "%s\x1f%s\x1f%s\x1f%s\x1f%s", in->suite, in->name, in->variant, in->metric,
		         in->unit);
		long long test_id, result_id;
		sqlite3_stmt *s = st[ST_TEST];
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, in->suite, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, in->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, in->variant, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, in->metric, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, in->unit, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 7, in->higher_is_better ? 1 : -1);
		if ((rc = history_step_id(s, &test_id)) != SQLITE_OK)
			break;

		const struct stats *x = &t->stats;
		s = st[ST_RESULT];
		sqlite3_bind_int64(s, 1, run_id);
		sqlite3_bind_int64(s, 2, test_id);
		sqlite3_bind_text(s, 3, test_status_name(t->status), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, t->error, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 5, (long long)x->n);
		double figures[] = { x->median, x->mean, x->stdev, x->min, x->max, x->mad, x->ci95_lo, x->ci95_hi };
		for (int k = 0; k < 8; k++)
			history_bind_num(s, 6 + k, figures[k]);
		sqlite3_bind_int64(s, 14, (long long)x->outliers);
		if ((rc = history_step_id(s, &result_id)) != SQLITE_OK || !result_id)
			continue;   /* the same test twice in one run: the first one counts */

		size_t idx[SAMPLE_BATCH], nb = 0;
		double v[SAMPLE_BATCH];
		for (size_t k = 0; k < t->n && rc == SQLITE_OK; k++) {
			if (!isfinite(t->samples[k]))
				continue;   /* its index stays unused: the others keep theirs */
			idx[nb] = k;
			v[nb++] = t->samples[k];
			if (nb == SAMPLE_BATCH) {
				rc = history_step_samples(st, result_id, idx, v, nb);
				nb = 0;
			}
		}
		if (rc == SQLITE_OK && nb)
			rc = history_step_samples(st, result_id, idx, v, nb);
	}
	return rc;
}

int history_write_run(struct history_db *h, const struct run_results *r, const struct fingerprint *fp,
                      const char *label, long long *run_id, char *why, size_t whylen)
{
	size_t nrec = 0, npass = 0, nfail = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		enum test_status s = r->tests[i].status;
		nrec += history_test_recorded(&r->tests[i]);
		npass += s == TS_PASS;
		nfail += s == TS_FAIL || s == TS_ERROR || s == TS_TIMEOUT;
	}
	*run_id = 0;
	if (!nrec)
		return 2;

	sqlite3_stmt *st[ST_N] = { NULL };
	for (int i = 0; i < ST_N; i++)
		if (!(st[i] = history_db_prepare(h, history_sql[i], why, whylen)))
			goto fail_prepared;
	if (history_db_exec(h, "BEGIN IMMEDIATE", why, whylen) < 0)
		goto fail_prepared;

	char key[32], old_key[32], suites[512];
	history_run_key(key, sizeof key, r);
	history_run_key_bits(old_key, sizeof old_key, r);   /* a run recorded before the key was digits */
	sqlite3_bind_text(st[ST_FIND], 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st[ST_FIND], 2, old_key, -1, SQLITE_STATIC);
	int rc = history_step_id(st[ST_FIND], run_id);
	if (rc == SQLITE_OK && *run_id) {
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		for (int i = 0; i < ST_N; i++)
			sqlite3_finalize(st[i]);
		return 1;
	}

	long long machine_id = 0;
	sqlite3_stmt *s = st[ST_MACHINE];
	const char *texts[] = { fp->text, fp->hash, fp->hostname, fp->cpu };
	for (int i = 0; i < 4; i++)
		sqlite3_bind_text(s, 1 + i, texts[i], -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, fp->cores);
	sqlite3_bind_double(s, 6, fp->mem_gib);
	sqlite3_bind_text(s, 7, fp->kernel, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, fp->gpus, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, fp->driver, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = history_step_id(s, &machine_id);

	history_suites(suites, sizeof suites, r);
	s = st[ST_RUN];
	sqlite3_bind_int64(s, 1, machine_id);
	sqlite3_bind_double(s, 2, isfinite(r->started_t) ? r->started_t : now_real());
	sqlite3_bind_double(s, 3, now_real());
	sqlite3_bind_text(s, 4, r->benchtop_version, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, label ? label : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, suites, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, history_run_status(r), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 8, (long long)nrec);
	sqlite3_bind_int64(s, 9, (long long)npass);
	sqlite3_bind_int64(s, 10, (long long)nfail);
	history_bind_num(s, 11, history_run_duration(r));
	sqlite3_bind_text(s, 12, key, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = history_step_id(s, run_id);
	if (rc == SQLITE_OK)
		rc = history_write_tests(st, *run_id, r);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		history_db_why(h, rc, why, whylen);
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		*run_id = 0;
	}
	for (int i = 0; i < ST_N; i++)
		sqlite3_finalize(st[i]);
	return rc == SQLITE_OK ? 0 : -1;

fail_prepared:
	for (int i = 0; i < ST_N; i++)
		sqlite3_finalize(st[i]);
	return -1;
}
