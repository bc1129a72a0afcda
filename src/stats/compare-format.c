#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare-format.h"
#include "export.h"
#include "results-json.h"
#include "util.h"

const char *const compare_format_names[] = {
	[COMPARE_FORMAT_TEXT] = "text", [COMPARE_FORMAT_JSON] = "json",
	[COMPARE_FORMAT_MD] = "md", [COMPARE_FORMAT_CSV] = "csv", NULL,
};

#define WIDTH 80
#define COL_VALUE 10
#define COL_P 5
#define COL_LABEL_MIN 18

/* Length of the UTF-8 character at s (1..4), or 0 when it is not one or is a C1 control. */
static size_t compare_utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if (n == 2 && c == 0xC2 && s[1] < 0xA0)
		return 0;                              /* U+0080..U+009F */
	if (n == 3 && ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0)))
		return 0;                              /* overlong, surrogates */
	if (n == 4 && ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90)))
		return 0;
	return n;
}

char *compare_term_safe(char *buf, size_t len, const char *s)
{
	size_t used = 0;
	if (!len)
		return buf;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = *p >= 0x20 && *p < 0x7F ? 1 : *p >= 0x80 ? compare_utf8_len(p) : 0;
		char esc[8];
		const char *piece = (const char *)p;
		size_t plen = n;
		if (!n) {
			snprintf(esc, sizeof esc, "\\x%02x", *p);
			piece = esc;
			plen = 4;
			n = 1;
		}
		if (used + plen >= len)
			break;
		memcpy(buf + used, piece, plen);
		used += plen;
		p += n;
	}
	buf[used] = '\0';
	return buf;
}

/* Characters (not bytes) of UTF-8 text. */
static int compare_columns(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Prints s in exactly `cols` terminal columns: padded, or cut with an ellipsis. */
static void compare_print_cell(FILE *out, const char *s, int cols)
{
	int n = compare_columns(s);
	if (n <= cols) {
		fprintf(out, "%s%*s", s, cols - n, "");
		return;
	}
	int shown = 0;
	for (const char *p = s; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80) {
			if (shown == cols - 1)
				break;
			shown++;
		}
		fputc(*p, out);
	}
	fputs("\xE2\x80\xA6", out);   /* … */
}

/* A value, with its unit when `with_unit`; times scaled to ms, us, ns. */
void compare_format_value(char *buf, size_t len, double v, const char *unit, int with_unit)
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

/* "+4.1 % [+2.0, +6.3]", "+4.1 %" without an interval, "-" without a change; from 100 %
 * on without the decimal ("+200 % [+179, +223]"), so the column stays narrow. */
char *compare_format_change(char *buf, size_t len, double pct, double lo, double hi)
{
	int whole = fabs(pct) >= 99.95 || fabs(lo) >= 99.95 || fabs(hi) >= 99.95;
	if (!isfinite(pct))
		str_copy(buf, "-", len);
	else if (isfinite(lo) && isfinite(hi))
		c_snprintf(buf, len, whole ? "%+.0f %% [%+.0f, %+.0f]" : "%+.1f %% [%+.1f, %+.1f]", pct, lo, hi);
	else
		c_snprintf(buf, len, whole ? "%+.0f %%" : "%+.1f %%", pct);
	return buf;
}

char *compare_format_p(char *buf, size_t len, double p)
{
	if (!isfinite(p))
		str_copy(buf, "-", len);
	else
		c_snprintf(buf, len, p < 0.001 ? "<.001" : "%.3f", p);
	return buf;
}

/* "suite/name k=v ...", raw: each format escapes it its own way. */
char *compare_label(char *buf, size_t len, const struct test_info *in)
{
	char variant[256];
	export_variant_label(variant, sizeof variant, in->variant);
	snprintf(buf, len, "%s/%s%s%s", in->suite, in->name, variant[0] ? " " : "", variant);
	return buf;
}

/* The verdict a cell shows: its verdict, "new fail" and the like without samples, "unit
 * changed (s → Mops/s)", "new (skipped)" for a new test without samples, "-" when neither side
 * has the test. Units are the reports' text: the caller escapes it. */
const char *compare_cell_verdict(char *buf, size_t len, const struct compare_row *row, size_t k)
{
	const struct compare_cell *cell = &row->cells[k];
	const struct test_result *o = row->cells[0].test;
	if (!o && !cell->test)
		return "-";
	if (cell->no_samples) {
		int new_empty = cell->c.new_n == 0;
		const struct test_result *empty = new_empty ? cell->test : o;
		if (new_empty && cell->c.old_n == 0 && o->status != cell->test->status)
			snprintf(buf, len, "old %s, new %s", test_status_name(o->status), test_status_name(empty->status));
		else if (new_empty && cell->c.old_n == 0)
			snprintf(buf, len, "both %s", test_status_name(empty->status));
		else
			snprintf(buf, len, "%s %s", new_empty ? "new" : "old", test_status_name(empty->status));
		return buf;
	}
	if (cell->unit_changed) {
		char change[COMPARE_VERDICT_MAX];
		snprintf(buf, len, "unit changed (%s)", compare_unit_change(change, sizeof change, row, k));
		return buf;
	}
	if ((!o && cell->c.new_n == 0) || (!cell->test && cell->c.old_n == 0)) {
		snprintf(buf, len, "%s (%s)", verdict_name(cell->c.verdict), test_status_name((o ? o : cell->test)->status));
		return buf;
	}
	return verdict_name(cell->c.verdict);
}

static void compare_text_reports(const struct compare_table *t, const char *const *files, FILE *out)
{
	for (size_t k = 0; k < t->nreports; k++) {
		const struct run_results *r = t->reports[k];
		char path[1024], host[256], when[32], tag[32];
		if (t->nreports == 2)
			str_copy(tag, k ? "new" : "old", sizeof tag);
		else
			snprintf(tag, sizeof tag, "%s%zu", k ? "" : "base ", k);
		fprintf(out, "%s: %s (%s%s%s)\n", tag, compare_term_safe(path, sizeof path, files[k]),
		        results_json_iso_time(when, sizeof when, r->started_t), r->system.hostname[0] ? ", " : "",
		        compare_term_safe(host, sizeof host, r->system.hostname));
	}
	fputc('\n', out);
}

static void compare_text_summary(const struct compare_table *t, size_t k, FILE *out)
{
	const size_t *c = t->counts[k];
	if (t->nreports > 2)
		fprintf(out, "%zu: ", k);
	fprintf(out, "%zu regressed, %zu improved, %zu unchanged", c[VERDICT_REGRESSED], c[VERDICT_IMPROVED],
	        c[VERDICT_UNCHANGED]);
	if (c[VERDICT_TOO_FEW])
		fprintf(out, ", %zu too few samples", c[VERDICT_TOO_FEW]);
	fprintf(out, ", %zu new, %zu gone", c[VERDICT_NEW], c[VERDICT_GONE]);
	if (t->no_samples[k])
		fprintf(out, ", %zu without samples", t->no_samples[k]);
	if (t->unit_changed[k])
		fprintf(out, ", %zu unit changed", t->unit_changed[k]);
	fputc('\n', out);
}

static void compare_text_rule(const struct compare_table *t, FILE *out)
{
	char rule[160];
	c_snprintf(rule, sizeof rule, "verdict: Mann-Whitney U p < %g and a median change beyond %g %%",
	           t->alpha, t->tolerance_pct);
	fprintf(out, "%s\n[ ]: bootstrap 95 %% interval; Welch's t-test p: --format json, md or csv\n", rule);
}

/* Two reports: one row per test with old and new median. */
static void compare_text_pair(const struct compare_table *t, FILE *out)
{
	char change[64], buf[COMPARE_VERDICT_MAX], verdict[COMPARE_VERDICT_MAX];
	int cw = (int)strlen("change [95% CI]"), vw = (int)strlen("verdict");
	for (size_t i = 0; i < t->nrows; i++) {
		const struct compare_cell *cell = &t->rows[i].cells[1];
		compare_format_change(change, sizeof change, cell->c.change_pct, cell->c.ci_lo_pct, cell->c.ci_hi_pct);
		int w = compare_columns(change), v = compare_columns(compare_cell_verdict(buf, sizeof buf, &t->rows[i], 1));
		cw = w > cw ? w : cw;
		/* A rare "unit changed (...)" may run past 80 columns rather than narrow every name. */
		vw = v > vw && !cell->unit_changed ? v : vw;
	}
	int lw = WIDTH - 1 - vw - (2 * COL_VALUE + cw + COL_P + 4);
	if (lw < COL_LABEL_MIN)
		lw = COL_LABEL_MIN;
	compare_print_cell(out, "test", lw);
	fprintf(out, " %*s %*s %-*s %*s %s\n", COL_VALUE, "old median", COL_VALUE, "new median", cw,
	        "change [95% CI]", COL_P, "p(U)", "verdict");
	for (size_t i = 0; i < t->nrows; i++) {
		const struct compare_row *row = &t->rows[i];
		const struct comparison *c = &row->cells[1].c;
		char label[1024], safe[1024], a[32], b[32], p[16];
		compare_print_cell(out, compare_term_safe(safe, sizeof safe, compare_label(label, sizeof label, row->info)), lw);
		double old_v = row->cells[0].test ? c->old_median : NAN;
		double new_v = row->cells[1].test ? c->new_median : NAN;
		/* Units on both values or on neither, so the two read alike. When the unit changed,
		 * neither, unscaled: the verdict names the two units. */
		char unit[64];
		int changed = row->cells[1].unit_changed;
		compare_term_safe(unit, sizeof unit, changed ? "" : row->info->unit);
		compare_format_value(a, sizeof a, old_v, unit, 1);
		compare_format_value(b, sizeof b, new_v, unit, 1);
		if (compare_columns(a) > COL_VALUE || compare_columns(b) > COL_VALUE) {
			compare_format_value(a, sizeof a, old_v, unit, 0);
			compare_format_value(b, sizeof b, new_v, unit, 0);
		}
		compare_format_change(change, sizeof change, c->change_pct, c->ci_lo_pct, c->ci_hi_pct);
		compare_term_safe(verdict, sizeof verdict, compare_cell_verdict(buf, sizeof buf, row, 1));
		fprintf(out, " %*s %*s %-*s %*s %s\n", COL_VALUE, a, COL_VALUE, b, cw, change, COL_P,
		        compare_format_p(p, sizeof p, c->p_utest), verdict);
	}
	const struct compare_geomean *g = &t->geomean[1];
	char label[64];
	snprintf(label, sizeof label, "geomean of %zu", g->ntests);
	compare_print_cell(out, label, lw);
	fprintf(out, " %*s %*s %s\n", COL_VALUE, "", COL_VALUE, "",
	        compare_format_change(change, sizeof change, g->change_pct, g->ci_lo_pct, g->ci_hi_pct));
}

/* The mark a column shows for a verdict; buf holds a mark made from the reports' text. */
static const char *compare_mark(char *buf, size_t len, const struct compare_row *row, size_t k)
{
	const struct compare_cell *cell = &row->cells[k];
	if (!row->cells[0].test && !cell->test)
		return "-";
	if (cell->no_samples)
		return "no samples";
	if (cell->unit_changed) {
		char raw[COMPARE_VERDICT_MAX];
		return compare_term_safe(buf, len, compare_cell_verdict(raw, sizeof raw, row, k));
	}
	switch (cell->c.verdict) {
	case VERDICT_REGRESSED: return "R";
	case VERDICT_IMPROVED:  return "I";
	case VERDICT_TOO_FEW:   return "?";
	case VERDICT_NEW:       return "new";
	case VERDICT_GONE:      return "gone";
	case VERDICT_UNCHANGED: return "";
	}
	return "";
}

/* More reports: the first one's median, then per report the change and a verdict mark. */
static void compare_text_columns(const struct compare_table *t, FILE *out)
{
	char text[COMPARE_VERDICT_MAX + 64], change[64], mark[COMPARE_VERDICT_MAX];
	int cw = 8;
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t k = 1; k < t->nreports; k++) {
			const struct comparison *c = &t->rows[i].cells[k].c;
			compare_format_change(change, sizeof change, c->change_pct, c->ci_lo_pct, c->ci_hi_pct);
			snprintf(text, sizeof text, "%s %s", change, compare_mark(mark, sizeof mark, &t->rows[i], k));
			int w = compare_columns(text);
			cw = w > cw ? w : cw;
		}
	for (size_t k = 1; k < t->nreports; k++) {
		const struct compare_geomean *g = &t->geomean[k];
		int w = compare_columns(compare_format_change(change, sizeof change, g->change_pct, g->ci_lo_pct, g->ci_hi_pct));
		cw = w > cw ? w : cw;
	}
	int lw = WIDTH - 1 - (COL_VALUE + 1) - (int)(t->nreports - 1) * (cw + 1);
	if (lw < COL_LABEL_MIN)
		lw = COL_LABEL_MIN;
	compare_print_cell(out, "test", lw);
	fprintf(out, " %*s", COL_VALUE, "median 0");
	for (size_t k = 1; k < t->nreports; k++) {
		snprintf(text, sizeof text, "%zu against 0", k);
		fprintf(out, " %-*s", cw, text);
	}
	fputc('\n', out);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct compare_row *row = &t->rows[i];
		char label[1024], safe[1024], v[32], unit[64];
		compare_print_cell(out, compare_term_safe(safe, sizeof safe, compare_label(label, sizeof label, row->info)), lw);
		double base = NAN;
		for (size_t k = 1; k < t->nreports && row->cells[0].test; k++)
			base = isfinite(row->cells[k].c.old_median) ? row->cells[k].c.old_median : base;
		compare_term_safe(unit, sizeof unit, compare_cell_unit(row, 0));
		compare_format_value(v, sizeof v, base, unit, 1);
		if (compare_columns(v) > COL_VALUE)
			compare_format_value(v, sizeof v, base, unit, 0);
		fprintf(out, " %*s", COL_VALUE, v);
		for (size_t k = 1; k < t->nreports; k++) {
			const struct comparison *c = &row->cells[k].c;
			compare_format_change(change, sizeof change, c->change_pct, c->ci_lo_pct, c->ci_hi_pct);
			snprintf(text, sizeof text, "%s %s", change, compare_mark(mark, sizeof mark, row, k));
			fputc(' ', out);
			compare_print_cell(out, text, cw);   /* pads by columns: a mark may hold an arrow */
		}
		fputc('\n', out);
	}
	compare_print_cell(out, "geomean", lw);
	fprintf(out, " %*s", COL_VALUE, "");
	for (size_t k = 1; k < t->nreports; k++) {
		const struct compare_geomean *g = &t->geomean[k];
		fprintf(out, " %-*s", cw, compare_format_change(change, sizeof change, g->change_pct, g->ci_lo_pct, g->ci_hi_pct));
	}
	fputs("\nR regressed, I improved, ? too few samples, blank unchanged\n", out);
}

int compare_write_text(const struct compare_table *t, const char *const *files, FILE *out)
{
	compare_text_reports(t, files, out);
	if (t->nreports == 2)
		compare_text_pair(t, out);
	else
		compare_text_columns(t, out);
	fputc('\n', out);
	for (size_t k = 1; k < t->nreports; k++)
		compare_text_summary(t, k, out);
	compare_text_rule(t, out);
	return 0;
}

int compare_format_write(const struct compare_table *t, const char *const *files, enum compare_format f,
                         FILE *out)
{
	static int (*const writers[])(const struct compare_table *, const char *const *, FILE *) = {
		[COMPARE_FORMAT_TEXT] = compare_write_text, [COMPARE_FORMAT_JSON] = compare_write_json,
		[COMPARE_FORMAT_MD] = compare_write_md, [COMPARE_FORMAT_CSV] = compare_write_csv,
	};
	if ((unsigned)f >= sizeof writers / sizeof *writers || writers[f](t, files, out) < 0)
		return -1;
	return ferror(out) ? -1 : 0;
}
