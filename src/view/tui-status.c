#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tui-view.h"
#include "ascii.h"
#include "export.h"
#include "fmt-units.h"
#include "utf8.h"
#include "text-visible.h"
#include "util.h"

/* Where the run stands: the test in progress, the status line naming it, the header's clock,
 * and the names of the tests table cut to their column. Reads the run only through the
 * helpers at the top, so a view fed from elsewhere changes them alone. */

/* ---- what the run is doing ---- */

const struct test_result *tui_test(const struct tui *t, int test)
{
	return &t->feed->results->tests[test];
}

int tui_run_active(const struct tui *t)
{
	return t->feed->state->run_active;
}

int tui_running_test(const struct tui *t)
{
	const struct dash_state *s = t->feed->state;
	return s->run_active && s->running_test >= 0 && (size_t)s->running_test < t->feed->results->ntests ?
	       s->running_test : -1;
}

int tui_row_of_test(const struct tui *t, int test)
{
	for (int i = 0; i < t->nrows; i++)
		if (t->rows[i].test == test)
			return i;
	return -1;
}

/* ---- names ---- */

/* s cut to `width` columns by taking out its middle: "render-fr…-long". In ASCII, s in its
 * ASCII form first (ascii.h), so the cut counts the columns the screen will show. */
char *tui_cut_middle(char *out, size_t len, const char *s, int width, int ascii)
{
	char plain[400];
	if (ascii)
		s = ascii_text(plain, sizeof plain, s);
	int w = utf8_width(s);
	if (w <= width || width <= 0) {
		str_copy(out, width <= 0 ? "" : s, len);
		return out;
	}
	const char *dots = ascii ? "..." : "…";
	int dw = ascii ? 3 : 1;
	if (width <= dw) {
		/* No room for both ends: the start, as it fits. */
		int used;
		const char *end = utf8_cut(s, width, &used);
		snprintf(out, len, "%.*s", (int)(end - s), s);
		return out;
	}
	/* In display columns: a wide letter at either edge of the cut is left out whole, so the
	 * result never passes width (else the cell would cut its end, the variant with it). */
	int head = (width - dw + 1) / 2, used;
	const char *hend = utf8_cut(s, head, &used);
	if (used > head) {   /* a wide first letter in one column: none of it */
		hend = s;
		used = 0;
	}
	int tail = width - dw - used, skip = 0;
	const char *tstart = s;
	while (*tstart && w - skip > tail) {   /* whole letters off the front until the rest fits */
		const char *next = tstart;
		int cw = utf8_cp_width(utf8_decode(&next));
		skip += cw < 0 ? 1 : cw;
		tstart = next;
		while (*tstart) {   /* zero-width marks go with their letter */
			next = tstart;
			if (utf8_cp_width(utf8_decode(&next)) != 0)
				break;
			tstart = next;
		}
	}
	if (tstart < hend)
		tstart = hend;
	snprintf(out, len, "%.*s%s%s", (int)(hend - s), s, dots, tstart);
	return out;
}

/* A test row's name in `width` columns: "  name variant", the variant kept whole while the
 * name can give room (it is what tells the rows apart), the middle cut with an ellipsis. */
char *tui_test_name(char *buf, size_t len, const struct test_result *r, int width, int ascii)
{
	char variant[256], name[160], cut[400];
	export_variant_label(variant, sizeof variant, r->info.variant);
	str_copy(name, r->info.name, sizeof name);
	text_visible_inplace(name, sizeof name);
	text_visible_inplace(variant, sizeof variant);
	if (ascii) {   /* measured as the screen shows them: "..." is three columns */
		ascii_text(name, sizeof name, name);
		ascii_text(variant, sizeof variant, variant);
	}
	int indent = 2, vw = variant[0] ? utf8_width(variant) + 1 : 0;
	int room = width - indent;
	if (utf8_width(name) + vw <= room) {
		snprintf(buf, len, "  %s%s%s", name, variant[0] ? " " : "", variant);
		return buf;
	}
	int min_name = ascii ? 6 : 4;   /* enough of the name to be read around its ellipsis */
	if (room - vw >= min_name) {
		tui_cut_middle(cut, sizeof cut, name, room - vw, ascii);
		/* no space without a variant: one column more would have the cell cut its end too */
		snprintf(buf, len, "  %s%s%s", cut, variant[0] ? " " : "", variant);
		return buf;
	}
	/* Even the variant does not fit beside a short name: cut both in their middles. */
	char vcut[300];
	int nw = utf8_width(name) < min_name ? utf8_width(name) : min_name;
	tui_cut_middle(cut, sizeof cut, name, nw, ascii);
	tui_cut_middle(vcut, sizeof vcut, variant, room - nw - 1, ascii);
	snprintf(buf, len, "  %s%s%s", cut, vcut[0] ? " " : "", vcut);
	return buf;
}

/* ---- the status line ---- */

static char *eta_text(char *buf, size_t len, double s)
{
	return isfinite(s) ? fmt_duration(buf, len, s) : str_copy(buf, "?", len);
}

int tui_run_status(const struct tui *t, char *buf, size_t len, int width)
{
	int test = tui_running_test(t);
	if (test < 0)
		return 0;
	const struct test_result *r = tui_test(t, test);
	const struct dash_state *st = t->feed->state;
	double now = now_real();
	char variant[256], where[96], teta[32], reta[32], a[32], b[32];
	export_variant_label(variant, sizeof variant, r->info.variant);
	if (r->status == TS_WARMUP)
		snprintf(where, sizeof where, "warmup %d of %d", r->warmups_done + 1, r->info.warmup);
	else if (r->info.iterations > 0 && !(r->info.precision > 0))
		snprintf(where, sizeof where, "iteration %zu of %d", r->n + 1 > (size_t)r->info.iterations ?
		         (size_t)r->info.iterations : r->n + 1, r->info.iterations);
	else if (isfinite(r->info.min_time) && r->info.min_time > 0 && isfinite(r->started_t))
		snprintf(where, sizeof where, "%s of %s", fmt_seconds(a, sizeof a, now - r->started_t),
		         fmt_seconds(b, sizeof b, r->info.min_time));
	else
		snprintf(where, sizeof where, "iteration %zu", r->n + 1);
	eta_text(teta, sizeof teta, st->test_eta);
	eta_text(reta, sizeof reta, st->run_eta);
	const char *dot = t->grid.ascii ? "-" : "·";
	char rest[512], name[300], cut[300];
	snprintf(rest, sizeof rest, "%s%s%s %s %s %s ETA test %s, run %s", variant[0] ? " [" : "", variant,
	         variant[0] ? "]" : "", dot, where, dot, teta, reta);
	snprintf(name, sizeof name, "%s/%s", r->info.suite, r->info.name);
	text_visible_inplace(name, sizeof name);
	text_visible_inplace(rest, sizeof rest);
	if (t->grid.ascii)
		ascii_text(rest, sizeof rest, rest);
	/* The name gives room first (cut in its middle), so the variant and the figures stay whole. */
	int room = width - 2 - utf8_width(rest);
	tui_cut_middle(cut, sizeof cut, name, room > 6 ? room : 6, t->grid.ascii);
	snprintf(buf, len, "%s %s%s", t->grid.ascii ? ">" : "▶", cut, rest);
	return 1;
}

/* ---- the header's clock ---- */

void tui_run_clock(const struct tui *t, int brief, char *buf, size_t len)
{
	const struct dash_state *s = t->feed->state;
	buf[0] = '\0';
	double start = s->clock_start;
	if (!(start > 0))
		return;
	double now = now_real();
	char e[32], l[32], end[16];
	fmt_duration(e, sizeof e, now - start);
	if (s->deadline > 0) {
		double left = s->deadline - now;
		time_t at = (time_t)s->deadline;
		struct tm tm;
		localtime_r(&at, &tm);
		strftime(end, sizeof end, "%H:%M:%S", &tm);
		fmt_duration(l, sizeof l, left > 0 ? left : 0);
		snprintf(buf, len, brief ? "%s, %s left" : "%s, %s left, ends %s", e, l, end);
	} else {
		snprintf(buf, len, "%s", e);
	}
}

/* ---- the panels' rows ---- */

/* The layout for what the panels hold now: the CPU box as tall as its cores need, the memory
 * box without a swap row on a machine without swap, the tests table with at least five rows and
 * the status line while a run goes on, and the stress panel with every line it has. */
void tui_layout(struct tui *t)
{
	const struct frame *f = &t->feed->store->latest;
	int cpu = 2 + (f->cpu.ncores + 1) / 2;    /* total, cores two to a row, load line */
	int mem = 3 + (f->mem.swap_total > 0) + (f->ngpus > 0 ? f->ngpus : f->nfs > 0);
	struct layout_want want = { .top_rows = cpu > mem ? cpu : mem, .table_rows = tui_run_active(t) ? 9 : 0 };
	if (f->cpu.ncores <= 0)
		want.top_rows = 0;   /* no frame yet: the usual size */
	/* The stress panel asks room for all its lines, so each GPU's state shows at 80x24 too. */
	if (t->mode == MODE_STRESS && t->feed->state->have_stress && tui_stress_rows(t) > want.table_rows)
		want.table_rows = tui_stress_rows(t);
	if (!t->layout.w || t->layout.w != t->grid.w || t->layout.h != t->grid.h || t->layout_gpus != f->ngpus ||
	    memcmp(&want, &t->want, sizeof want) != 0) {
		t->want = want;
		t->layout_gpus = f->ngpus;
		layout_compute_for(&t->layout, t->grid.w, t->grid.h, t->layout_gpus, &want);
	}
}

/* " 464 MiB/23.5 GiB 2 %": a used-of-total row's figures, the share in whole percent. */
char *tui_used_of(char *buf, size_t len, double used, double total)
{
	char u[24], tt[24];
	fmt_size(u, sizeof u, used);
	fmt_size(tt, sizeof tt, total);
	if (total > 0 && isfinite(used))
		c_snprintf(buf, len, " %s/%s %.0f%%", u, tt, 100 * used / total);
	else
		snprintf(buf, len, " %s/%s", u, tt);
	return buf;
}
