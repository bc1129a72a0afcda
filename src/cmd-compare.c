#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-compare.h"
#include "compare.h"
#include "export.h"
#include "report-load.h"
#include "results-json.h"
#include "util.h"

#define COMPARE_DEFAULT_TOLERANCE 5.0
/* Column widths; with the separating spaces and "REGRESSED" a row is 79 columns. */
#define COL_TEST   25
#define COL_MEAN   13
#define COL_CHANGE 8
#define COL_P      6

/* The variant as cJSON prints it, so {"a": 1} and {"a":1} match. */
static void compare_variant_key(char *buf, size_t len, const char *variant)
{
	cJSON *v = cJSON_Parse(variant);
	char *text = cJSON_IsObject(v) ? cJSON_PrintUnformatted(v) : NULL;
	str_copy(buf, text ? text : variant, len);
	cJSON_free(text);
	cJSON_Delete(v);
}

static int compare_same_test(const struct test_info *a, const struct test_info *b)
{
	char ka[sizeof a->variant], kb[sizeof b->variant];
	if (strcmp(a->suite, b->suite) != 0 || strcmp(a->name, b->name) != 0)
		return 0;
	compare_variant_key(ka, sizeof ka, a->variant);
	compare_variant_key(kb, sizeof kb, b->variant);
	return strcmp(ka, kb) == 0;
}

static const struct test_result *compare_find(const struct run_results *r, const struct test_info *in)
{
	for (size_t i = 0; i < r->ntests; i++)
		if (compare_same_test(&r->tests[i].info, in))
			return &r->tests[i];
	return NULL;
}

/* Prints s in exactly `cols` terminal columns: padded, or cut with an ellipsis. */
static void compare_print_cell(FILE *out, const char *s, int cols)
{
	int n = 0;
	for (const char *p = s; *p; p++)
		n += ((unsigned char)*p & 0xC0) != 0x80;
	if (n <= cols) {
		fprintf(out, "%s%*s", s, cols - n, "");
		return;
	}
	int shown = 0;
	const char *p = s;
	for (; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80) {
			if (shown == cols - 1)
				break;
			shown++;
		}
		fputc(*p, out);
	}
	fputs("\xE2\x80\xA6", out);   /* … */
}

/* A mean, with its unit when `with_unit`; times scaled to ms, us, ns. */
static void compare_format_mean(char *buf, size_t len, double v, const char *unit, int with_unit)
{
	if (!isfinite(v)) {
		str_copy(buf, "-", len);
		return;
	}
	char u[24];
	str_copy(u, unit, sizeof u);
	/* 0.9995 s prints as 1 s at 4 digits: scale only below it. */
	if (strcmp(unit, "s") == 0 && v != 0 && fabs(v) < 0.9995) {
		static const char *const names[] = { "ms", "us", "ns" };
		int k = 0;
		v *= 1e3;
		while (fabs(v) < 0.9995 && k < 2) {
			v *= 1e3;
			k++;
		}
		str_copy(u, names[k], sizeof u);
	}
	if (with_unit && u[0])
		c_snprintf(buf, len, "%.4g %s", v, u);
	else
		c_snprintf(buf, len, "%.4g", v);
}

static void compare_label(char *buf, size_t len, const struct test_info *in)
{
	char variant[256];
	export_variant_label(variant, sizeof variant, in->variant);
	snprintf(buf, len, "%s/%s%s%s", in->suite, in->name, variant[0] ? " " : "", variant);
}

static void compare_row(FILE *out, const struct test_info *in, const struct comparison *c,
                        const char *verdict)
{
	char label[512], a[32], b[32], change[32] = "-", p[32] = "-";
	compare_label(label, sizeof label, in);
	/* Units on both means or on neither, so the two read alike. */
	compare_format_mean(a, sizeof a, c->old_mean, in->unit, 1);
	compare_format_mean(b, sizeof b, c->new_mean, in->unit, 1);
	if (strlen(a) > COL_MEAN || strlen(b) > COL_MEAN) {
		compare_format_mean(a, sizeof a, c->old_mean, in->unit, 0);
		compare_format_mean(b, sizeof b, c->new_mean, in->unit, 0);
	}
	if (isfinite(c->change_pct))
		c_snprintf(change, sizeof change, "%+.1f%%", c->change_pct);
	if (isfinite(c->p_value))
		c_snprintf(p, sizeof p, c->p_value < 0.001 ? "<.001" : "%.3f", c->p_value);
	compare_print_cell(out, label, COL_TEST);
	fprintf(out, " %*s %*s %*s %*s %s\n", COL_MEAN, a, COL_MEAN, b, COL_CHANGE, change, COL_P, p,
	        verdict);
}

int compare_reports(const struct run_results *old_r, struct run_results *new_r,
                    double tolerance_pct, FILE *out)
{
	size_t counts[VERDICT_GONE + 1] = { 0 }, other = 0;
	compare_print_cell(out, "test", COL_TEST);
	fprintf(out, " %*s %*s %*s %*s %s\n", COL_MEAN, "old mean", COL_MEAN, "new mean",
	        COL_CHANGE, "change", COL_P, "p", "verdict");
	for (size_t i = 0; i < new_r->ntests; i++) {
		struct test_result *n = &new_r->tests[i];
		const struct test_result *o = compare_find(old_r, &n->info);
		struct comparison c = { NAN, NAN, NAN, NAN, VERDICT_NEW };
		if (!o) {
			c.new_mean = n->stats.mean;
			counts[VERDICT_NEW]++;
			compare_row(out, &n->info, &c, verdict_name(VERDICT_NEW));
			continue;
		}
		compare_samples(o->samples, o->n, n->samples, n->n, n->info.higher_is_better,
		                tolerance_pct, &c);
		/* The reports of the new run carry the comparison too. */
		n->has_baseline = 1;
		n->baseline = c;
		/* Without samples on a side there is nothing to compare: say why instead. */
		if (o->stats.n == 0 || n->stats.n == 0) {
			const struct test_result *empty = n->stats.n == 0 ? n : o;
			char why[48];
			snprintf(why, sizeof why, "%s %s", empty == n ? "new" : "old", test_status_name(empty->status));
			other++;
			compare_row(out, &n->info, &c, why);
			continue;
		}
		counts[c.verdict]++;
		compare_row(out, &n->info, &c, verdict_name(c.verdict));
	}
	for (size_t i = 0; i < old_r->ntests; i++) {
		const struct test_result *o = &old_r->tests[i];
		if (compare_find(new_r, &o->info))
			continue;
		struct comparison c = { o->stats.mean, NAN, NAN, NAN, VERDICT_GONE };
		counts[VERDICT_GONE]++;
		compare_row(out, &o->info, &c, verdict_name(VERDICT_GONE));
	}
	char tol[32];
	c_snprintf(tol, sizeof tol, "%g", tolerance_pct);
	fprintf(out, "\n%zu regressed, %zu improved, %zu unchanged, %zu new, %zu gone",
	        counts[VERDICT_REGRESSED], counts[VERDICT_IMPROVED], counts[VERDICT_UNCHANGED],
	        counts[VERDICT_NEW], counts[VERDICT_GONE]);
	if (other)
		fprintf(out, ", %zu without samples", other);
	fprintf(out, " (tolerance %s%%, p < 0.05)\n", tol);
	return counts[VERDICT_REGRESSED] ? 1 : 0;
}

static void cmd_compare_usage(FILE *f)
{
	fputs("usage: benchtop compare OLD.json NEW.json [--threshold PCT]\n"
	      "  Compares two JSON reports test by test; exit 1 when a test regressed.\n"
	      "  --threshold PCT  change a test may show before it counts (default 5)\n", f);
}

int cmd_compare(int argc, char **argv)
{
	const char *files[2] = { NULL, NULL };
	int nfiles = 0;
	double tolerance = COMPARE_DEFAULT_TOLERANCE;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			cmd_compare_usage(stdout);
			return 0;
		}
		if (strcmp(a, "--threshold") == 0 || strcmp(a, "-t") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "benchtop compare: %s: needs a percentage, such as 5\n", a);
				return 2;
			}
			val = argv[++i];
		} else if (strncmp(a, "--threshold=", 12) == 0) {
			val = a + 12;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "benchtop compare: unknown option '%s' (see benchtop compare --help)\n", a);
			return 2;
		} else if (nfiles < 2) {
			files[nfiles++] = a;
			continue;
		} else {
			fprintf(stderr, "benchtop compare: unexpected argument '%s': expected two reports, OLD.json and NEW.json\n", a);
			return 2;
		}
		if (parse_double(val, &tolerance) < 0 || tolerance < 0) {
			fprintf(stderr, "benchtop compare: --threshold: invalid value '%s': expected a percentage >= 0, such as 5\n", val);
			return 2;
		}
	}
	if (nfiles != 2) {
		fprintf(stderr, "benchtop compare: expected two reports, OLD.json and NEW.json "
		        "(see benchtop compare --help)\n");
		return 2;
	}

	struct run_results old_r, new_r;
	char why[512];
	if (report_load_json(files[0], &old_r, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop compare: %s\n", why);
		return 2;
	}
	if (report_load_json(files[1], &new_r, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop compare: %s\n", why);
		results_free(&old_r);
		return 2;
	}
	char a[32], b[32];
	printf("old: %s (%s%s%s)\nnew: %s (%s%s%s)\n\n",
	       files[0], results_json_iso_time(a, sizeof a, old_r.started_t),
	       old_r.system.hostname[0] ? ", " : "", old_r.system.hostname,
	       files[1], results_json_iso_time(b, sizeof b, new_r.started_t),
	       new_r.system.hostname[0] ? ", " : "", new_r.system.hostname);
	int rc = compare_reports(&old_r, &new_r, tolerance, stdout);
	fflush(stdout);
	results_free(&old_r);
	results_free(&new_r);
	return rc;
}
