#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "json-number.h"
#include "util.h"

void export_csv_text(FILE *f, const char *s, int quote)
{
	int formula = *s && strchr("=+-@\t\r", *s);
	if (!formula && !quote && !s[strcspn(s, ",\"\r\n")]) {
		fputs(s, f);
		return;
	}
	fputs(formula ? "\"'" : "\"", f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void export_csv_field(FILE *f, const char *s, int last)
{
	export_csv_text(f, s, 0);
	fputs(last ? "\r\n" : ",", f);
}

/* A figure as the JSON report writes it, the shortest text that reads back as the same
 * double (%.15g may not); an empty cell when missing. */
static void export_csv_number(FILE *f, double v)
{
	char buf[JSON_NUMBER_LEN] = "";
	if (isfinite(v))
		json_number_text(buf, sizeof buf, v);
	fprintf(f, "%s,", buf);   /* a number, never a formula: written as it is */
}

static void export_csv_count(FILE *f, size_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%zu", v);
	fprintf(f, "%s,", buf);
}

static const char *const export_csv_columns[] = {
	"suite", "name", "variant", "metric", "unit", "better", "status", "n", "min", "max", "mean",
	"median", "stdev", "cv", "p5", "p95", "p99", "mad", "ci95_lo", "ci95_hi", "outliers",
	"throughput", "baseline_median", "change_pct", "p_utest", "verdict", "error", NULL,
};

static int export_csv_write(FILE *f, const struct run_results *r, char *why, size_t whylen)
{
	for (const char *const *c = export_csv_columns; *c; c++)
		export_csv_field(f, *c, c[1] == NULL);
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		const struct stats *s = &t->stats;
		char label[512];
		export_csv_field(f, t->info.suite, 0);
		export_csv_field(f, t->info.name, 0);
		export_csv_field(f, export_variant_label(label, sizeof label, t->info.variant), 0);
		export_csv_field(f, t->info.metric, 0);
		export_csv_field(f, t->info.unit, 0);
		export_csv_field(f, t->info.higher_is_better ? "higher" : "lower", 0);
		export_csv_field(f, test_status_name(t->status), 0);
		export_csv_count(f, s->n);
		export_csv_number(f, s->min);
		export_csv_number(f, s->max);
		export_csv_number(f, s->mean);
		export_csv_number(f, s->median);
		export_csv_number(f, s->stdev);
		export_csv_number(f, s->cv);
		export_csv_number(f, s->p5);
		export_csv_number(f, s->p95);
		export_csv_number(f, s->p99);
		export_csv_number(f, s->mad);
		export_csv_number(f, s->ci95_lo);
		export_csv_number(f, s->ci95_hi);
		export_csv_count(f, s->outliers);
		export_csv_number(f, results_throughput(t));
		export_csv_number(f, t->has_baseline ? t->baseline.old_median : NAN);
		export_csv_number(f, t->has_baseline ? t->baseline.change_pct : NAN);
		export_csv_number(f, t->has_baseline ? t->baseline.p_utest : NAN);
		/* The id, as the JSON report and compare's CSV and JSON write it: "regressed". */
		export_csv_field(f, t->has_baseline ? verdict_id(t->baseline.verdict) : "", 0);
		export_csv_field(f, t->error, 1);
	}
	return 0;
}

const struct exporter_class export_csv = {
	.name = "csv",
	.ext = "csv",
	.help = "one row per test variant, for a spreadsheet",
	.write = export_csv_write,
};
