#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "export.h"
#include "fmt-units.h"
#include "json-number.h"
#include "results-json.h"
#include "text-column.h"
#include "text-visible.h"
#include "trend.h"
#include "util.h"

/* How trends print as text, JSON, CSV and Markdown (the HTML page is trend-html.c), and the
 * verdict words and regression test both share. */

const char *trend_verdict_name(enum trend_verdict v)
{
	static const char *const names[] = {
		[TV_TOO_FEW] = "too few runs", [TV_STEADY] = "steady",
		[TV_REGRESSED] = "regressed", [TV_IMPROVED] = "improved",
	};
	return names[v];
}

int trend_cp_regression(const struct trend *t, const struct changepoint *c)
{
	return t->test.higher_is_better ? c->after < c->before : c->after > c->before;
}

char *trend_sparkline(char *buf, size_t len, const struct history_point *p, size_t n, int ascii)
{
	static const char *const blocks[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	static const char ramp[] = "_.,-=+*#";
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		lo = fmin(lo, p[i].value);
		hi = fmax(hi, p[i].value);
	}
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int level = hi > lo ? (int)((p[i].value - lo) / (hi - lo) * 7.999) : 3;
		const char *s = ascii ? (char[2]){ ramp[level], 0 } : blocks[level];
		size_t l = strlen(s);
		if (at + l + 1 > len)
			break;
		memcpy(buf + at, s, l + 1);
		at += l;
	}
	return buf;
}

static char *trend_num(char *buf, size_t len, double v, const char *fmt)
{
	if (isfinite(v))
		c_snprintf(buf, len, fmt, v);
	else
		str_copy(buf, "-", len);
	return buf;
}

#define TREND_NUM_LEN 32
void trend_scale(struct fmt_scale *sc, double magnitude, const char *unit)
{
	if (strlen(unit) < sizeof sc->unit)
		fmt_scale_pick(sc, magnitude, unit);
	else
		*sc = (struct fmt_scale){ 0, "", 0 };   /* mul 0: not scaled */
}

char *trend_fig(char *buf, size_t len, double v, const struct fmt_scale *sc)
{
	return sc->mul ? fmt_scaled_own(buf, len, v, sc, 0) : trend_num(buf, len, v, "%.6g");
}

const char *trend_unit(const struct fmt_scale *sc, const char *unit)
{
	return sc->mul ? sc->unit : unit;
}

/* A change point's level before and after it, in one scale (sc), and the change, as the text
 * and Markdown show them; each buffer holds TREND_NUM_LEN. Returns the unit they are in. */
static const char *trend_cp_figures(const struct changepoint *c, const char *unit, struct fmt_scale *sc,
                                    char *before, char *after, char *change)
{
	trend_scale(sc, fmax(fabs(c->before), fabs(c->after)), unit);
	trend_fig(before, TREND_NUM_LEN, c->before, sc);   /* "11.62 -> 201.6 ms", not "11.6" */
	trend_fig(after, TREND_NUM_LEN, c->after, sc);
	trend_num(change, TREND_NUM_LEN, 100 * c->rel_change, "%+.1f%%");
	return trend_unit(sc, unit);
}

/* Names, labels, units and the machine come from suites, reports and --label: the text table
 * shows them with escapes made visible (\x1b), as the run's own table does. */
static int trend_text(FILE *f, const struct trend *t, size_t n, const struct trend_style *st)
{
	char spark[512], last[32], change[TREND_NUM_LEN], before[TREND_NUM_LEN], after[TREND_NUM_LEN];
	char machine[1024], name[sizeof t->display * 4], unit[sizeof t->test.unit * 4], label[512];
	char name_col[sizeof name + 40], unit_col[sizeof unit + 8];
	int cut = st->ascii ? TEXT_COLUMN_ASCII : 0;
	fprintf(f, "trends on %s, oldest run left\n\n%-36s %4s  %-30s %11s %-7s %8s  %s\n",
	        text_visible(machine, sizeof machine, st->machine), "test", "runs", "trend", "last", "unit", "change",
	        "verdict");
	for (size_t i = 0; i < n; i++) {
		const struct trend *r = &t[i];
		size_t from = r->n > 30 ? r->n - 30 : 0;   /* the text table has room for 30 */
		trend_sparkline(spark, sizeof spark, r->pts + from, r->n - from, st->ascii);
		struct fmt_scale sc;
		trend_scale(&sc, fabs(r->last), r->test.unit);
		trend_fig(last, sizeof last, r->last, &sc);
		trend_num(change, sizeof change, 100 * r->change, "%+.1f%%");
		text_visible(unit, sizeof unit, trend_unit(&sc, r->test.unit));
		/* Cut and padded by the columns they take, never inside a letter (text-column.h); in
		 * ASCII, as their ASCII form. */
		text_column(name_col, sizeof name_col, text_visible(name, sizeof name, r->display), 36, cut);
		fprintf(f, "%s %4zu  %s%*s %11s %s %8s  %s\n", name_col, r->n, spark, (int)(30 - (r->n - from)), "", last,
		        text_column(unit_col, sizeof unit_col, unit, 7, cut), change, trend_verdict_name(r->verdict));
		for (size_t k = 0; k < r->ncps; k++) {
			const struct changepoint *c = &r->cps[k];
			const struct history_point *p = &r->pts[c->index];
			const char *u = trend_cp_figures(c, r->test.unit, &sc, before, after, change);
			fprintf(f, "  change point at run %lld%s%s%s: %s -> %s %s (%s, p=%.2g)\n", p->run_id,
			        p->label[0] ? " (" : "", text_visible(label, sizeof label, p->label), p->label[0] ? ")" : "",
			        before, after, text_visible(unit, sizeof unit, u), change, c->p);
		}
	}
	if (!n)
		fprintf(f, "no test recorded\n");
	return 0;
}

/* A table to paste into a pull request: text cells escaped as the run's Markdown report escapes
 * them (a '|' would end the cell, a <script> would run in a page that renders it). */
static int trend_md(FILE *f, const struct trend *t, size_t n, const struct trend_style *st)
{
	char spark[512], last[32], change[TREND_NUM_LEN], before[TREND_NUM_LEN], after[TREND_NUM_LEN];
	fprintf(f, "| test | runs | trend | last | unit | change | verdict | change points |\n"
	           "|---|---:|---|---:|---|---:|---|---|\n");
	for (size_t i = 0; i < n; i++) {
		const struct trend *r = &t[i];
		trend_sparkline(spark, sizeof spark, r->pts, r->n, st->ascii);
		struct fmt_scale sc;
		trend_scale(&sc, fabs(r->last), r->test.unit);
		trend_fig(last, sizeof last, r->last, &sc);
		trend_num(change, sizeof change, 100 * r->change, "%+.1f%%");
		fputs("| ", f);
		export_md_text(f, r->display);
		fprintf(f, " | %zu | %s | %s | ", r->n, spark, last);
		export_md_text(f, trend_unit(&sc, r->test.unit));
		fprintf(f, " | %s | %s | ", change, trend_verdict_name(r->verdict));
		for (size_t k = 0; k < r->ncps; k++) {
			const struct changepoint *c = &r->cps[k];
			const struct history_point *p = &r->pts[c->index];
			const char *u = trend_cp_figures(c, r->test.unit, &sc, before, after, change);
			fprintf(f, "%srun %lld", k ? "; " : "", p->run_id);
			if (p->label[0]) {
				fputs(" (", f);
				export_md_text(f, p->label);
				fputc(')', f);
			}
			fprintf(f, ": %s → %s ", before, after);
			export_md_text(f, u);
			fprintf(f, " (%s, p=%.2g)", change, c->p);
		}
		fprintf(f, "|\n");
	}
	return 0;
}

/* One row per test, in compare's CSV conventions: the variant as "key=value" labels, the change
 * in percent (change_pct), figures as the shortest text that reads back exactly. Text fields are
 * quoted as the run's CSV report quotes them, a formula (=1+1, @SUM(A1)) made text with a
 * leading '; escapes are made visible, since a CSV is read in terminals too (as compare's is). */
static void trend_csv_text(FILE *f, const char *s, int quote)
{
	char shown[2048];
	export_csv_text(f, text_visible(shown, sizeof shown, s), quote);
	fputc(',', f);
}

static int trend_csv(FILE *f, const struct trend *t, size_t n)
{
	char last[JSON_NUMBER_LEN], change[JSON_NUMBER_LEN], variant[512];
	fprintf(f, "test,suite,name,variant,unit,better,runs,last,change_pct,verdict,change_point_runs\n");
	for (size_t i = 0; i < n; i++) {
		const struct trend *r = &t[i];
		json_number_text(last, sizeof last, r->last);
		json_number_text(change, sizeof change, 100 * r->change);
		/* Names and variants always quoted, as this table always had them. */
		trend_csv_text(f, r->display, 1);
		trend_csv_text(f, r->test.suite, 1);
		trend_csv_text(f, r->test.name, 1);
		trend_csv_text(f, export_variant_label(variant, sizeof variant, r->test.variant), 1);
		trend_csv_text(f, r->test.unit, 0);
		fprintf(f, "%s,%zu,%s,%s,%s,", r->test.higher_is_better ? "higher" : "lower", r->n,
		        isfinite(r->last) ? last : "", isfinite(r->change) ? change : "", trend_verdict_name(r->verdict));
		for (size_t k = 0; k < r->ncps; k++)
			fprintf(f, "%s%lld", k ? " " : "", r->pts[r->cps[k].index].run_id);
		fputc('\n', f);
	}
	return 0;
}

static int trend_json(FILE *f, const struct trend *t, size_t n, const struct trend_style *st)
{
	cJSON *root = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(root, "tests");
	cJSON_AddStringToObject(root, "machine", st->machine);
	for (size_t i = 0; i < n; i++) {
		const struct trend *r = &t[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "test", r->display);
		cJSON_AddStringToObject(o, "suite", r->test.suite);
		cJSON_AddStringToObject(o, "name", r->test.name);
		cJSON *variant = cJSON_Parse(r->test.variant);
		cJSON_AddItemToObject(o, "variant", variant ? variant : cJSON_CreateObject());
		cJSON_AddStringToObject(o, "metric", r->test.metric);
		cJSON_AddStringToObject(o, "unit", r->test.unit);
		cJSON_AddStringToObject(o, "better", r->test.higher_is_better ? "higher" : "lower");
		cJSON *runs = cJSON_AddArrayToObject(o, "runs");
		for (size_t k = 0; k < r->n; k++) {
			cJSON *p = cJSON_CreateObject();
			cJSON_AddNumberToObject(p, "run", (double)r->pts[k].run_id);
			cJSON_AddStringToObject(p, "label", r->pts[k].label);
			cJSON_AddItemToObject(p, "started_unix", results_json_number(r->pts[k].started));
			cJSON_AddItemToObject(p, "median", results_json_number(r->pts[k].value));
			cJSON_AddItemToArray(runs, p);
		}
		cJSON_AddItemToObject(o, "last", results_json_number(r->last));
		cJSON_AddItemToObject(o, "change", results_json_number(r->change));
		cJSON_AddStringToObject(o, "verdict", trend_verdict_name(r->verdict));
		cJSON *cps = cJSON_AddArrayToObject(o, "change_points");
		for (size_t k = 0; k < r->ncps; k++) {
			const struct changepoint *c = &r->cps[k];
			cJSON *p = cJSON_CreateObject();
			cJSON_AddNumberToObject(p, "run", (double)r->pts[c->index].run_id);
			cJSON_AddStringToObject(p, "label", r->pts[c->index].label);
			cJSON_AddItemToObject(p, "before", results_json_number(c->before));
			cJSON_AddItemToObject(p, "after", results_json_number(c->after));
			cJSON_AddItemToObject(p, "change", results_json_number(c->rel_change));
			cJSON_AddItemToObject(p, "p", results_json_number(c->p));
			cJSON_AddBoolToObject(p, "regression", trend_cp_regression(r, c));
			cJSON_AddItemToArray(cps, p);
		}
		cJSON_AddItemToArray(arr, o);
	}
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		return -1;
	fprintf(f, "%s\n", text);
	cJSON_free(text);
	return 0;
}

int trend_write(FILE *f, enum trend_format fmt, const struct trend *t, size_t n, const struct trend_style *st)
{
	int rc;
	switch (fmt) {
	case TF_JSON: rc = trend_json(f, t, n, st); break;
	case TF_CSV: rc = trend_csv(f, t, n); break;
	case TF_MD: rc = trend_md(f, t, n, st); break;
	default: rc = trend_text(f, t, n, st); break;
	}
	return rc < 0 || ferror(f) ? -1 : 0;
}
