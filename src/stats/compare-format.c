#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare-format.h"
#include "export.h"
#include "fmt-units.h"
#include "results-json.h"
#include "text-column.h"
#include "utf8.h"
#include "util.h"

const char *const compare_format_names[] = {
	[COMPARE_FORMAT_TEXT] = "text", [COMPARE_FORMAT_JSON] = "json",
	[COMPARE_FORMAT_MD] = "md", [COMPARE_FORMAT_CSV] = "csv", NULL,
};

#define WIDTH 80
#define COL_VALUE 10
#define COL_P 5
#define COL_LABEL_MIN 18     /* names keep this much while other means keep the line in WIDTH */
#define COL_LABEL_FLOOR 12   /* and are cut down to this before a line runs past WIDTH */

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

/* Terminal columns of UTF-8 text: wide characters take two (utf8.h). */
static int compare_columns(const char *s)
{
	return utf8_width(s);
}

/* Prints s in exactly `cols` terminal columns: padded, or cut with an ellipsis. */
static void compare_print_cell(FILE *out, const char *s, int cols)
{
	char cell[1024];
	fputs(text_column(cell, sizeof cell, s, cols, 0), out);
}

static const struct fmt_scale compare_plain = { 1, "", 0 };

void compare_format_value(char *buf, size_t len, double v, const char *unit, int flags)
{
	struct fmt_scale sc = compare_plain;
	char num[48];
	if (flags & COMPARE_VALUE_UNIT)
		fmt_scale_pick(&sc, v, unit);
	/* Each to its own digits, with an exponent outside 1e-6 .. 1e9 as everywhere (fmt-units.h). */
	fmt_scaled_own(num, sizeof num, v, &sc, flags & COMPARE_VALUE_TRIM ? FMT_TRIM : 0);
	if (sc.unit[0] && isfinite(v))
		snprintf(buf, len, "%s %s", num, sc.unit);
	else
		str_copy(buf, num, len);
}

/* A row's two medians in one scale, that of the larger, each to its own digits, and the scaled
 * unit apart ("12.86", "12.90", "Gops/s"): the run table's figures, the unit written once.
 * Plain numbers and no unit when `plain` (a unit that changed: each in its own). */
static void compare_pair_values(char *a, char *b, size_t len, char *unit, size_t ulen, double x, double y,
                                const char *raw_unit, int plain)
{
	struct fmt_scale sc = compare_plain;
	double big = isfinite(x) ? fabs(x) : 0;
	big = isfinite(y) && fabs(y) > big ? fabs(y) : big;
	if (!plain && (isfinite(x) || isfinite(y)))
		fmt_scale_pick(&sc, big, raw_unit);
	fmt_scaled_own(a, len, x, &sc, 0);
	fmt_scaled_own(b, len, y, &sc, 0);
	compare_term_safe(unit, ulen, sc.unit);   /* the reports' text */
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

/* A row's old and new medians (compare_pair_values); "-" for a side that lacks the test. */
static void compare_pair_row(const struct compare_row *row, char *a, char *b, size_t len, char *unit, size_t ulen)
{
	const struct comparison *c = &row->cells[1].c;
	compare_pair_values(a, b, len, unit, ulen, row->cells[0].test ? c->old_median : NAN,
	                    row->cells[1].test ? c->new_median : NAN, row->info->unit, row->cells[1].unit_changed);
}

/* Two reports: one row per test with its old and new median and their unit, as the run table
 * scales them. Every column is as wide as its widest cell; the test's name gets what is left
 * of 80 columns. */
static void compare_text_pair(const struct compare_table *t, FILE *out)
{
	char change[64], buf[COMPARE_VERDICT_MAX], verdict[COMPARE_VERDICT_MAX], a[48], b[48], unit[96];
	int cw = (int)strlen("change [95% CI]"), vw = (int)strlen("verdict"), nw = 3, uw = 4;
	for (size_t i = 0; i < t->nrows; i++) {
		const struct compare_cell *cell = &t->rows[i].cells[1];
		compare_format_change(change, sizeof change, cell->c.change_pct, cell->c.ci_lo_pct, cell->c.ci_hi_pct);
		int w = compare_columns(change), v = compare_columns(compare_cell_verdict(buf, sizeof buf, &t->rows[i], 1));
		cw = w > cw ? w : cw;
		/* A rare "unit changed (...)" may run past 80 columns rather than narrow every name. */
		vw = v > vw && !cell->unit_changed ? v : vw;
		compare_pair_row(&t->rows[i], a, b, sizeof a, unit, sizeof unit);
		nw = compare_columns(a) > nw ? compare_columns(a) : nw;
		nw = compare_columns(b) > nw ? compare_columns(b) : nw;
		uw = compare_columns(unit) > uw ? compare_columns(unit) : uw;
	}
	int lw = WIDTH - 6 - 2 * nw - uw - cw - COL_P - vw;
	if (lw < COL_LABEL_FLOOR)
		lw = COL_LABEL_FLOOR;
	compare_print_cell(out, "test", lw);
	fprintf(out, " %*s %*s ", nw, "old", nw, "new");
	compare_print_cell(out, "unit", uw);
	fprintf(out, " %-*s %*s %s\n", cw, "change [95% CI]", COL_P, "p(U)", "verdict");
	for (size_t i = 0; i < t->nrows; i++) {
		const struct compare_row *row = &t->rows[i];
		const struct comparison *c = &row->cells[1].c;
		char label[1024], safe[1024], p[16];
		compare_print_cell(out, compare_term_safe(safe, sizeof safe, compare_label(label, sizeof label, row->info)), lw);
		compare_pair_row(row, a, b, sizeof a, unit, sizeof unit);
		fprintf(out, " %*s %*s ", nw, a, nw, b);
		compare_print_cell(out, unit, uw);   /* pads by columns: a unit may be UTF-8 */
		compare_format_change(change, sizeof change, c->change_pct, c->ci_lo_pct, c->ci_hi_pct);
		compare_term_safe(verdict, sizeof verdict, compare_cell_verdict(buf, sizeof buf, row, 1));
		fprintf(out, " %-*s %*s %s\n", cw, change, COL_P, compare_format_p(p, sizeof p, c->p_utest), verdict);
	}
	const struct compare_geomean *g = &t->geomean[1];
	char label[64];
	snprintf(label, sizeof label, "geomean of %zu", g->ntests);
	compare_print_cell(out, label, lw);
	fprintf(out, " %*s %*s %*s %s\n", nw, "", nw, "", uw, "",
	        compare_format_change(change, sizeof change, g->change_pct, g->ci_lo_pct, g->ci_hi_pct));
}

/* The short mark a column shows for a verdict; buf holds a mark made from the reports' text. */
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

/* A cell of a column: the change and its mark, or instead of the mark the reason the two-report
 * table gives ("new error", "old skipped", "new (skipped)") when that fits in `cols`. */
static void compare_column_cell(char *text, size_t len, const struct compare_row *row, size_t k, int cols)
{
	const struct comparison *c = &row->cells[k].c;
	char change[64], mark[COMPARE_VERDICT_MAX], raw[COMPARE_VERDICT_MAX], why[COMPARE_VERDICT_MAX];
	compare_format_change(change, sizeof change, c->change_pct, c->ci_lo_pct, c->ci_hi_pct);
	snprintf(text, len, "%s %s", change, compare_mark(mark, sizeof mark, row, k));
	const struct compare_cell *cell = &row->cells[k];
	if (!cell->no_samples && c->verdict != VERDICT_NEW && c->verdict != VERDICT_GONE)
		return;
	compare_term_safe(why, sizeof why, compare_cell_verdict(raw, sizeof raw, row, k));
	if ((int)strlen(change) + 1 + compare_columns(why) <= cols)
		snprintf(text, len, "%s %s", change, why);
}

/* The first report's median of a row, as compare_format_value writes it under flags. */
static const char *compare_base_value(char *buf, size_t len, const struct compare_row *row, int flags)
{
	char unit[64];
	/* Every column's old side is the first report: its median is the same in each. */
	compare_term_safe(unit, sizeof unit, compare_cell_unit(row, 0));
	compare_format_value(buf, len, row->cells[0].test ? row->cells[1].c.old_median : NAN, unit, flags);
	return buf;
}

/* The width of the column of first medians under flags. */
static int compare_base_width(const struct compare_table *t, int flags)
{
	char v[64];
	int w = (int)strlen("median 0");
	for (size_t i = 0; i < t->nrows; i++) {
		int n = compare_columns(compare_base_value(v, sizeof v, &t->rows[i], flags));
		w = n > w ? n : w;
	}
	return w;
}

/* More reports: the first one's median as the run table shows it, then per report the change
 * and a verdict mark. */
static void compare_text_columns(const struct compare_table *t, FILE *out)
{
	char text[COMPARE_VERDICT_MAX + 64], change[64], v[64];
	int cw = 8, flags = COMPARE_VALUE_UNIT;
	/* The column is as wide as the short marks need; a reason shows where it fits in that. */
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t k = 1; k < t->nreports; k++) {
			compare_column_cell(text, sizeof text, &t->rows[i], k, 0);
			int w = compare_columns(text);
			cw = w > cw ? w : cw;
		}
	for (size_t k = 1; k < t->nreports; k++) {
		const struct compare_geomean *g = &t->geomean[k];
		int w = compare_columns(compare_format_change(change, sizeof change, g->change_pct, g->ci_lo_pct, g->ci_hi_pct));
		cw = w > cw ? w : cw;
	}
	int rest = WIDTH - 2 - (int)(t->nreports - 1) * (cw + 1);   /* for the name and the median */
	int vw = compare_base_width(t, flags);
	/* Too wide for the names: "20 ms" rather than "20.00 ms", then shorter names. */
	if (rest - vw < COL_LABEL_MIN) {
		flags |= COMPARE_VALUE_TRIM;
		vw = compare_base_width(t, flags);
	}
	int lw = rest - vw < COL_LABEL_FLOOR ? COL_LABEL_FLOOR : rest - vw;
	compare_print_cell(out, "test", lw);
	fprintf(out, " %*s", vw, "median 0");
	for (size_t k = 1; k < t->nreports; k++) {
		snprintf(text, sizeof text, "%zu against 0", k);
		fprintf(out, " %-*s", cw, text);
	}
	fputc('\n', out);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct compare_row *row = &t->rows[i];
		char label[1024], safe[1024];
		compare_print_cell(out, compare_term_safe(safe, sizeof safe, compare_label(label, sizeof label, row->info)), lw);
		compare_base_value(v, sizeof v, row, flags);
		fprintf(out, " %*s%s", vw - compare_columns(v), "", v);   /* by columns: a unit may be UTF-8 */
		for (size_t k = 1; k < t->nreports; k++) {
			compare_column_cell(text, sizeof text, row, k, cw);
			fputc(' ', out);
			compare_print_cell(out, text, cw);   /* pads by columns: a mark may hold an arrow */
		}
		fputc('\n', out);
	}
	compare_print_cell(out, "geomean", lw);
	fprintf(out, " %*s", vw, "");
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
