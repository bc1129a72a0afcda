/* tui-view.h - what the dashboard's own files share: the view's state and its parts.
 *
 * tui.c owns the screen (drawing order, keys, open and close), tui-panels.c draws the machine
 * panels and the history graph, tui-tables.c the tests table, tui-stress.c the stress panel,
 * tui-overlays.c the help, the detail view and the quit question. Main thread only.
 */
#ifndef BENCHTOP_TUI_VIEW_H
#define BENCHTOP_TUI_VIEW_H

#include <stddef.h>

#include "dash-feed.h"
#include "grid.h"
#include "layout.h"
#include "model.h"
#include "stats.h"
#include "table.h"
#include "text.h"
#include "theme.h"

#define STRESS_SPARK 32

enum overlay { OVERLAY_NONE, OVERLAY_HELP, OVERLAY_DETAIL, OVERLAY_CONFIRM_QUIT };
enum table_mode { MODE_TESTS, MODE_STRESS };

/* The graph's time spans, cycled with `g`; 0 seconds means the whole run. */
struct tui_span {
	const char *name;
	double seconds;
};
extern const struct tui_span tui_spans[];
#define TUI_NSPANS 4

/* A row of the tests table: a suite heading (test < 0) or one test variant. */
struct row {
	int suite;
	int test;
};

#define TUI_THEMES_BAD 16

struct tui {
	const struct dash_feed *feed;   /* what it draws from: dash-feed.h */
	struct grid grid;
	struct layout layout;
	int layout_gpus;              /* the GPUs the layout was made for */
	char host[64];                /* for the header, read once */
	int stats_row;                /* the tests-table row whose statistics row_stats holds, this draw */
	struct stats row_stats;
	struct theme theme;
	struct model model;           /* what the stress panel shows, taken once per draw */
	struct textlog log;
	struct row *rows;
	int nrows;
	struct table tests;
	struct table stress_table;
	enum table_mode mode;
	enum overlay overlay;
	int paused;
	int span;
	int dirty;
	double last_draw;
	float *scratch;               /* graph and sparkline values, sized for the widest screen */
	float *scratch2;
	size_t scratch_cap;
	/* The tests table's columns as this draw sized them (tui-columns.c): those shown, which
	 * of tui_test_cols each is, the name's and the sparkline's widths (0: not shown). */
	struct table_col test_cols[8];
	int test_col_of[8];
	int ntest_cols_shown;
	int name_w, spark_w;
	int follow_row;               /* the running test's row the selection last jumped to; -1 none */
	double opened;                /* CLOCK_MONOTONIC when the dashboard opened */
	double opened_real;           /* ... and in Unix seconds, as the store's times */
	int graph_view;               /* what the history graph shows (tui-graph.c), cycled with v */
	struct layout_want want;      /* what the layout was made for (tui_layout) */
	int hist_test;                /* the test whose recorded runs hist_v holds; -1: read anew */
	float hist_v[40];             /* its medians in the last runs of the history, oldest first */
	size_t hist_n;
	char hist_why[640];           /* why there are none */
	char themes_bad[TUI_THEMES_BAD][64];   /* theme files that failed to load, said once each */
	int themes_bad_n;
};

/* tui-scratch.c */
int  tui_scratch(struct tui *t, size_t n);   /* room for n values in scratch and scratch2 */

/* tui-panels.c */
void tui_draw_header(struct tui *t, struct rect r);
void tui_draw_cpu(struct tui *t, struct rect r);
void tui_draw_mem(struct tui *t, struct rect r);
void tui_draw_gpus(struct tui *t, struct rect r);
void tui_draw_graph(struct tui *t, struct rect r);

/* tui-tables.c */
void tui_draw_tests(struct tui *t, struct rect r);
void tui_fmt_value(char *buf, size_t len, double v);   /* a figure in 4 significant digits */

/* tui-stress.c: the stress panel. stress_table's rows are the generators (keys move among them);
 * its top counts the panel's lines, which include those under the rows. */
extern const struct table_col tui_stress_cols[];
extern const int tui_nstress_cols;
const char *tui_stress_cell(void *arg, int row, int col, char *buf, size_t len, int *role);
void tui_draw_stress(struct tui *t, struct rect r);
int  tui_stress_rows(const struct tui *t);   /* rows, box included, that show every line at once */

/* tui-cores.c: per-core load when two gauges a row do not fit (a labelled grid, or the busiest) */
void tui_draw_many_cores(struct tui *t, struct rect r);

/* tui-detail-history.c: the detail view's line of the test's recorded runs; 1 when drawn */
int  tui_draw_detail_history(struct tui *t, int idx, int x, int y, int w);

/* tui-graph.c: the history graph on a true time axis */
void tui_next_theme(struct tui *t);   /* t: the next theme that loads (tui-theme.c) */
int  tui_next_graph_view(struct tui *t);   /* the next series the machine has; its index */
const char *tui_graph_view_name(const struct tui *t, char *buf, size_t len);

/* tui-help.c: text read whole, wrapped at spaces */
int  tui_wrap_draw(struct grid *g, int x, int y, int width, int max_lines, const char *s, int role);
void tui_draw_help_box(struct tui *t, struct rect screen);
void tui_draw_too_small(struct tui *t);

/* tui-columns.c: the tests table's columns, what each shows of a row and how wide it is */
extern const struct table_col tui_test_cols[];
extern const int tui_ntest_cols;
const char *tui_test_cell(void *arg, int row, int col, char *buf, size_t len, int *role);
void tui_size_test_cols(struct tui *t, int width, int rows);   /* test_cols for a table width x rows */

/* tui-status.c: where the run stands, read through these helpers only. */
const struct test_result *tui_test(const struct tui *t, int test);   /* a spec's result */
int  tui_run_active(const struct tui *t);
int  tui_running_test(const struct tui *t);          /* the test in progress (newest begun); -1 none */
int  tui_row_of_test(const struct tui *t, int test); /* its row in the tests table; -1 none */
/* "▶ suite/test [variant] · iteration 3 of 10 · ETA test 2.1s, run 1m04s" in width columns, the
 * name cut in its middle first; 0 when nothing runs. */
int  tui_run_status(const struct tui *t, char *buf, size_t len, int width);
/* The header's clock: "1m02s", or with --duration "1m02s, 8m58s left, ends 14:05:00" (without
 * the end when brief, for a narrow terminal); "" idle. */
void tui_run_clock(const struct tui *t, int brief, char *buf, size_t len);
void tui_layout(struct tui *t);
char *tui_used_of(char *buf, size_t len, double used, double total);   /* " 1.2 GiB/8 GiB 15%" */   /* the layout for the screen's size and what the panels hold now */
char *tui_cut_middle(char *out, size_t len, const char *s, int width, int ascii);
/* A test row's name in width columns, its variant kept whole where the name can give room. */
char *tui_test_name(char *buf, size_t len, const struct test_result *r, int width, int ascii);

/* tui-overlays.c */
int  tui_selected_test(const struct tui *t);           /* -1 on a suite heading */
void tui_draw_help(struct tui *t, struct rect screen);

extern struct key_hint tui_footer_keys[], tui_help_keys[];   /* made from tui_keys by tui_open */
void tui_draw_detail(struct tui *t, struct rect screen);
void tui_draw_confirm(struct tui *t, struct rect screen);

#endif
