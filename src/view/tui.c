#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dash-feed.h"
#include "box.h"
#include "gauge.h"
#include "graph.h"
#include "grid.h"
#include "layout.h"
#include "sparkline.h"
#include "stats.h"
#include "command.h"
#include "table.h"
#include "term.h"
#include "text.h"
#include "theme.h"
#include "tui.h"
#include "tui-view.h"
#include "util.h"


/* Refresh intervals that + and - step through. */
static const double intervals[] = { 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60 };
#define NINTERVALS (int)(sizeof intervals / sizeof *intervals)


/* ---- the whole screen ---- */


/* ---- the panels: the layout gives each its place, this table draws them in order ---- */

static void draw_table(struct tui *t, struct rect r)
{
	if (t->mode == MODE_STRESS && t->feed->state->have_stress)
		tui_draw_stress(t, r);
	else
		tui_draw_tests(t, r);
}

static void draw_log(struct tui *t, struct rect r)
{
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = "Events" });
	textlog_draw(&t->grid, in, &t->log);
}

static struct key_hint stress_footer_keys[TUI_MAX_KEYS + 1];

static void draw_footer(struct tui *t, struct rect r)
{
	int stress = t->mode == MODE_STRESS && t->feed->state->have_stress;
	text_footer(&t->grid, r, stress ? stress_footer_keys : tui_footer_keys, t->theme.name);
}

static const struct tui_panel {
	int place;                    /* layout.h's PANEL_*: where the layout puts it (empty: not drawn) */
	void (*draw)(struct tui *t, struct rect r);
} tui_panels[] = {
	{ PANEL_HEADER, tui_draw_header },
	{ PANEL_CPU, tui_draw_cpu },
	{ PANEL_MEM, tui_draw_mem },
	{ PANEL_GPU, tui_draw_gpus },
	{ PANEL_GRAPH, tui_draw_graph },
	{ PANEL_TABLE, draw_table },
	{ PANEL_LOG, draw_log },
	{ PANEL_FOOTER, draw_footer },
	{ 0, NULL },
};

void tui_draw(struct tui *t)
{
	struct grid *g = &t->grid;
	if (t->feed->refresh)
		t->feed->refresh(t->feed->ctx);
	grid_clear(g);
	tui_layout(t);
	const struct layout *l = &t->layout;
	if (l->too_small) {
		tui_draw_too_small(t);   /* wrapped at spaces, never mid-word */
	} else {
		for (const struct tui_panel *p = tui_panels; p->draw; p++)
			if (!rect_empty(l->panel[p->place]))
				p->draw(t, l->panel[p->place]);
		struct rect screen = rect_make(0, 0, g->w, g->h);
		if (t->overlay == OVERLAY_HELP)
			tui_draw_help(t, screen);
		else if (t->overlay == OVERLAY_DETAIL)
			tui_draw_detail(t, screen);
		else if (t->overlay == OVERLAY_CONFIRM_QUIT)
			tui_draw_confirm(t, screen);
	}
	term_blit(g);
	t->dirty = 0;
	t->last_draw = now_mono();
}

double tui_next_draw(const struct tui *t)
{
	if (!t->dirty)
		return 0;
	/* At most one redraw per sampling interval (capped at 1 s) unless a key asked sooner. */
	double every = t->feed->state->interval;
	if (every > 1)
		every = 1;
	return t->last_draw + every;
}

void tui_frame(struct tui *t)
{
	const struct frame *f = &t->feed->store->latest;
	/* GPUs appear with the first frame (or go): they may earn a panel of their own. */
	if (f->ngpus != t->layout_gpus) {
		tui_layout(t);
		t->dirty = 1;
	}
	if (!t->paused)
		t->dirty = 1;
}

void tui_resize(struct tui *t)
{
	int w, h;
	term_resize(&w, &h);
	grid_resize(&t->grid, w, h);
	t->layout.w = 0;   /* made anew */
	tui_layout(t);
	t->dirty = 1;
	t->last_draw = 0;
}

/* ---- keys ---- */

/* The dashboard acts on the run only through commands (command.h), which its feed carries;
 * what a command did comes back as a line for the event log, now or from the run later. */
static int command(struct tui *t, struct command c)
{
	char line[512];
	int role;
	enum dash_said said = t->feed->command(t->feed->ctx, &c, line, sizeof line, &role);
	if (said != DASH_SENT && line[0])
		tui_log(t, role, "%s", line);
	return said == DASH_FAILED ? -1 : 0;
}

static void start_or_stop(struct tui *t)
{
	if (t->feed->state->run_active) {
		command(t, (struct command){ .type = CMD_STOP_RUN });
		return;
	}
	if (t->tests.selected < 0 || t->tests.selected >= t->nrows)
		return;
	const struct row *rw = &t->rows[t->tests.selected];
	command(t, (struct command){ .type = CMD_RUN_TESTS, .suite = rw->suite, .test = rw->test });
}

static void step_interval(struct tui *t, int dir)
{
	double now = t->feed->state->interval;
	int i = 0;
	while (i < NINTERVALS - 1 && intervals[i] < now - 1e-9)
		i++;
	i += dir;
	if (i < 0)
		i = 0;
	if (i >= NINTERVALS)
		i = NINTERVALS - 1;
	command(t, (struct command){ .type = CMD_SET_INTERVAL, .seconds = intervals[i] });
}

/* The stress table's rows from the feed, a row selected when there are any. Called before a
 * key acts on the table: keys typed ahead in one burst (Tab j Enter) arrive before any draw,
 * and the table must not be left with no selection for them. */
static void stress_rows(struct tui *t)
{
	struct table *st = &t->stress_table;
	st->nrows = t->feed->state->have_stress ? t->feed->state->nstress : 0;
	if (st->selected >= st->nrows)
		st->selected = st->nrows - 1;
	if (st->selected < 0 && st->nrows > 0)
		st->selected = 0;
}

static void stress_key(struct tui *t, int key)
{
	stress_rows(t);
	int gen = t->stress_table.selected;
	if (!t->feed->state->have_stress || gen < 0)
		return;
	if (key == TK_ENTER || key == ' ')
		command(t, (struct command){ .type = CMD_STRESS_TOGGLE, .gen = gen });
	else
		command(t, (struct command){ .type = CMD_STRESS_ADJUST, .gen = gen, .steps = key == TK_RIGHT ? 1 : -1 });
}

int tui_key(struct tui *t, int key)
{
	t->dirty = 1;
	t->last_draw = 0;    /* answer keys at once */
	if (t->overlay == OVERLAY_CONFIRM_QUIT) {
		t->overlay = OVERLAY_NONE;
		return key == 'y' || key == 'Y' || key == 'q';
	}
	if (t->overlay == OVERLAY_HELP) {
		t->overlay = OVERLAY_NONE;
		return 0;
	}
	if (t->overlay == OVERLAY_DETAIL && (key == TK_ESC || key == 'd' || key == 'q' || key == TK_ENTER)) {
		t->overlay = OVERLAY_NONE;
		return 0;
	}
	for (const struct tui_key_row *k = tui_keys; k->handler; k++)
		for (int i = 0; i < TUI_KEY_CODES && k->codes[i]; i++)
			if (k->codes[i] == key)
				return k->handler(t, key);
	return 0;
}

/* ---- the key table: handling, the footer and the help overlay come from it ---- */

static struct table *key_table(struct tui *t)
{
	if (t->mode == MODE_STRESS)
		stress_rows(t);
	return t->mode == MODE_STRESS ? &t->stress_table : &t->tests;
}

static int key_quit(struct tui *t, int key)
{
	(void)key;
	if (!t->feed->remote && t->feed->state->busy) {   /* tests or stressors: asks first; a viewer just leaves */
		t->overlay = OVERLAY_CONFIRM_QUIT;
		return 0;
	}
	return 1;
}

static int key_help(struct tui *t, int key)
{
	(void)key;
	t->overlay = OVERLAY_HELP;
	return 0;
}

static int key_move(struct tui *t, int key)
{
	int page = t->layout.panel[PANEL_TABLE].h - 3;
	page = page > 1 ? page : 1;
	int by = key == TK_UP || key == 'k' ? -1 : key == TK_DOWN || key == 'j' ? 1 : key == TK_PGUP ? -page :
	         key == TK_PGDN ? page : key == TK_HOME ? -1000000 : 1000000;
	table_move(key_table(t), by);
	return 0;
}

static int key_mode(struct tui *t, int key)
{
	(void)key;
	if (t->feed->state->have_stress) {
		t->mode = t->mode == MODE_TESTS ? MODE_STRESS : MODE_TESTS;
		stress_rows(t);
	} else
		tui_log(t, ROLE_WARN, "no stress generators in this build");
	return 0;
}

static int key_enter(struct tui *t, int key)
{
	if (t->mode == MODE_STRESS)
		stress_key(t, key);
	else
		start_or_stop(t);
	return 0;
}

static int key_pause(struct tui *t, int key)
{
	if (t->mode == MODE_STRESS && key == ' ') {
		stress_key(t, TK_ENTER);
		return 0;
	}
	t->paused = !t->paused;
	tui_log(t, ROLE_NORMAL, t->paused ? "display paused (sampling goes on)" : "display resumed");
	return 0;
}

static int key_intensity(struct tui *t, int key)
{
	if (t->mode == MODE_STRESS)
		stress_key(t, key);
	return 0;
}

static int key_rate(struct tui *t, int key)
{
	step_interval(t, key == '+' || key == '=' ? 1 : -1);
	return 0;
}

static int key_span(struct tui *t, int key)
{
	(void)key;
	t->span = (t->span + 1) % TUI_NSPANS;
	return 0;
}

static int key_graph(struct tui *t, int key)
{
	(void)key;
	char name[48];
	tui_next_graph_view(t);
	tui_log(t, ROLE_NORMAL, "graph: %s", tui_graph_view_name(t, name, sizeof name));
	return 0;
}

static int key_theme(struct tui *t, int key)
{
	(void)key;
	tui_next_theme(t);
	return 0;
}

static int key_detail(struct tui *t, int key)
{
	(void)key;
	if (t->mode == MODE_STRESS)   /* the selected test is not on screen: nothing to show */
		return 0;
	if (tui_selected_test(t) >= 0) {
		t->overlay = OVERLAY_DETAIL;
		t->hist_test = -1;   /* the history is read again: a run may have been recorded since */
	}
	return 0;
}

static int key_export(struct tui *t, int key)
{
	(void)key;
	command(t, (struct command){ .type = CMD_EXPORT });
	return 0;
}

static int key_detach(struct tui *t, int key)
{
	(void)key;
	/* A detached instance with nothing to run would end at once: say so rather than claim
	 * the run goes on. A viewer (attach) may always leave. */
	if (!t->feed->remote && !t->feed->state->busy) {
		tui_log(t, ROLE_WARN, "D: nothing runs to keep going: q quits");
		return 0;
	}
	return TUI_DETACH;
}

/* Esc outside an overlay: nothing to close. Listed so the help names it. */
static int key_none(struct tui *t, int key)
{
	(void)t, (void)key;
	return 0;
}

static int key_resize(struct tui *t, int key)
{
	(void)key;
	tui_resize(t);
	return 0;
}

/* In the help's order; foot is the place in the footer (0: not there), which must fit 80 columns. */
const struct tui_key_row tui_keys[] = {
	{ { TK_UP, TK_DOWN, 'k', 'j' }, "↑↓ j k", 0, NULL, NULL, "move the selection", key_move },
	{ { TK_PGUP, TK_PGDN, TK_HOME, TK_END }, "PgUp PgDn", 0, NULL, NULL,
	  "move a page; Home and End: the first and last row", key_move },
	{ { TK_ENTER }, "Enter", 3, "Enter", "run/stop", "start the selected suite or test; stop the run", key_enter },
	{ { 'd' }, "d", 4, "d", "detail", "details of the selected test (tests panel)", key_detail },
	{ { TK_TAB, TK_BTAB, 's' }, "Tab s", 5, "Tab", "stress",
	  "switch between the tests and the stress panel (Shift-Tab too)", key_mode },
	{ { TK_LEFT, TK_RIGHT }, "←→", 0, NULL, NULL, "stress panel: lower or raise the intensity", key_intensity },
	{ { 'p', ' ' }, "p Space", 6, "p", "pause",
	  "pause the display (sampling goes on); Space in the stress panel: switch the generator", key_pause },
	{ { '+', '=', '-', '_' }, "+ - = _", 7, "+-", "rate", "sample and refresh slower or faster", key_rate },
	{ { 'g' }, "g", 8, "g", "span", "graph span: minute, 10 minutes, hour, whole run", key_span },
	{ { 'v' }, "v", 0, NULL, NULL, "graph: cpu and memory, temperature, clock, power, each GPU (those present)",
	  key_graph },
	{ { 't' }, "t", 9, "t", "theme", "next theme (those --list shows)", key_theme },
	{ { 'e' }, "e", 10, "e", "export", "export the reports now", key_export },
	{ { '?', TK_F1, 'h' }, "? F1 h", 2, "?", "help", "this help", key_help },
	{ { 'D' }, "D", 0, NULL, NULL, "detach while something runs; benchtop attach shows it again", key_detach },
	{ { TK_ESC }, "Esc", 0, NULL, NULL, "close the detail view (d, q and Enter too) or this help", key_none },
	{ { 'q', TK_F10, 3 }, "q F10", 1, "q", "quit", "quit (asks while tests or stressors run)",
	  key_quit },
	{ { TK_RESIZE }, NULL, 0, NULL, NULL, NULL, key_resize },
	{ { 0 }, NULL, 0, NULL, NULL, NULL, NULL },
};

struct key_hint tui_footer_keys[TUI_MAX_KEYS + 1];
struct key_hint tui_help_keys[TUI_MAX_KEYS + 1];

/* Keys that act on the run: a view-only viewer is refused them, so its footer does not offer them. */
static int acts_on_run(int (*handler)(struct tui *, int))
{
	return handler == key_enter || handler == key_rate || handler == key_export || handler == key_intensity;
}

/* A footer key as the stress panel offers it: Enter switches a generator and the arrows set its
 * intensity there, Tab goes back to the tests, and d has no test to show. Hints written to out. */
static int stress_hints(const struct tui_key_row *k, struct key_hint *out)
{
	if (k->handler == key_detail)
		return 0;
	if (k->handler == key_mode) {
		out[0] = (struct key_hint){ "Tab", "tests" };
		return 1;
	}
	if (k->handler == key_enter) {
		out[0] = (struct key_hint){ "Enter", "on/off" };
		out[1] = (struct key_hint){ "←→", "intensity" };
		return 2;
	}
	out[0] = (struct key_hint){ k->foot_key, k->foot_name };
	return 1;
}

/* The footers' and the help's lists, from tui_keys. */
static void make_key_hints(int view_only)
{
	int nf = 0, ns = 0, nh = 0;
	for (int place = 1; place <= TUI_MAX_KEYS; place++)
		for (const struct tui_key_row *k = tui_keys; k->handler; k++)
			if (k->foot == place && nf < TUI_MAX_KEYS && !(view_only && acts_on_run(k->handler))) {
				tui_footer_keys[nf++] = (struct key_hint){ k->foot_key, k->foot_name };
				if (ns + 2 <= TUI_MAX_KEYS)
					ns += stress_hints(k, stress_footer_keys + ns);
			}
	for (const struct tui_key_row *k = tui_keys; k->handler; k++)
		if (k->label && nh < TUI_MAX_KEYS)
			tui_help_keys[nh++] = (struct key_hint){ k->label, k->help };
	tui_footer_keys[nf] = (struct key_hint){ NULL, NULL };
	stress_footer_keys[ns] = (struct key_hint){ NULL, NULL };
	tui_help_keys[nh] = (struct key_hint){ NULL, NULL };
}

/* ---- open and close ---- */

static void build_rows(struct tui *t)
{
	const struct dash_feed *a = t->feed;
	size_t ntests = a->results->ntests;
	t->rows = calloc((size_t)a->nsuites + ntests + 1, sizeof *t->rows);
	if (!t->rows)
		return;
	for (int s = 0; s < a->nsuites; s++) {
		t->rows[t->nrows++] = (struct row){ s, -1 };
		for (size_t i = 0; i < ntests; i++)
			if (a->test_suite[i] == s)
				t->rows[t->nrows++] = (struct row){ s, (int)i };
	}
}

struct tui *tui_open(const struct dash_feed *a, char *why, size_t whylen)
{
	struct tui *t = calloc(1, sizeof *t);
	if (!t) {
		str_copy(why, "out of memory", whylen);
		return NULL;
	}
	t->feed = a;
	t->stats_row = -1;
	t->follow_row = -1;
	t->hist_test = -1;
	t->opened = now_mono();
	t->opened_real = now_real();
	gethostname(t->host, sizeof t->host - 1);
	make_key_hints(a->view_only);
	if (theme_load(a->theme, &t->theme, why, whylen) < 0) {
		free(t);
		return NULL;
	}
	if (textlog_init(&t->log, 200) < 0 || grid_init(&t->grid, 0, 0) < 0) {
		str_copy(why, "out of memory", whylen);
		tui_close(t);
		return NULL;
	}
	const char *no_color = getenv("NO_COLOR");   /* set and not empty, as no-color.org says */
	if (term_open(&t->theme, a->no_color || (no_color && *no_color), why, whylen) < 0) {
		textlog_free(&t->log);
		grid_free(&t->grid);
		free(t);
		return NULL;
	}
	/* ASCII when asked, or when the locale cannot draw UTF-8. */
	const char *cs = nl_langinfo(CODESET);
	t->grid.ascii = a->ascii || !cs || strcmp(cs, "UTF-8") != 0;
	build_rows(t);
	t->tests = (struct table){ .cols = tui_test_cols, .ncols = tui_ntest_cols,
	                           .nrows = t->nrows, .cell = tui_test_cell, .arg = t, .selected = 0 };
	t->stress_table = (struct table){ .cols = tui_stress_cols, .ncols = tui_nstress_cols,
	                                  .cell = tui_stress_cell, .arg = t, .selected = 0 };
	/* Stressors asked for and no suite (dash-feed.h): their panel first. */
	if (a->stress_first)
		t->mode = MODE_STRESS;
	stress_rows(t);
	tui_resize(t);
	return t;
}

void tui_close(struct tui *t)
{
	if (!t)
		return;
	term_close();
	grid_free(&t->grid);
	textlog_free(&t->log);
	free(t->rows);
	free(t->scratch);
	free(t->scratch2);
	free(t);
}
