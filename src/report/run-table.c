#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "export.h"
#include "export-rigor.h"
#include "fmt-units.h"
#include "run-table.h"
#include "text-visible.h"
#include "util.h"

/* The cells of one row, formatted before the columns are sized. */
enum { COL_STATUS, COL_MEAN, COL_MEDIAN, COL_RANGE, COL_USER, COL_SYS, COL_N, NCOLS };

static const struct {
	const char *title;
	int right;       /* numbers align right */
} run_table_cols[NCOLS] = {
	[COL_STATUS] = { "status", 0 },
	[COL_MEAN]   = { "mean \xC2\xB1 \xCF\x83", 1 },
	[COL_MEDIAN] = { "median", 1 },
	[COL_RANGE]  = { "min \xE2\x80\xA6 max", 1 },
	[COL_USER]   = { "user", 1 },
	[COL_SYS]    = { "system", 1 },
	[COL_N]      = { "n", 1 },
};

/* A CV above this is called noisy: hyperfine-grade figures want a few percent at most. */
#define RUN_TABLE_NOISY_CV 0.05

char *run_table_name(char *buf, size_t len, const struct test_result *t)
{
	char variant[256];
	export_variant_label(variant, sizeof variant, t->info.variant);
	if (variant[0])
		snprintf(buf, len, "%s/%s [%s]", t->info.suite, t->info.name, variant);
	else
		snprintf(buf, len, "%s/%s", t->info.suite, t->info.name);
	text_visible_inplace(buf, len);   /* names come from suite files: never raw escapes */
	return buf;
}

static int run_table_shown(const struct test_result *t)
{
	return t->status != TS_QUEUED;
}

/* Mean per iteration of a command's user or system seconds; NAN for kernels. */
static double run_table_mean_of(const double *x, size_t n)
{
	double sum = 0;
	size_t k = 0;
	for (size_t i = 0; x && i < n; i++)
		if (isfinite(x[i])) {
			sum += x[i];
			k++;
		}
	return k ? sum / (double)k : NAN;
}

static void run_table_cells(const struct test_result *t, char cells[NCOLS][64])
{
	const struct stats *s = &t->stats;
	char unit[sizeof t->info.unit * 4];
	text_visible(unit, sizeof unit, t->info.unit);   /* units come from suites and reports too */
	str_copy(cells[COL_STATUS], test_status_name(t->status), 64);
	fmt_unit_pm(cells[COL_MEAN], 64, s->mean, s->stdev, unit);
	fmt_unit(cells[COL_MEDIAN], 64, s->median, unit, 0);
	fmt_unit_range(cells[COL_RANGE], 64, s->min, s->max, unit);   /* one sample: v … v; none: - */
	fmt_seconds(cells[COL_USER], 64, run_table_mean_of(t->user_s, t->n));
	fmt_seconds(cells[COL_SYS], 64, run_table_mean_of(t->sys_s, t->n));
	snprintf(cells[COL_N], 64, "%zu", s->n);
}

static void run_table_pad(FILE *out, const char *s, size_t width, int right)
{
	size_t w = fmt_width(s);
	if (right)
		for (size_t i = w; i < width; i++)
			fputc(' ', out);
	fputs(s, out);
	if (!right)
		for (size_t i = w; i < width; i++)
			fputc(' ', out);
}

static int run_table_terminal_width(FILE *out)
{
	struct winsize ws;
	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

static void run_table_warnings(FILE *out, const struct test_result *t)
{
	const struct stats *s = &t->stats;
	char a[64], b[64];
	if (t->error[0]) {
		fputs("  ! ", out);
		text_visible_fputs(t->error, out);   /* errors quote commands' output: never raw escapes */
		fputc('\n', out);
	}
	if (s->outliers > 0)
		fprintf(out, "  ! %zu of %zu iterations are outliers (modified z-score above 3.5): other load or a "
		        "warm-up effect; more warmups or a quieter machine help\n", s->outliers, s->n);
	if (isfinite(s->cv) && fabs(s->cv) > RUN_TABLE_NOISY_CV) {
		c_snprintf(a, sizeof a, "%.0f", fabs(s->cv) * 100);
		char unit[sizeof t->info.unit * 4];
		fmt_unit(b, sizeof b, s->mad, text_visible(unit, sizeof unit, t->info.unit), 0);
		fprintf(out, "  ! noisy: \xCF\x83 is %s %% of the mean (MAD %s): compare medians, or rerun on a quiet "
		        "machine\n", a, b);
	}
	export_rigor_table_notes(t, out);   /* the noise guard's reasons, the precision reached */
}

/* Whether a test can take part in its suite's relative summary: one that measured to its end
 * (passed, or failed only its threshold) or was stopped with samples. One that errored or timed
 * out is no benchmark to rank, whatever its few figures say. */
static int run_table_rankable(const struct test_result *t)
{
	int measured = t->status == TS_PASS || t->status == TS_FAIL || t->status == TS_STOPPED;
	return run_table_shown(t) && measured && t->stats.n > 0 && isfinite(t->stats.mean) && t->stats.mean > 0;
}

static int run_table_better(const struct test_result *a, const struct test_result *b)
{
	return a->info.higher_is_better ? a->stats.mean > b->stats.mean : a->stats.mean < b->stats.mean;
}

/* At most this many summary lines, so the summary stays a glance; the rest are counted. */
#define RUN_TABLE_MAX_GROUPS 10

/* Tests that are ranked together: one suite, one unit, one direction. */
static int run_table_group_cmp(const struct test_result *a, const struct test_result *b)
{
	int c = strcmp(a->info.suite, b->info.suite);
	if (!c)
		c = strcmp(a->info.unit, b->info.unit);
	return c ? c : (a->info.higher_is_better > b->info.higher_is_better) -
	                       (a->info.higher_is_better < b->info.higher_is_better);
}

/* By group, then by place in the run: a group's first test leads it. */
static int run_table_rank_cmp(const void *x, const void *y)
{
	const struct test_result *a = *(const struct test_result *const *)x, *b = *(const struct test_result *const *)y;
	int c = run_table_group_cmp(a, b);
	return c ? c : (a > b) - (a < b);
}

/* One summary line: a group's best test, its runner-up and how many it was ranked among. */
struct run_table_rank {
	const struct test_result *lead, *best, *next;
	size_t n;
};

static int run_table_lead_cmp(const void *x, const void *y)
{
	const struct run_table_rank *a = x, *b = y;
	return (a->lead > b->lead) - (a->lead < b->lead);
}

static void run_table_rank_line(FILE *out, const struct run_table_rank *g)
{
	const struct test_result *best = g->best, *c = g->next;
	char bname[400], cname[400], ratio[64];
	const char *unit = best->info.unit;
	const char *word = strcmp(unit, "s") == 0 || strcmp(unit, "ms") == 0 || strcmp(unit, "us") == 0 ||
	                   strcmp(unit, "ns") == 0 || strstr(unit, "/s") ? "faster" : "better";
	double q = best->info.higher_is_better ? best->stats.mean / c->stats.mean : c->stats.mean / best->stats.mean;
	double rb = best->stats.stdev / best->stats.mean, rc = c->stats.stdev / c->stats.mean;
	double sd = q * sqrt(rb * rb + rc * rc);
	if (isfinite(sd))
		c_snprintf(ratio, sizeof ratio, "%.2f \xC2\xB1 %.2f", q, sd);
	else
		c_snprintf(ratio, sizeof ratio, "%.2f", q);
	fprintf(out, "  %s is %s times %s than %s", run_table_name(bname, sizeof bname, best), ratio, word,
	        run_table_name(cname, sizeof cname, c));
	if (g->n > 2)
		fprintf(out, ", the next best of %zu", g->n);
	fputc('\n', out);
}

/* hyperfine's summary, per suite and unit (figures in different units do not divide): the best
 * test against the next best, with the ratio's standard deviation propagated from both means'
 * relative deviations. Sorted, so a run of 10,000 variants costs n log n. */
static void run_table_relative(const struct run_results *r, FILE *out)
{
	const struct test_result **by = malloc((r->ntests ? r->ntests : 1) * sizeof *by);
	struct run_table_rank *g = malloc((r->ntests ? r->ntests : 1) * sizeof *g);
	size_t n = 0, ng = 0;
	for (size_t i = 0; by && g && i < r->ntests; i++)
		if (run_table_rankable(&r->tests[i]))
			by[n++] = &r->tests[i];
	if (n)
		qsort(by, n, sizeof *by, run_table_rank_cmp);
	for (size_t i = 0, j; i < n; i = j) {
		struct run_table_rank k = { by[i], by[i], NULL, 1 };
		for (j = i + 1; j < n && run_table_group_cmp(by[i], by[j]) == 0; j++, k.n++) {
			/* Ties keep the earlier test ahead, as the table lists them. */
			if (run_table_better(by[j], k.best)) {
				k.next = k.best;
				k.best = by[j];
			} else if (!k.next || run_table_better(by[j], k.next)) {
				k.next = by[j];
			}
		}
		if (k.n >= 2)
			g[ng++] = k;
	}
	if (ng) {
		qsort(g, ng, sizeof *g, run_table_lead_cmp);
		fputs("\nsummary\n", out);
		for (size_t i = 0; i < ng && i < RUN_TABLE_MAX_GROUPS; i++)
			run_table_rank_line(out, &g[i]);
		if (ng > RUN_TABLE_MAX_GROUPS)
			fprintf(out, "  (%zu more groups of tests in one unit not ranked here)\n", ng - RUN_TABLE_MAX_GROUPS);
	}
	free(by);
	free(g);
}

/* The columns' width after the name's, two spaces before each shown one. */
static size_t run_table_rest(const int *show, const size_t *wcol)
{
	size_t rest = 0;
	for (int c = 0; c < NCOLS; c++)
		rest += show[c] ? 2 + wcol[c] : 0;
	return rest;
}

void run_table_print(const struct run_results *r, FILE *out, int width)
{
	char name[400], cells[NCOLS][64];
	size_t wname = strlen("test"), wcol[NCOLS];
	int show[NCOLS];
	for (int c = 0; c < NCOLS; c++) {
		wcol[c] = fmt_width(run_table_cols[c].title);
		show[c] = c != COL_USER && c != COL_SYS;
	}
	if (width <= 0)
		width = run_table_terminal_width(out);
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (!run_table_shown(t))
			continue;
		run_table_cells(t, cells);
		size_t w = fmt_width(run_table_name(name, sizeof name, t));
		wname = w > wname ? w : wname;
		for (int c = 0; c < NCOLS; c++) {
			size_t cw = fmt_width(cells[c]);
			wcol[c] = cw > wcol[c] ? cw : wcol[c];
		}
		/* user and system time: only when a command reported them */
		if (strcmp(cells[COL_USER], "-") != 0)
			show[COL_USER] = show[COL_SYS] = 1;
	}
	size_t rest = run_table_rest(show, wcol);
	/* On a narrow terminal whole columns give way before a row would wrap: system and user
	 * time first, then min … max, then the median (the reports keep every figure). */
	static const int give_way[] = { COL_SYS, COL_USER, COL_RANGE, COL_MEDIAN };
	for (size_t d = 0; width > 0 && d < sizeof give_way / sizeof give_way[0] && 16 + rest > (size_t)width; d++) {
		show[give_way[d]] = 0;
		rest = run_table_rest(show, wcol);
	}
	/* The name gives way to the figures; a longer name then takes a line of its own. */
	size_t room = wname;
	if (width > 0 && wname + rest > (size_t)width)
		room = (size_t)width > rest + 16 ? (size_t)width - rest : 16;

	fputc('\n', out);
	run_table_pad(out, "test", room, 0);
	for (int c = 0; c < NCOLS; c++)
		if (show[c]) {
			fputs("  ", out);
			run_table_pad(out, run_table_cols[c].title, wcol[c], run_table_cols[c].right);
		}
	fputc('\n', out);
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (!run_table_shown(t))
			continue;
		run_table_cells(t, cells);
		run_table_name(name, sizeof name, t);
		if (fmt_width(name) > room) {
			fprintf(out, "%s\n", name);
			name[0] = '\0';
		}
		run_table_pad(out, name, room, 0);
		for (int c = 0; c < NCOLS; c++)
			if (show[c]) {
				fputs("  ", out);
				run_table_pad(out, cells[c], wcol[c], run_table_cols[c].right);
			}
		fputc('\n', out);
		run_table_warnings(out, t);
	}
	run_table_relative(r, out);
}
