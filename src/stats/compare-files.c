#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bootstrap.h"
#include "compare-format.h"
#include "export.h"
#include "json-number.h"
#include "results-json.h"
#include "text-escape.h"
#include "util.h"

/* ---- JSON: one entry per test and compared report ---- */

static cJSON *compare_json_pair(double lo, double hi)
{
	cJSON *a = cJSON_CreateArray();
	cJSON_AddItemToArray(a, results_json_number(lo));
	cJSON_AddItemToArray(a, results_json_number(hi));
	return a;
}

static cJSON *compare_json_entry(const struct compare_row *row, size_t k)
{
	const struct compare_cell *cell = &row->cells[k];
	const struct comparison *c = &cell->c;
	const struct test_info *in = row->info;
	char buf[COMPARE_VERDICT_MAX];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "report", (double)k);
	cJSON_AddStringToObject(o, "suite", in->suite);
	cJSON_AddStringToObject(o, "name", in->name);
	cJSON *variant = cJSON_Parse(in->variant);
	cJSON_AddItemToObject(o, "variant", cJSON_IsObject(variant) ? variant : (cJSON_Delete(variant), cJSON_CreateObject()));
	cJSON_AddStringToObject(o, "unit", in->unit);
	cJSON_AddBoolToObject(o, "higher_is_better", in->higher_is_better);
	cJSON_AddNumberToObject(o, "old_n", (double)c->old_n);
	cJSON_AddNumberToObject(o, "new_n", (double)c->new_n);
	cJSON_AddItemToObject(o, "old_median", results_json_number(c->old_median));
	cJSON_AddItemToObject(o, "new_median", results_json_number(c->new_median));
	cJSON_AddItemToObject(o, "change_pct", results_json_number(c->change_pct));
	cJSON_AddItemToObject(o, "change_ci95_pct", compare_json_pair(c->ci_lo_pct, c->ci_hi_pct));
	cJSON_AddItemToObject(o, "mean_change_pct", results_json_number(c->mean_change_pct));
	cJSON_AddItemToObject(o, "p_utest", results_json_number(c->p_utest));
	cJSON_AddBoolToObject(o, "p_utest_exact", c->utest_exact);
	cJSON_AddItemToObject(o, "p_welch", results_json_number(c->p_welch));
	const char *verdict = cell->no_samples ? "no-samples" : cell->unit_changed ? "unit-changed" :
	                      !row->cells[0].test && !cell->test ? "absent" : verdict_id(c->verdict);
	cJSON_AddStringToObject(o, "verdict", verdict);
	if (cell->unit_changed) {
		cJSON_AddStringToObject(o, "old_unit", compare_cell_unit(row, 0));
		cJSON_AddStringToObject(o, "new_unit", compare_cell_unit(row, k));
		cJSON_AddBoolToObject(o, "old_higher_is_better", row->cells[0].test->info.higher_is_better);
		cJSON_AddBoolToObject(o, "new_higher_is_better", cell->test->info.higher_is_better);
	}
	/* Why there is no judgement, or what "new" and "gone" lack: "new (skipped)". */
	const char *shown = compare_cell_verdict(buf, sizeof buf, row, k);
	if (cell->no_samples || cell->unit_changed || (strcmp(shown, verdict_name(c->verdict)) && strcmp(shown, "-")))
		cJSON_AddStringToObject(o, "why", shown);
	return o;
}

cJSON *compare_format_json(const struct compare_table *t, const char *const *files)
{
	char when[32];
	cJSON *root = cJSON_CreateObject();
	cJSON *rule = cJSON_AddObjectToObject(root, "rule");
	cJSON_AddStringToObject(rule, "test", "mann-whitney-u");
	cJSON_AddItemToObject(rule, "alpha", results_json_number(t->alpha));
	cJSON_AddItemToObject(rule, "tolerance_pct", results_json_number(t->tolerance_pct));
	cJSON_AddStringToObject(rule, "change", "median");
	cJSON_AddNumberToObject(rule, "bootstrap_resamples", BOOTSTRAP_RESAMPLES);
	cJSON *reports = cJSON_AddArrayToObject(root, "reports");
	for (size_t k = 0; k < t->nreports; k++) {
		cJSON *r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "file", files[k]);
		cJSON_AddStringToObject(r, "started", results_json_iso_time(when, sizeof when, t->reports[k]->started_t));
		cJSON_AddStringToObject(r, "hostname", t->reports[k]->system.hostname);
		cJSON_AddItemToArray(reports, r);
	}
	cJSON *tests = cJSON_AddArrayToObject(root, "tests");
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t k = 1; k < t->nreports; k++)
			cJSON_AddItemToArray(tests, compare_json_entry(&t->rows[i], k));
	cJSON *geo = cJSON_AddArrayToObject(root, "geomean");
	cJSON *sum = cJSON_AddArrayToObject(root, "summary");
	for (size_t k = 1; k < t->nreports; k++) {
		const struct compare_geomean *g = &t->geomean[k];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "report", (double)k);
		cJSON_AddNumberToObject(o, "tests", (double)g->ntests);
		cJSON_AddItemToObject(o, "change_pct", results_json_number(g->change_pct));
		cJSON_AddItemToObject(o, "change_ci95_pct", compare_json_pair(g->ci_lo_pct, g->ci_hi_pct));
		cJSON_AddItemToArray(geo, o);
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "report", (double)k);
		for (int v = 0; v < VERDICT_COUNT; v++)
			cJSON_AddNumberToObject(o, verdict_id((enum verdict)v), (double)t->counts[k][v]);
		cJSON_AddNumberToObject(o, "no-samples", (double)t->no_samples[k]);
		cJSON_AddNumberToObject(o, "unit-changed", (double)t->unit_changed[k]);
		cJSON_AddBoolToObject(o, "regressed_any", t->counts[k][VERDICT_REGRESSED] > 0);
		cJSON_AddItemToArray(sum, o);
	}
	return root;
}

int compare_write_json(const struct compare_table *t, const char *const *files, FILE *out)
{
	cJSON *root = compare_format_json(t, files);
	char *text = root ? cJSON_Print(root) : NULL;
	cJSON_Delete(root);
	if (!text)
		return -1;
	fprintf(out, "%s\n", text);
	cJSON_free(text);
	return 0;
}

/* ---- Markdown: one row per test, per report change, p values and verdict ---- */

static void compare_md_text(FILE *out, const char *s)
{
	char safe[1024];
	compare_term_safe(safe, sizeof safe, s);
	text_escape(out, &text_escape_markdown_strict, safe);
}

int compare_write_md(const struct compare_table *t, const char *const *files, FILE *out)
{
	char buf[1024], change[64], p1[16], p2[16], v[32], verdict[COMPARE_VERDICT_MAX];
	fputs("| test | old median |", out);
	for (size_t k = 1; k < t->nreports; k++) {
		fputs(" ", out);
		compare_md_text(out, files[k]);
		fputs(": change [95% CI] | p (U) | p (Welch) | verdict |", out);
	}
	fputs("\n|---|---:|", out);
	for (size_t k = 1; k < t->nreports; k++)
		fputs("---:|---:|---:|---|", out);
	fputc('\n', out);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct compare_row *row = &t->rows[i];
		fputs("| ", out);
		compare_md_text(out, compare_label(buf, sizeof buf, row->info));
		compare_format_value(v, sizeof v, row->cells[0].test ? row->cells[1].c.old_median : NAN, row->info->unit,
		                     COMPARE_VALUE_UNIT);
		fputs(" | ", out);
		compare_md_text(out, v);
		fputs(" |", out);
		for (size_t k = 1; k < t->nreports; k++) {
			const struct comparison *c = &row->cells[k].c;
			const struct compare_cell *cell = &row->cells[k];
			int strong = c->verdict == VERDICT_REGRESSED && !cell->no_samples && !cell->unit_changed;
			fprintf(out, " %s | %s | %s | %s",
			        compare_format_change(change, sizeof change, c->change_pct, c->ci_lo_pct, c->ci_hi_pct),
			        compare_format_p(p1, sizeof p1, c->p_utest), compare_format_p(p2, sizeof p2, c->p_welch),
			        strong ? "**" : "");
			/* Escaped: a changed unit is the reports' text. */
			compare_md_text(out, compare_cell_verdict(verdict, sizeof verdict, row, k));
			fprintf(out, "%s |", strong ? "**" : "");
		}
		fputc('\n', out);
	}
	fputs("| geomean | |", out);
	for (size_t k = 1; k < t->nreports; k++) {
		const struct compare_geomean *g = &t->geomean[k];
		fprintf(out, " %s | | | |", compare_format_change(change, sizeof change, g->change_pct, g->ci_lo_pct, g->ci_hi_pct));
	}
	c_snprintf(buf, sizeof buf, "\n\nVerdict: Mann-Whitney U p < %g and the median beyond %g %%; "
	           "intervals: bootstrap 95 %% of the ratio of medians (%d resamples).\n",
	           t->alpha, t->tolerance_pct, BOOTSTRAP_RESAMPLES);
	fputs(buf, out);
	return 0;
}

/* ---- CSV: one row per test and compared report ---- */

static void compare_csv_text(FILE *out, const char *raw)
{
	char s[1024];
	compare_term_safe(s, sizeof s, raw);   /* CSV is read in terminals too */
	export_csv_text(out, s, 1);            /* always quoted; a formula starts with ' */
}

/* The shortest text that reads back as v, as the report CSV and trend's CSV write figures
 * (%.17g gives 0.044999999999999998 for 0.045); empty when missing. */
static void compare_csv_num(FILE *out, double v)
{
	char buf[JSON_NUMBER_LEN] = "";
	if (isfinite(v))
		json_number_text(buf, sizeof buf, v);
	fprintf(out, ",%s", buf);
}

int compare_write_csv(const struct compare_table *t, const char *const *files, FILE *out)
{
	char buf[1024];
	fputs("report,file,suite,name,variant,unit,old_n,new_n,old_median,new_median,change_pct,"
	      "change_ci95_lo_pct,change_ci95_hi_pct,mean_change_pct,p_utest,p_welch,verdict\n", out);
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t k = 1; k < t->nreports; k++) {
			const struct compare_row *row = &t->rows[i];
			const struct comparison *c = &row->cells[k].c;
			fprintf(out, "%zu,", k);
			compare_csv_text(out, files[k]);
			fputc(',', out);
			compare_csv_text(out, row->info->suite);
			fputc(',', out);
			compare_csv_text(out, row->info->name);
			fputc(',', out);
			compare_csv_text(out, export_variant_label(buf, sizeof buf, row->info->variant));
			fputc(',', out);
			/* Changed: "s → Mops/s", each median being in its own report's unit. */
			if (row->cells[k].unit_changed)
				compare_unit_change(buf, sizeof buf, row, k);
			else
				snprintf(buf, sizeof buf, "%s", row->info->unit);
			compare_csv_text(out, buf);
			fprintf(out, ",%zu,%zu", c->old_n, c->new_n);
			compare_csv_num(out, c->old_median);
			compare_csv_num(out, c->new_median);
			compare_csv_num(out, c->change_pct);
			compare_csv_num(out, c->ci_lo_pct);
			compare_csv_num(out, c->ci_hi_pct);
			compare_csv_num(out, c->mean_change_pct);
			compare_csv_num(out, c->p_utest);
			compare_csv_num(out, c->p_welch);
			fputc(',', out);
			compare_csv_text(out, row->cells[k].no_samples ? "no-samples" :
			                 row->cells[k].unit_changed ? "unit-changed" : verdict_id(c->verdict));
			fputc('\n', out);
		}
	for (size_t k = 1; k < t->nreports; k++) {
		const struct compare_geomean *g = &t->geomean[k];
		fprintf(out, "%zu,", k);
		compare_csv_text(out, files[k]);
		fprintf(out, ",,\"geomean\",,,,%zu,,", g->ntests);
		compare_csv_num(out, g->change_pct);
		compare_csv_num(out, g->ci_lo_pct);
		compare_csv_num(out, g->ci_hi_pct);
		fputs(",,,,\n", out);
	}
	return 0;
}
