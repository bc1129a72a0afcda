#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "export.h"
#include "fmt-units.h"
#include "journal.h"
#include "json-number.h"
#include "report-fixture.h"
#include "report-load.h"
#include "results.h"
#include "stats.h"

static char dir[256];

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	n = buf ? fread(buf, 1, cap - 1, f) : 0;
	fclose(f);
	if (buf)
		buf[n] = '\0';
	return buf;
}

/* How many entries of d start with a dot, other than . and .. (temporary files). */
static int hidden_files(const char *d)
{
	DIR *dp = opendir(d);
	int n = 0;
	if (!dp)
		return -1;
	for (struct dirent *e; (e = readdir(dp));)
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(dp);
	return n;
}

static void check_number_or_null(const cJSON *v, double want, const char *what)
{
	if (isnan(want)) {
		if (!cJSON_IsNull(v)) {
			check_failures++;
			fprintf(stderr, "%s: expected null\n", what);
		}
		return;
	}
	CHECK(cJSON_IsNumber(v));
	if (cJSON_IsNumber(v) && !(fabs(v->valuedouble - want) <= 1e-9 * fmax(1, fabs(want)))) {
		check_failures++;
		fprintf(stderr, "%s: %.17g, expected %.17g\n", what, v->valuedouble, want);
	}
}

static void check_json(const char *path, const struct run_results *r)
{
	char *text = slurp(path);
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	free(text);
	CHECK(cJSON_IsObject(root));
	if (!root)
		return;
	CHECK_NEAR(cJSON_GetObjectItem(root, "schema")->valuedouble, 1, 0);
	CHECK_STR(cJSON_GetObjectItem(root, "started")->valuestring, "2024-05-01T12:00:00Z");
	CHECK_STR(cJSON_GetObjectItem(root, "benchtop_version")->valuestring, PACKAGE_VERSION);
	const cJSON *sys = cJSON_GetObjectItem(root, "system");
	CHECK_STR(cJSON_GetObjectItem(sys, "hostname")->valuestring, "bench-01");
	CHECK_NEAR(cJSON_GetObjectItem(sys, "cores")->valuedouble, 8, 0);
	CHECK_STR(cJSON_GetArrayItem(cJSON_GetObjectItem(sys, "gpus"), 0)->valuestring, "Test GPU 9000");

	const cJSON *tests = cJSON_GetObjectItem(root, "tests");
	CHECK_INT(cJSON_GetArraySize(tests), FIXTURE_NTESTS);
	static const char *const status[] = { "pass", "fail", "error", "skipped" };
	static const char *const keys[] = { "min", "max", "mean", "median", "stdev", "cv", "p5",
	                                    "p95", "p99", "mad" };
	int i = 0;
	const cJSON *t;
	cJSON_ArrayForEach(t, tests) {
		CHECK_STR(cJSON_GetObjectItem(t, "status")->valuestring, status[i]);
		CHECK_STR(cJSON_GetObjectItem(t, "name")->valuestring, r->tests[i].info.name);
		/* The statistics are those of the samples in the file. */
		const cJSON *samples = cJSON_GetObjectItem(t, "samples"), *v;
		double x[64];
		size_t n = 0;
		cJSON_ArrayForEach(v, samples)
			x[n++] = v->valuedouble;
		struct stats s;
		stats_compute(x, n, &s);
		double want[] = { s.min, s.max, s.mean, s.median, s.stdev, s.cv, s.p5, s.p95, s.p99, s.mad };
		const cJSON *st = cJSON_GetObjectItem(t, "stats");
		CHECK_NEAR(cJSON_GetObjectItem(st, "n")->valuedouble, s.n, 0);
		CHECK_NEAR(cJSON_GetObjectItem(st, "outliers")->valuedouble, s.outliers, 0);
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			check_number_or_null(cJSON_GetObjectItem(st, keys[k]), want[k], keys[k]);
		const cJSON *ci = cJSON_GetObjectItem(st, "ci95");
		CHECK_INT(cJSON_GetArraySize(ci), 2);
		check_number_or_null(cJSON_GetArrayItem(ci, 0), s.ci95_lo, "ci95 lo");
		check_number_or_null(cJSON_GetArrayItem(ci, 1), s.ci95_hi, "ci95 hi");
		/* Samples are written exactly. */
		for (size_t k = 0; k < n && k < r->tests[i].n; k++)
			CHECK(x[k] == r->tests[i].samples[k]);
		i++;
	}
	const cJSON *t0 = cJSON_GetArrayItem(tests, 0), *t1 = cJSON_GetArrayItem(tests, 1);
	CHECK_STR(cJSON_GetObjectItem(t0, "better")->valuestring, "lower");
	CHECK_STR(cJSON_GetObjectItem(t1, "better")->valuestring, "higher");
	CHECK(cJSON_IsNull(cJSON_GetObjectItem(t0, "error")));
	CHECK(strstr(cJSON_GetObjectItem(t1, "error")->valuestring, "min_throughput") != NULL);
	CHECK_NEAR(cJSON_GetObjectItem(cJSON_GetObjectItem(t0, "variant"), "ms")->valuedouble, 10, 0);
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetObjectItem(t0, "variant"), "mode")->valuestring, "cpu");
	check_number_or_null(cJSON_GetObjectItem(t0, "throughput"), 1.0 / r->tests[0].stats.mean, "throughput");
	check_number_or_null(cJSON_GetObjectItem(cJSON_GetObjectItem(t0, "thresholds"), "max_mean"), 1.0, "max_mean");
	CHECK(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(t0, "thresholds"), "min_throughput")));
	/* Process figures for commands only. */
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(t0, "wall_s")), 5);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(t0, "maxrss_bytes")), 5);
	CHECK(cJSON_GetObjectItem(t1, "wall_s") == NULL);
	const cJSON *during = cJSON_GetObjectItem(t0, "during");
	check_number_or_null(cJSON_GetObjectItem(during, "cpu_mean"), 43.5, "cpu_mean");
	check_number_or_null(cJSON_GetObjectItem(during, "cpu_peak"), 47, "cpu_peak");
	check_number_or_null(cJSON_GetObjectItem(during, "gpu_util_mean"), 13.5, "gpu_util_mean");
	CHECK(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(tests, 3), "during"),
	                                       "cpu_mean")));
	cJSON_Delete(root);
}

static void check_csv(const char *path, const struct run_results *r)
{
	char *text = slurp(path);
	if (!text)
		return;
	int lines = 0;
	for (char *p = text; *p; p++)
		lines += *p == '\n';
	CHECK_INT(lines, FIXTURE_NTESTS + 1);
	CHECK(strncmp(text, "suite,name,variant,metric,unit,better,status,n,min,max,mean,median,stdev,cv,"
	              "p5,p95,p99,mad,ci95_lo,ci95_hi,outliers,throughput,error\r\n", 126) == 0);
	/* RFC 4180: a field with a comma or a quote is quoted, quotes doubled. */
	CHECK(strstr(text, "\nquick,\"float <&\"\"'>, |x|\",,throughput,GFLOP/s,higher,fail,5,") != NULL);
	CHECK(strstr(text, "\nquick,sleep,ms=10 mode=cpu,wall_time,s,lower,pass,5,0.0101234567891234,"
	              "0.0113333333333333,") != NULL);
	CHECK(strstr(text, "\"exit status 3: \"\"boom\"\" <stderr> & more\"\r\n") != NULL);
	/* A test that never ran: empty cells for its figures. */
	CHECK(strstr(text, "\nother,never,,throughput,Gop/s,higher,skipped,0,,,,,,,,,,,,,0,,,,,,\r\n") != NULL);
	/* Every figure as the JSON report writes it: the shortest text that reads back exactly,
	 * which for some of these takes more than %.15g's digits. */
	const struct stats *s = &r->tests[1].stats;
	const double figs[] = { s->min, s->max, s->mean, s->median, s->stdev, s->cv, s->p5, s->p95,
	                        s->p99, s->mad, s->ci95_lo, s->ci95_hi };
	char want[1024] = ",", num[JSON_NUMBER_LEN], g15[64];
	int longer = 0;
	for (size_t i = 0; i < sizeof figs / sizeof *figs; i++) {
		strcat(strcat(want, json_number_text(num, sizeof num, figs[i])), ",");
		c_snprintf(g15, sizeof g15, "%.15g", figs[i]);
		longer += c_strtod(g15, NULL) != figs[i];
		CHECK(c_strtod(num, NULL) == figs[i]);
	}
	CHECK(longer > 0);
	CHECK(strstr(text, want) != NULL);
	free(text);
}

static void check_md(const char *path, const struct run_results *r)
{
	char *text = slurp(path);
	char row[256];
	const struct stats *s = &r->tests[0].stats;
	if (!text)
		return;
	CHECK(strncmp(text, "# benchtop results", 18) == 0);
	CHECK(strstr(text, "**bench-01**: Fixture CPU @ 3.00GHz, 8 cores, 16.00 GiB, Linux 6.1.0, GPU: Test GPU 9000") != NULL);
	CHECK(strstr(text, "\n| test | variant | status | mean ± stdev | median | min … max | n |\n|---|") != NULL);
	/* figures with their unit, as fmt-units.h prints them */
	char pm[96], med[48], range[96];
	snprintf(row, sizeof row, "| quick/sleep | ms=10 mode=cpu | pass | %s | %s | %s | 5 |",
	         fmt_unit_pm(pm, sizeof pm, s->mean, s->stdev, "s"), fmt_unit(med, sizeof med, s->median, "s", 0),
	         fmt_unit_range(range, sizeof range, s->min, s->max, "s"));
	CHECK(strstr(text, row) != NULL);
	CHECK(strstr(text, "| other/crash |  | **error** | 250.0 ms | 250.0 ms | 250.0 \xE2\x80\xA6 250.0 ms | 1 |") != NULL);
	CHECK(strstr(text, "| quick/float &lt;&amp;\"'&gt;, \\|x\\| |  | **fail** | 10.35 ± ") != NULL);
	CHECK(strstr(text, "| other/never |  | skipped | - | - | - | 0 |") != NULL);
	CHECK(strstr(text, "## Problems") != NULL);
	free(text);
}

static void check_html(const char *path, const struct run_results *r)
{
	char *text = slurp(path);
	char cell[128];
	if (!text)
		return;
	CHECK(strncmp(text, "<!DOCTYPE html>", 15) == 0);
	CHECK(strstr(text, "bench-01 · Fixture CPU @ 3.00GHz · 8 cores · 16.00 GiB") != NULL);
	/* the name that needs escaping is escaped, and the failing test says so */
	CHECK(strstr(text, "quick/float &lt;&amp;&quot;&#39;&gt;, |x|</a>") != NULL);
	CHECK(strstr(text, "<td class=\"fail\">fail</td>") != NULL);
	char pm[96];
	snprintf(cell, sizeof cell, ">%s</td>", fmt_unit_pm(pm, sizeof pm, r->tests[0].stats.mean,
	         r->tests[0].stats.stdev, "s"));
	CHECK(strstr(text, cell) != NULL);
	CHECK(strstr(text, "<svg ") != NULL);          /* the charts of a test with samples */
	CHECK(strstr(text, "</html>") != NULL);
	free(text);
}

static void check_junit(const char *path, const struct run_results *r)
{
	char *text = slurp(path);
	char want[256];
	double sum = 0;
	if (!text)
		return;
	for (size_t i = 0; i < r->tests[0].n; i++)
		sum += r->tests[0].samples[i];
	CHECK(strncmp(text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"benchtop\" "
	              "tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\"", 106) == 0);
	CHECK(strstr(text, "<testsuite name=\"quick\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\"") != NULL);
	CHECK(strstr(text, "<testsuite name=\"other\" tests=\"2\" failures=\"0\" errors=\"1\" skipped=\"1\"") != NULL);
	/* A time metric's time is the sum of its samples. */
	c_snprintf(want, sizeof want, "<testcase classname=\"quick\" name=\"sleep ms=10 mode=cpu\" time=\"%.6f\">", sum);
	CHECK(strstr(text, want) != NULL);
	CHECK(strstr(text, "<testcase classname=\"other\" name=\"crash\" time=\"0.250000\">") != NULL);
	CHECK(strstr(text, "name=\"float &lt;&amp;&quot;&apos;&gt;, |x|\"") != NULL);
	c_snprintf(want, sizeof want, "<failure type=\"fail\" message=\"throughput %.6g GFLOP/s is below "
	           "min_throughput 1000 GFLOP/s by 99.0 %%\">", r->tests[1].stats.mean);
	CHECK(strstr(text, want) != NULL);
	CHECK(strstr(text, "<error type=\"error\" message=\"exit status 3: &quot;boom&quot; &lt;stderr&gt; &amp; more\">") != NULL);
	CHECK(strstr(text, "<skipped ") != NULL);
	CHECK(strstr(text, "</testsuites>\n") != NULL);
	/* Every '&' starts an entity. */
	for (const char *p = strchr(text, '&'); p; p = strchr(p + 1, '&'))
		CHECK(strncmp(p, "&amp;", 5) == 0 || strncmp(p, "&lt;", 4) == 0 || strncmp(p, "&gt;", 4) == 0 ||
		      strncmp(p, "&quot;", 6) == 0 || strncmp(p, "&apos;", 6) == 0 || strncmp(p, "&#", 2) == 0);
	free(text);
}

static void test_all_formats(const struct run_results *r)
{
	char out[512], path[600], why[512] = "";
	snprintf(out, sizeof out, "%s/reports/nested", dir);
	CHECK_INT(export_dir(out, "run-20240501-120000", r, why, sizeof why), 0);
	if (why[0])
		fprintf(stderr, "%s\n", why);
	snprintf(path, sizeof path, "%s/run-20240501-120000.json", out);
	check_json(path, r);
	snprintf(path, sizeof path, "%s/run-20240501-120000.csv", out);
	check_csv(path, r);
	snprintf(path, sizeof path, "%s/run-20240501-120000.md", out);
	check_md(path, r);
	snprintf(path, sizeof path, "%s/run-20240501-120000.html", out);
	check_html(path, r);
	snprintf(path, sizeof path, "%s/run-20240501-120000.xml", out);
	check_junit(path, r);
	CHECK_INT(hidden_files(out), 0);
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0444) == 0444);

	/* The JSON report reads back as the same run. */
	struct run_results back;
	snprintf(path, sizeof path, "%s/run-20240501-120000.json", out);
	CHECK_INT(report_load_json(path, &back, why, sizeof why), 0);
	CHECK_INT(back.ntests, r->ntests);
	for (size_t i = 0; i < back.ntests && i < r->ntests; i++) {
		CHECK_INT(back.tests[i].status, r->tests[i].status);
		CHECK_INT(back.tests[i].n, r->tests[i].n);
		CHECK_STR(back.tests[i].info.name, r->tests[i].info.name);
		CHECK_STR(back.tests[i].error, r->tests[i].error);
		CHECK(back.tests[i].stats.mean == r->tests[i].stats.mean ||
		      (isnan(back.tests[i].stats.mean) && isnan(r->tests[i].stats.mean)));
	}
	CHECK_STR(back.tests[0].info.variant, "{\"ms\":10,\"mode\":\"cpu\"}");
	CHECK_NEAR(back.started_t, FIXTURE_T0, 0);
	CHECK_STR(back.system.cpu_model, "Fixture CPU @ 3.00GHz");
	/* ... and writes the same report again. */
	snprintf(path, sizeof path, "%s/again.json", out);
	CHECK_INT(export_path(path, &back, why, sizeof why), 0);
	char *a = slurp(path);
	snprintf(path, sizeof path, "%s/run-20240501-120000.json", out);
	char *b = slurp(path);
	CHECK(a && b && strcmp(a, b) == 0);
	free(a);
	free(b);
	results_free(&back);
}

static void test_from_journal(const struct run_results *r)
{
	/* The reports rebuilt from a journal are the reports of the run. */
	struct test_info in[FIXTURE_NTESTS];
	struct run_event ev[64];
	struct run_results live, back;
	char path[512], why[512] = "";
	fixture_infos(in);
	CHECK_INT(results_init(&live, in, FIXTURE_NTESTS), 0);
	live.started_t = r->started_t;
	live.system = r->system;
	snprintf(path, sizeof path, "%s/run.journal.jsonl", dir);
	struct journal *j = journal_open(path, &live, why, sizeof why);
	CHECK(j != NULL);
	if (!j)
		return;
	int n = fixture_events(ev);
	for (int i = 0; i < n; i++) {
		results_apply(&live, &ev[i]);
		journal_event(j, &ev[i], why, sizeof why);
		struct frame f = fixture_frame(40 + i, 1e9 + i * 1e6, 10 + i);
		results_frame(&live, &f);
	}
	journal_close(j);
	CHECK_INT(journal_load(path, &back, why, sizeof why), 0);
	results_finish(&live);
	results_finish(&back);
	for (const struct exporter_class *const *c = exporter_table; *c; c++) {
		char pa[600], pb[600];
		snprintf(pa, sizeof pa, "%s/live.%s", dir, (*c)->ext);
		snprintf(pb, sizeof pb, "%s/back.%s", dir, (*c)->ext);
		CHECK_INT(export_path(pa, &live, why, sizeof why), 0);
		CHECK_INT(export_path(pb, &back, why, sizeof why), 0);
		char *a = slurp(pa), *b = slurp(pb);
		CHECK(a && b);
		if (a && b && strcmp(a, b) != 0) {
			check_failures++;
			fprintf(stderr, "%s and %s differ\n", pa, pb);
		}
		free(a);
		free(b);
	}
	results_free(&live);
	results_free(&back);
}

static int fail_half_way(FILE *f, const struct run_results *r, char *why, size_t whylen)
{
	fputs("{\"half\":", f);
	snprintf(why, whylen, "gave up");
	return -1;
}

static const struct exporter_class failing = { .name = "failing", .ext = "json", .write = fail_half_way };

static void test_errors(const struct run_results *r)
{
	char path[512], why[512] = "";

	/* An unknown extension names the accepted ones. */
	snprintf(path, sizeof path, "%s/report.txt", dir);
	CHECK_INT(export_path(path, r, why, sizeof why), -1);
	CHECK(strstr(why, path) != NULL);
	CHECK(strstr(why, ".json, .csv, .md, .xml, .html") != NULL);
	snprintf(path, sizeof path, "%s/noext", dir);
	CHECK_INT(export_path(path, r, why, sizeof why), -1);
	snprintf(path, sizeof path, "%s/UPPER.JSON", dir);
	CHECK_INT(export_path(path, r, why, sizeof why), 0);
	CHECK(export_find("x.md") == &export_md);
	CHECK(export_find("dir.json/x") == NULL);

	/* A file in the way of a directory. */
	char blocker[512];
	snprintf(blocker, sizeof blocker, "%s/blocker", dir);
	FILE *f = fopen(blocker, "w");
	if (f)
		fclose(f);
	snprintf(path, sizeof path, "%s/blocker/r.json", dir);
	CHECK_INT(export_path(path, r, why, sizeof why), -1);
	CHECK(strstr(why, path) != NULL);
	CHECK(strstr(why, "Not a directory") != NULL);
	snprintf(path, sizeof path, "%s/blocker/sub", dir);
	CHECK_INT(export_dir(path, "run", r, why, sizeof why), -1);
	CHECK(strstr(why, "blocker") != NULL);

	/* A directory we may not write to: an error naming the file, and no temporary left. */
	char ro[400];
	snprintf(ro, sizeof ro, "%s/readonly", dir);
	CHECK(mkdir(ro, 0555) == 0);
	if (geteuid() != 0) {
		snprintf(path, sizeof path, "%s/r.csv", ro);
		CHECK_INT(export_path(path, r, why, sizeof why), -1);
		CHECK(strstr(why, path) != NULL);
		CHECK(strstr(why, "Permission denied") != NULL);
		CHECK_INT(export_dir(ro, "run", r, why, sizeof why), -1);
		CHECK(strstr(why, "Permission denied") != NULL);
	}
	CHECK_INT(hidden_files(ro), 0);
	chmod(ro, 0755);

	/* A writer that fails half-way leaves the old file whole and no temporary. */
	snprintf(path, sizeof path, "%s/keep.json", dir);
	CHECK_INT(export_path(path, r, why, sizeof why), 0);
	char *before = slurp(path);
	CHECK_INT(export_atomic(path, &failing, r, why, sizeof why), -1);
	CHECK(strstr(why, "gave up") != NULL);
	CHECK(strstr(why, path) != NULL);
	char *after = slurp(path);
	CHECK(before && after && strcmp(before, after) == 0);
	free(before);
	free(after);
	CHECK_INT(hidden_files(dir), 0);

	/* Reading back: a clear error naming the file. */
	struct run_results back;
	snprintf(path, sizeof path, "%s/missing.json", dir);
	CHECK_INT(report_load_json(path, &back, why, sizeof why), -1);
	CHECK(strstr(why, path) != NULL);
	CHECK(strstr(why, "No such file") != NULL);
	snprintf(path, sizeof path, "%s/bad.json", dir);
	f = fopen(path, "w");
	if (f) {
		fputs("{\n  \"schema\": 1,\n  oops\n}\n", f);
		fclose(f);
	}
	CHECK_INT(report_load_json(path, &back, why, sizeof why), -1);
	CHECK(strstr(why, "bad.json:3:") != NULL);
	CHECK(strstr(why, "not valid JSON") != NULL);
	f = fopen(path, "w");
	if (f) {
		fputs("{\"schema\": 7, \"tests\": []}", f);
		fclose(f);
	}
	CHECK_INT(report_load_json(path, &back, why, sizeof why), -1);
	CHECK(strstr(why, "schema 7") != NULL);
	f = fopen(path, "w");
	if (f) {
		fputs("[1, 2]", f);
		fclose(f);
	}
	CHECK_INT(report_load_json(path, &back, why, sizeof why), -1);
	CHECK(strstr(why, "not a benchtop report") != NULL);
}

static void test_labels(void)
{
	char buf[128];
	CHECK_STR(export_variant_label(buf, sizeof buf, "{\"res\": \"1080p\", \"spp\": 4, \"gpu\": true}"),
	          "res=1080p spp=4 gpu=true");
	CHECK_STR(export_variant_label(buf, sizeof buf, "{}"), "");
	CHECK_STR(export_variant_label(buf, sizeof buf, "{\"x\": 0.5}"), "x=0.5");
}

static void test_comma_locale(const struct run_results *r)
{
	static const char *const names[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "nl_NL.UTF-8",
	                                     "ru_RU.UTF-8", NULL };
	const char *found = NULL;
	for (const char *const *n = names; *n && !found; n++)
		if (setlocale(LC_ALL, *n) && strcmp(localeconv()->decimal_point, ",") == 0)
			found = *n;
	if (!found) {
		setlocale(LC_ALL, "C");
		printf("no locale with a decimal comma here: that part is skipped\n");
		return;
	}
	char out[512], path[600], why[512] = "";
	snprintf(out, sizeof out, "%s/locale", dir);
	CHECK_INT(export_dir(out, "run", r, why, sizeof why), 0);
	snprintf(path, sizeof path, "%s/run.json", out);
	check_json(path, r);
	snprintf(path, sizeof path, "%s/run.csv", out);
	check_csv(path, r);
	snprintf(path, sizeof path, "%s/run.md", out);
	check_md(path, r);
	snprintf(path, sizeof path, "%s/run.xml", out);
	check_junit(path, r);
	setlocale(LC_ALL, "C");
}

/* A --baseline verdict in the machine-readable reports is the lower-case id that compare's JSON
 * and CSV write ("regressed", "too-few-samples"), not the table's "REGRESSED". */
static void test_baseline_verdicts(struct run_results *r)
{
	char out[512], path[600], why[512] = "";
	r->tests[0].has_baseline = r->tests[1].has_baseline = 1;
	r->tests[0].baseline = (struct comparison){ .old_median = 0.005, .change_pct = 104, .p_utest = 0.008,
	                                            .verdict = VERDICT_REGRESSED };
	r->tests[1].baseline = (struct comparison){ .old_median = 10, .change_pct = 1, .p_utest = 0.1,
	                                            .verdict = VERDICT_TOO_FEW };
	snprintf(out, sizeof out, "%s/verdicts", dir);
	CHECK_INT(export_dir(out, "run", r, why, sizeof why), 0);
	snprintf(path, sizeof path, "%s/run.csv", out);
	char *csv = slurp(path);
	if (csv) {
		CHECK(strstr(csv, ",0.005,104,0.008,regressed,\r\n") != NULL);
		CHECK(strstr(csv, ",10,1,0.1,too-few-samples,") != NULL);
		CHECK(strstr(csv, "REGRESSED") == NULL);
		free(csv);
	}
	snprintf(path, sizeof path, "%s/run.json", out);
	char *text = slurp(path);
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	const cJSON *tests = cJSON_GetObjectItem(root, "tests");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(tests, 0),
	          "baseline"), "verdict")), "regressed");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(tests, 1),
	          "baseline"), "verdict")), "too-few-samples");
	cJSON_Delete(root);
	free(text);
	r->tests[0].has_baseline = r->tests[1].has_baseline = 0;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/benchtop-export-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 99;
	}
	struct run_results r;
	CHECK_INT(fixture_run(&r), 0);
	results_finish(&r);
	test_all_formats(&r);
	test_from_journal(&r);
	test_errors(&r);
	test_labels();
	test_baseline_verdicts(&r);
	test_comma_locale(&r);
	results_free(&r);
	if (!check_failures && !getenv("KEEP")) {
		char cmd[512];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return check_result();
}
