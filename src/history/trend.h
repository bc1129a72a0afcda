/* trend.h - one test's trend over past runs, as `benchtop trend` computes it and its outputs
 * (text, JSON, CSV, Markdown in trend-format.c; the HTML page in trend-html.c) print it.
 *
 * cmd-trend.c reads each test's series (the median of each run, oldest first), finds its
 * change points and the verdict; the writers only read. Numbers are written with '.' as the
 * decimal point whatever the locale.
 */
#ifndef BENCHTOP_TREND_H
#define BENCHTOP_TREND_H

#include <stddef.h>
#include <stdio.h>

#include "changepoint.h"
#include "fmt-units.h"
#include "history-read.h"

#define TREND_MAX_CPS 32

enum trend_verdict { TV_TOO_FEW, TV_STEADY, TV_REGRESSED, TV_IMPROVED };

struct trend {
	struct history_test test;
	char   display[512];            /* "suite/name res=720 spp=4" */
	struct history_point *pts;      /* oldest first: the last --last runs, what is shown */
	size_t n;
	struct history_point *all;      /* every point read: for --gate, runs before pts too */
	size_t nall;                    /* pts is all + nall - n */
	struct changepoint cps[TREND_MAX_CPS];   /* indexes into pts */
	size_t ncps;
	double last;                    /* the newest median; NAN without points */
	double change;                  /* last against the segment before the latest change point
	                                   (against the mean of the series without one); NAN if none */
	enum trend_verdict verdict;
};

const char *trend_verdict_name(enum trend_verdict v);   /* "regressed", ..., "too few runs" */
/* 1 when change point c of t is a step the wrong way for the test's direction. */
int trend_cp_regression(const struct trend *t, const struct changepoint *c);

enum trend_format { TF_TEXT, TF_JSON, TF_CSV, TF_MD };
struct trend_style {
	int    ascii;                   /* sparklines in ASCII */
	const char *machine;            /* "host (hash)", or "any machine" */
};
/* Writes the trends in format; 0, or -1 when writing failed. */
int trend_write(FILE *f, enum trend_format fmt, const struct trend *t, size_t n, const struct trend_style *st);
/* The scale the text tables show figures of about magnitude in, as the run's own table does
 * ("11.02" "ms" for 0.01102 s); mul 0 (not scaled) for a unit too long to take a prefix. */
void trend_scale(struct fmt_scale *sc, double magnitude, const char *unit);
/* v in sc, to its own 4 digits ("11.62" beside "201.6"), or with 6 digits when sc is not
 * scaled; "-" when not finite. Returns buf. */
char *trend_fig(char *buf, size_t len, double v, const struct fmt_scale *sc);
/* The unit sc's figures are in: sc's, or unit itself when sc is not scaled. */
const char *trend_unit(const struct fmt_scale *sc, const char *unit);
/* A sparkline of the values into buf (UTF-8 blocks, or ASCII). */
char *trend_sparkline(char *buf, size_t len, const struct history_point *p, size_t n, int ascii);
/* The CI gate (trend-gate.c): prints a REGRESSION line for each test that ran in latest_run
 * and whose latest change point is a regression first reported within the last `window` runs;
 * else "no new regression". When it was first reported is replayed: at each older run, the
 * analysis of the `last` runs that ended there, as the gate saw them then. 1 when it printed
 * one, else 0. */
int trend_gate(const struct trend *t, size_t n, long long latest_run, size_t window, size_t last,
               const struct cp_options *cp);
/* How many runs before the last `last` that replay reads. */
size_t trend_gate_lookback(size_t last, const struct cp_options *cp);
/* The fewest runs the gate reads (as --last) for a regression to stay in view its whole window. */
size_t trend_gate_min_last(size_t window, const struct cp_options *cp);
/* One self-contained HTML page with an SVG chart per trend; 0, or -1. */
int trend_html_write(FILE *f, const struct trend *t, size_t n, const struct trend_style *st);

#endif
