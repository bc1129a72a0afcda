#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "file-read.h"
#include "report-load.h"
#include "results-json.h"
#include "text-visible.h"
#include "util.h"

/* Reads key's array of figures into a per-iteration array of n (NAN where absent). */
static void report_read_array(const cJSON *test, const char *key, double *dst, size_t n)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(test, key);
	const cJSON *v = cJSON_IsArray(a) ? a->child : NULL;
	for (size_t i = 0; i < n; i++) {
		dst[i] = cJSON_IsNumber(v) ? v->valuedouble : NAN;
		if (v)
			v = v->next;
	}
}

/* A string member that names the test: present, non-empty and short enough to keep whole, as
 * a cut name could match another test. */
static int report_check_name(const cJSON *o, const char *key, size_t cap, const char *path, size_t idx,
                             char *why, size_t whylen)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	const char *bad = !v ? "is missing" : !cJSON_IsString(v) ? "is not a string"
	                  : !v->valuestring[0] ? "is empty" : strlen(v->valuestring) >= cap ? "is too long" : NULL;
	if (!bad)
		return 0;
	if (strcmp(bad, "is too long") == 0)
		snprintf(why, whylen, "%s: bad report: tests[%zu]: \"%s\" is longer than %zu bytes", path, idx, key,
		         cap - 1);
	else
		snprintf(why, whylen, "%s: bad report: tests[%zu]: \"%s\" %s", path, idx, key, bad);
	return -1;
}

/* What identifies a test, checked before it is read: compare and --baseline match tests by
 * suite, name and variant, so a test without them would pass for a new one. */
static int report_check_test(const cJSON *o, const char *path, size_t idx, char *why, size_t whylen)
{
	struct test_info in;
	if (!cJSON_IsObject(o)) {
		snprintf(why, whylen, "%s: bad report: tests[%zu]: not an object", path, idx);
		return -1;
	}
	if (report_check_name(o, "suite", sizeof in.suite, path, idx, why, whylen) < 0 ||
	    report_check_name(o, "name", sizeof in.name, path, idx, why, whylen) < 0)
		return -1;
	/* Absent is the empty variant; anything else must be an object that fits. */
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "variant");
	if (v && !cJSON_IsObject(v)) {
		snprintf(why, whylen, "%s: bad report: tests[%zu]: \"variant\" is not an object", path, idx);
		return -1;
	}
	char *text = v ? cJSON_PrintUnformatted(v) : NULL;
	size_t len = text ? strlen(text) : 0;
	cJSON_free(text);
	if (len >= sizeof in.variant) {
		snprintf(why, whylen, "%s: bad report: tests[%zu]: \"variant\" is longer than %zu bytes", path, idx,
		         sizeof in.variant - 1);
		return -1;
	}
	return 0;
}

static int report_info_cmp(const void *x, const void *y)
{
	const struct test_info *a = *(const struct test_info *const *)x, *b = *(const struct test_info *const *)y;
	int c = strcmp(a->suite, b->suite);
	if (!c)
		c = strcmp(a->name, b->name);
	if (!c)
		c = strcmp(a->variant, b->variant);
	return c ? c : (a > b) - (a < b);   /* equal keys keep the report's order */
}

/* A test twice in one report: which copy to compare would be a guess. Sorted, O(n log n). */
static int report_check_unique(const struct test_info *infos, size_t n, const char *path, char *why,
                               size_t whylen)
{
	const struct test_info **by = malloc((n ? n : 1) * sizeof *by);
	if (!by) {
		snprintf(why, whylen, "%s: out of memory", path);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		by[i] = &infos[i];
	qsort(by, n, sizeof *by, report_info_cmp);
	int rc = 0;
	for (size_t i = 1; i < n && rc == 0; i++) {
		const struct test_info *a = by[i - 1], *b = by[i];
		if (strcmp(a->suite, b->suite) || strcmp(a->name, b->name) || strcmp(a->variant, b->variant))
			continue;
		snprintf(why, whylen, "%s: bad report: tests[%zu]: the same test as tests[%zu] (%s/%s %s)", path,
		         (size_t)(b - infos), (size_t)(a - infos), b->suite, b->name, b->variant);
		rc = -1;
	}
	free(by);
	return rc;
}

static int report_read_test(const cJSON *o, struct test_result *t, const char *path, size_t idx,
                            size_t *total, char *why, size_t whylen)
{
	const cJSON *samples = cJSON_GetObjectItemCaseSensitive(o, "samples");
	if (!cJSON_IsObject(o) || !cJSON_IsArray(samples)) {
		snprintf(why, whylen, "%s: tests[%zu] has no \"samples\" array", path, idx);
		return -1;
	}
	if (results_json_status(results_json_get_string(o, "status"), &t->status) < 0) {
		snprintf(why, whylen, "%s: tests[%zu] has an unknown status \"%s\"", path, idx,
		         results_json_get_string(o, "status"));
		return -1;
	}
	str_copy(t->error, results_json_get_string(o, "error"), sizeof t->error);
	size_t n = (size_t)cJSON_GetArraySize(samples);
	/* A sample is a finite number, or null for an iteration that measured nothing: a string or
	 * an overflowing number is a damaged report, not a figure to compare or to keep. */
	size_t at = 0;
	for (const cJSON *v = samples->child; v; v = v->next, at++)
		if (!cJSON_IsNull(v) && !(cJSON_IsNumber(v) && isfinite(v->valuedouble))) {
			snprintf(why, whylen, "%s: tests[%zu].samples[%zu] is not a finite number", path, idx, at);
			return -1;
		}
	if (n > REPORT_MAX_SAMPLES - *total) {
		snprintf(why, whylen, "%s: more than %u samples (the limit for a report)", path, REPORT_MAX_SAMPLES);
		return -1;
	}
	*total += n;
	if (n) {
		double **arrays[] = { &t->samples, &t->wall_s, &t->user_s, &t->sys_s, &t->maxrss };
		for (size_t k = 0; k < sizeof arrays / sizeof arrays[0]; k++) {
			*arrays[k] = malloc(n * sizeof(double));
			if (!*arrays[k]) {
				snprintf(why, whylen, "%s: out of memory", path);
				return -1;
			}
		}
		t->n = t->cap = n;
		report_read_array(o, "samples", t->samples, n);
		report_read_array(o, "wall_s", t->wall_s, n);
		report_read_array(o, "user_s", t->user_s, n);
		report_read_array(o, "sys_s", t->sys_s, n);
		report_read_array(o, "maxrss_bytes", t->maxrss, n);
	}
	double w = results_json_get_number(o, "warmups");
	t->warmups_done = w >= 0 && w <= 1e9 ? (int)w : 0;   /* 1e300 does not fit an int */
	t->started_t = results_json_get_number(o, "started_unix");
	t->ended_t = results_json_get_number(o, "ended_unix");
	results_json_during_read(cJSON_GetObjectItemCaseSensitive(o, "during"), &t->during);
	stats_compute(t->samples, t->n, &t->stats);
	results_json_rigor_read(o, t);
	return 0;
}

int report_load_json(const char *path, struct run_results *out, char *why, size_t whylen)
{
	size_t len, total = 0;
	char *text;
	memset(out, 0, sizeof *out);
	if (file_read_capped(path, REPORT_MAX_FILE, "a report", &text, &len, why, whylen) < 0)
		return -1;
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
	if (!root) {
		/* A journal is a JSON object per line: say what to do with it. */
		cJSON *first = cJSON_ParseWithOpts(text, NULL, 0);
		int journal = strcmp(results_json_get_string(first, "type"), "run") == 0;
		cJSON_Delete(first);
		if (journal) {
			snprintf(why, whylen, "%s: a journal, not a report; make its reports with: "
			         "benchtop report %s", path, path);
			text_visible_inplace(why, whylen);
			free(text);
			return -1;
		}
	}
	if (!cJSON_IsObject(root)) {
		/* Say where the JSON went wrong, as line and column. */
		const char *at = end ? end : cJSON_GetErrorPtr();
		long line = 1, col = 1;
		for (const char *p = text; at && p < at && p < text + len; p++) {
			col = *p == '\n' ? 1 : col + 1;
			line += *p == '\n';
		}
		if (root || len == 0)
			snprintf(why, whylen, "%s: not a benchtop report (expected a JSON object)", path);
		else
			snprintf(why, whylen, "%s:%ld:%ld: not valid JSON", path, line, col);
		text_visible_inplace(why, whylen);
		cJSON_Delete(root);
		free(text);
		return -1;
	}
	free(text);

	int rc = -1;
	struct test_info *infos = NULL;
	const cJSON *tests = cJSON_GetObjectItemCaseSensitive(root, "tests");
	double schema = results_json_get_number(root, "schema");
	if (schema != 1 || !cJSON_IsArray(tests)) {
		if (isnan(schema))
			snprintf(why, whylen, "%s: not a benchtop report (no \"schema\")", path);
		else if (schema != 1)
			snprintf(why, whylen, "%s: report schema %g, this benchtop reads schema 1", path, schema);
		else
			snprintf(why, whylen, "%s: not a benchtop report (no \"tests\" array)", path);
		goto done;
	}
	size_t n = (size_t)cJSON_GetArraySize(tests);
	infos = calloc(n ? n : 1, sizeof *infos);
	if (!infos) {
		snprintf(why, whylen, "%s: out of memory", path);
		goto done;
	}
	size_t i = 0;
	const cJSON *t;
	cJSON_ArrayForEach(t, tests) {
		if (report_check_test(t, path, i, why, whylen) < 0)
			goto done;
		results_json_info_read(t, &infos[i++]);
	}
	if (report_check_unique(infos, n, path, why, whylen) < 0)
		goto done;
	if (results_init(out, infos, n) < 0) {
		snprintf(why, whylen, "%s: out of memory", path);
		goto done;
	}
	results_json_run_read(root, out);
	i = 0;
	cJSON_ArrayForEach(t, tests) {
		if (report_read_test(t, &out->tests[i], path, i, &total, why, whylen) < 0) {
			results_free(out);
			goto done;
		}
		i++;
	}
	rc = 0;
done:
	free(infos);
	cJSON_Delete(root);
	if (rc < 0)
		text_visible_inplace(why, whylen);   /* the status quoted from the file reaches a terminal */
	return rc;
}
