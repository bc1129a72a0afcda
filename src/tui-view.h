/* tui-view.h - what the dashboard's own files share: the view's state and its parts.
 *
 * tui.c owns the screen (drawing order, keys, open and close), tui-panels.c draws the machine
 * panels and the history graph, tui-tables.c the tests and stress tables, tui-overlays.c the
 * help, the detail view and the quit question. Main thread only.
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
};

/* tui-panels.c */
int  tui_scratch(struct tui *t, size_t n);   /* room for n values in scratch and scratch2 */
void tui_draw_header(struct tui *t, struct rect r);
void tui_draw_cpu(struct tui *t, struct rect r);
void tui_draw_mem(struct tui *t, struct rect r);
void tui_draw_gpus(struct tui *t, struct rect r);
void tui_draw_graph(struct tui *t, struct rect r);

/* tui-tables.c */
extern const struct table_col tui_test_cols[];
extern const int tui_ntest_cols;
extern const struct table_col tui_stress_cols[];
extern const int tui_nstress_cols;
const char *tui_test_cell(void *arg, int row, int col, char *buf, size_t len, int *role);
const char *tui_stress_cell(void *arg, int row, int col, char *buf, size_t len, int *role);
void tui_draw_tests(struct tui *t, struct rect r);
void tui_draw_stress(struct tui *t, struct rect r);
void tui_fmt_value(char *buf, size_t len, double v);   /* a figure in 4 significant digits */

/* tui-overlays.c */
int  tui_selected_test(const struct tui *t);           /* -1 on a suite heading */
void tui_draw_help(struct tui *t, struct rect screen);

extern struct key_hint tui_footer_keys[], tui_help_keys[];   /* made from tui_keys by tui_open */
void tui_draw_detail(struct tui *t, struct rect screen);
void tui_draw_confirm(struct tui *t, struct rect screen);

#endif
