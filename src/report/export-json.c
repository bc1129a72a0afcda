#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "export.h"
#include "export-stress.h"
#include "results-json.h"

/* An array of n figures, nulls for NAN. */
static cJSON *export_json_array(const double *x, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, results_json_number(x[i]));
	return a;
}

static int export_json_any_finite(const double *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isfinite(x[i]))
			return 1;
	return 0;
}

static cJSON *export_json_stats(const struct stats *s)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "n", (double)s->n);
	cJSON_AddItemToObject(o, "min", results_json_number(s->min));
	cJSON_AddItemToObject(o, "max", results_json_number(s->max));
	cJSON_AddItemToObject(o, "mean", results_json_number(s->mean));
	cJSON_AddItemToObject(o, "median", results_json_number(s->median));
	cJSON_AddItemToObject(o, "stdev", results_json_number(s->stdev));
	cJSON_AddItemToObject(o, "cv", results_json_number(s->cv));
	cJSON_AddItemToObject(o, "p5", results_json_number(s->p5));
	cJSON_AddItemToObject(o, "p95", results_json_number(s->p95));
	cJSON_AddItemToObject(o, "p99", results_json_number(s->p99));
	cJSON_AddItemToObject(o, "mad", results_json_number(s->mad));
	cJSON *ci = cJSON_AddArrayToObject(o, "ci95");
	cJSON_AddItemToArray(ci, results_json_number(s->ci95_lo));
	cJSON_AddItemToArray(ci, results_json_number(s->ci95_hi));
	cJSON_AddNumberToObject(o, "outliers", (double)s->outliers);
	return o;
}

static cJSON *export_json_test(const struct test_result *t)
{
	cJSON *o = cJSON_CreateObject();
	results_json_info(o, &t->info, 0);
	cJSON_AddStringToObject(o, "status", test_status_name(t->status));
	if (t->error[0])
		cJSON_AddStringToObject(o, "error", t->error);
	else
		cJSON_AddNullToObject(o, "error");
	cJSON_AddItemToObject(o, "samples", export_json_array(t->samples, t->n));
	/* Process figures exist only for commands; kernels leave them NAN. */
	if (export_json_any_finite(t->wall_s, t->n) || export_json_any_finite(t->user_s, t->n) ||
	    export_json_any_finite(t->maxrss, t->n)) {
		cJSON_AddItemToObject(o, "wall_s", export_json_array(t->wall_s, t->n));
		cJSON_AddItemToObject(o, "user_s", export_json_array(t->user_s, t->n));
		cJSON_AddItemToObject(o, "sys_s", export_json_array(t->sys_s, t->n));
		cJSON_AddItemToObject(o, "maxrss_bytes", export_json_array(t->maxrss, t->n));
	}
	cJSON_AddNumberToObject(o, "warmups", t->warmups_done);
	cJSON_AddItemToObject(o, "stats", export_json_stats(&t->stats));
	cJSON_AddItemToObject(o, "throughput", results_json_number(results_throughput(t)));
	cJSON_AddItemToObject(o, "started_unix", results_json_number(t->started_t));
	cJSON_AddItemToObject(o, "ended_unix", results_json_number(t->ended_t));
	cJSON_AddItemToObject(o, "during", results_json_during(&t->during));
	if (t->has_baseline) {
		cJSON *b = cJSON_AddObjectToObject(o, "baseline");
		cJSON_AddItemToObject(b, "median", results_json_number(t->baseline.old_median));
		cJSON_AddItemToObject(b, "mean", results_json_number(t->baseline.old_mean));
		cJSON_AddItemToObject(b, "change_pct", results_json_number(t->baseline.change_pct));
		cJSON *ci = cJSON_AddArrayToObject(b, "change_ci95");
		cJSON_AddItemToArray(ci, results_json_number(t->baseline.ci_lo_pct));
		cJSON_AddItemToArray(ci, results_json_number(t->baseline.ci_hi_pct));
		cJSON_AddItemToObject(b, "p_utest", results_json_number(t->baseline.p_utest));
		cJSON_AddItemToObject(b, "p_welch", results_json_number(t->baseline.p_welch));
		cJSON_AddStringToObject(b, "verdict", verdict_id(t->baseline.verdict));   /* as compare's JSON */
	}
	results_json_rigor(o, t);
	return o;
}

static int export_json_write(FILE *f, const struct run_results *r, char *why, size_t whylen)
{
	char iso[32];
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "schema", 1);
	cJSON_AddStringToObject(root, "benchtop_version", r->benchtop_version);
	cJSON_AddStringToObject(root, "started", results_json_iso_time(iso, sizeof iso, r->started_t));
	cJSON_AddItemToObject(root, "started_unix", results_json_number(r->started_t));
	cJSON_AddItemToObject(root, "system", results_json_system(&r->system));
	if (r->baseline_path[0]) {
		cJSON *b = cJSON_AddObjectToObject(root, "baseline");
		cJSON_AddStringToObject(b, "file", r->baseline_path);
		cJSON_AddItemToObject(b, "tolerance_pct", results_json_number(r->baseline_tolerance));
	}
	if (r->journal_skipped)
		cJSON_AddNumberToObject(cJSON_AddObjectToObject(root, "journal"), "lines_skipped", (double)r->journal_skipped);
	results_json_run(root, r);
	cJSON *tests = cJSON_AddArrayToObject(root, "tests");
	for (size_t i = 0; i < r->ntests; i++)
		cJSON_AddItemToArray(tests, export_json_test(&r->tests[i]));
	export_stress_json(root, r);
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text) {
		snprintf(why, whylen, "out of memory printing the JSON report");
		return -1;
	}
	fputs(text, f);
	fputc('\n', f);
	cJSON_free(text);
	return 0;
}

const struct exporter_class export_json = {
	.name = "json",
	.ext = "json",
	.help = "the whole run: samples, statistics, system; read back by compare and --baseline",
	.write = export_json_write,
};
