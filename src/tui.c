#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "box.h"
#include "export.h"
#include "gauge.h"
#include "graph.h"
#include "grid.h"
#include "layout.h"
#include "sampler.h"
#include "sparkline.h"
#include "stats.h"
#include "stress.h"
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

static const char *const theme_names[] = { "default", "mono", "high-contrast", "solarized-dark" };
#define NTHEMES (int)(sizeof theme_names / sizeof *theme_names)

/* ---- the whole screen ---- */

/* Short enough that all of it fits 80 columns. */
static const struct key_hint footer_keys[] = {
	{ "q", "quit" }, { "?", "help" }, { "Enter", "run/stop" }, { "d", "detail" }, { "Tab", "stress" },
	{ "p", "pause" }, { "+-", "rate" }, { "g", "span" }, { "t", "theme" }, { "e", "export" },
	{ NULL, NULL },
};

void tui_draw(struct tui *t)
{
	struct grid *g = &t->grid;
	grid_clear(g);
	const struct layout *l = &t->layout;
	if (l->too_small) {
		char msg[96];
		snprintf(msg, sizeof msg, "terminal too small: %dx%d needed (now %dx%d)", LAYOUT_MIN_W, LAYOUT_MIN_H,
		         l->w, l->h);
		/* Wrap over rows so a very narrow terminal still reads it whole. */
		int len = (int)strlen(msg), w = g->w > 0 ? g->w : 1;
		int rows = (len + w - 1) / w;
		for (int i = 0; i < rows && i < g->h; i++) {
			char part[96];
			snprintf(part, sizeof part, "%.*s", w, msg + i * w);
			grid_text(g, 0, (g->h - rows) / 2 + i, w, part, ROLE_WARN);
		}
	} else {
		tui_draw_header(t, l->panel[PANEL_HEADER]);
		tui_draw_cpu(t, l->panel[PANEL_CPU]);
		tui_draw_mem(t, l->panel[PANEL_MEM]);
		if (!rect_empty(l->panel[PANEL_GPU]))
			tui_draw_gpus(t, l->panel[PANEL_GPU]);
		if (!rect_empty(l->panel[PANEL_GRAPH]))
			tui_draw_graph(t, l->panel[PANEL_GRAPH]);
		if (t->mode == MODE_STRESS && t->app->stress)
			tui_draw_stress(t, l->panel[PANEL_TABLE]);
		else
			tui_draw_tests(t, l->panel[PANEL_TABLE]);
		if (!rect_empty(l->panel[PANEL_LOG])) {
			struct rect in = box_draw(g, l->panel[PANEL_LOG], &(struct box){ .title = "Events" });
			textlog_draw(g, in, &t->log);
		}
		text_footer(g, l->panel[PANEL_FOOTER], footer_keys, t->theme.name);
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
	double every = app_interval(t->app);
	if (every > 1)
		every = 1;
	return t->last_draw + every;
}

void tui_frame(struct tui *t)
{
	const struct frame *f = &t->app->store.latest;
	/* GPUs appear with the first frame (or go): they may earn a panel of their own. */
	if (f->ngpus != t->layout_gpus) {
		t->layout_gpus = f->ngpus;
		layout_compute(&t->layout, t->grid.w, t->grid.h, t->layout_gpus);
		t->dirty = 1;
	}
	for (int g = 0; g < f->nstress && g < FRAME_MAX_STRESS; g++) {
		memmove(t->stress_hist[g], t->stress_hist[g] + 1, (STRESS_SPARK - 1) * sizeof(float));
		t->stress_hist[g][STRESS_SPARK - 1] = f->stress[g].on ? (float)f->stress[g].achieved : NAN;
	}
	if (t->stress_hist_n < STRESS_SPARK)
		t->stress_hist_n++;
	if (!t->paused)
		t->dirty = 1;
}

void tui_resize(struct tui *t)
{
	int w, h;
	term_resize(&w, &h);
	grid_resize(&t->grid, w, h);
	t->layout_gpus = t->app->store.latest.ngpus;
	layout_compute(&t->layout, w, h, t->layout_gpus);
	t->dirty = 1;
	t->last_draw = 0;
}

void tui_log(struct tui *t, int role, const char *fmt, ...)
{
	char line[TEXTLOG_LINE + 16], msg[TEXTLOG_LINE];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char when[16];
	strftime(when, sizeof when, "%H:%M:%S", &tm);
	snprintf(line, sizeof line, "%s %s", when, msg);
	textlog_add(&t->log, role, line);
	t->dirty = 1;
}

/* ---- keys ---- */

static void set_theme(struct tui *t, int index)
{
	char why[256];
	struct theme th;
	if (theme_load(theme_names[index], &th, why, sizeof why) < 0) {
		tui_log(t, ROLE_ERROR, "theme: %s", why);
		return;
	}
	t->theme = th;
	t->theme_index = index;
	term_set_theme(&t->theme);
	grid_invalidate(&t->grid);
	tui_log(t, ROLE_NORMAL, "theme %s", theme_names[index]);
}

static void start_or_stop(struct tui *t)
{
	struct app *a = t->app;
	if (a->run_active) {
		app_stop_tests(a);
		tui_log(t, ROLE_WARN, "run stopped");
		return;
	}
	if (t->tests.selected < 0 || t->tests.selected >= t->nrows)
		return;
	const struct row *rw = &t->rows[t->tests.selected];
	int *which = malloc((a->nspecs ? a->nspecs : 1) * sizeof *which);
	if (!which)
		return;
	size_t n = 0;
	if (rw->test >= 0) {
		which[n++] = rw->test;
	} else {
		for (size_t i = 0; i < a->nspecs; i++)
			if (a->spec_suite[i] == rw->suite)
				which[n++] = (int)i;
	}
	char why[256];
	if (n && app_run_tests(a, which, n, why, sizeof why) < 0)
		tui_log(t, ROLE_ERROR, "%s", why);
	free(which);
}

static void step_interval(struct tui *t, int dir)
{
	double now = app_interval(t->app);
	int i = 0;
	while (i < NINTERVALS - 1 && intervals[i] < now - 1e-9)
		i++;
	i += dir;
	if (i < 0)
		i = 0;
	if (i >= NINTERVALS)
		i = NINTERVALS - 1;
	app_set_interval(t->app, intervals[i]);
	tui_log(t, ROLE_NORMAL, "sampling every %gs", intervals[i]);
}

static void stress_key(struct tui *t, int key)
{
	struct stress *s = t->app->stress;
	int gen = t->stress_table.selected;
	if (!s || gen < 0)
		return;
	struct frame_stress fs;
	if (key == TK_ENTER || key == ' ') {
		if (stress_toggle(s, gen) < 0) {
			tui_log(t, ROLE_ERROR, "stress: cannot start generator %d", gen);
			return;
		}
		stress_describe(s, gen, &fs);
		tui_log(t, fs.on ? ROLE_WARN : ROLE_NORMAL, "stress %s %s", fs.name, fs.on ? "on" : "off");
	} else {
		stress_adjust(s, gen, key == TK_RIGHT ? 1 : -1);
		stress_describe(s, gen, &fs);
		tui_log(t, ROLE_NORMAL, "stress %s target %.0f %s", fs.name, fs.target, fs.unit);
	}
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
	struct table *tab = t->mode == MODE_STRESS ? &t->stress_table : &t->tests;
	int page = t->layout.panel[PANEL_TABLE].h - 3;
	switch (key) {
	case 'q': case TK_F10: case 3:
		if (t->app->run_active) {
			t->overlay = OVERLAY_CONFIRM_QUIT;
			return 0;
		}
		return 1;
	case '?': case TK_F1: case 'h':
		t->overlay = OVERLAY_HELP;
		break;
	case TK_UP: case 'k': table_move(tab, -1); break;
	case TK_DOWN: case 'j': table_move(tab, 1); break;
	case TK_PGUP: table_move(tab, -(page > 1 ? page : 1)); break;
	case TK_PGDN: table_move(tab, page > 1 ? page : 1); break;
	case TK_HOME: table_move(tab, -1000000); break;
	case TK_END: table_move(tab, 1000000); break;
	case TK_TAB: case TK_BTAB: case 's':
		if (t->app->stress)
			t->mode = t->mode == MODE_TESTS ? MODE_STRESS : MODE_TESTS;
		else
			tui_log(t, ROLE_WARN, "no stress generators in this build");
		break;
	case TK_ENTER:
		if (t->mode == MODE_STRESS)
			stress_key(t, key);
		else
			start_or_stop(t);
		break;
	case ' ': case 'p':
		if (t->mode == MODE_STRESS && key == ' ') {
			stress_key(t, TK_ENTER);
			break;
		}
		t->paused = !t->paused;
		tui_log(t, ROLE_NORMAL, t->paused ? "display paused (sampling goes on)" : "display resumed");
		break;
	case TK_LEFT: case TK_RIGHT:
		if (t->mode == MODE_STRESS)
			stress_key(t, key);
		break;
	case '+': case '=': step_interval(t, 1); break;
	case '-': case '_': step_interval(t, -1); break;
	case 'g':
		t->span = (t->span + 1) % TUI_NSPANS;
		break;
	case 't':
		set_theme(t, (t->theme_index + 1) % NTHEMES);
		break;
	case 'd':
		if (tui_selected_test(t) >= 0)
			t->overlay = OVERLAY_DETAIL;
		break;
	case 'e': {
		char where[512];
		if (app_export(t->app, where, sizeof where) == 0)
			tui_log(t, ROLE_OK, "reports written to %s", where);
		else
			tui_log(t, ROLE_ERROR, "export: %s", where);
		break;
	}
	case TK_RESIZE:
		tui_resize(t);
		break;
	default:
		break;
	}
	return 0;
}

/* ---- open and close ---- */

static void build_rows(struct tui *t)
{
	const struct app *a = t->app;
	t->rows = calloc((size_t)a->nsuites + a->nspecs + 1, sizeof *t->rows);
	if (!t->rows)
		return;
	for (int s = 0; s < a->nsuites; s++) {
		t->rows[t->nrows++] = (struct row){ s, -1 };
		for (size_t i = 0; i < a->nspecs; i++)
			if (a->spec_suite[i] == s)
				t->rows[t->nrows++] = (struct row){ s, (int)i };
	}
}

struct tui *tui_open(struct app *a, char *why, size_t whylen)
{
	struct tui *t = calloc(1, sizeof *t);
	if (!t) {
		str_copy(why, "out of memory", whylen);
		return NULL;
	}
	t->app = a;
	t->stats_row = -1;
	gethostname(t->host, sizeof t->host - 1);
	if (theme_load(a->opt.theme, &t->theme, why, whylen) < 0) {
		free(t);
		return NULL;
	}
	for (int i = 0; i < NTHEMES; i++)
		if (strcmp(t->theme.name, theme_names[i]) == 0)
			t->theme_index = i;
	if (textlog_init(&t->log, 200) < 0 || grid_init(&t->grid, 0, 0) < 0) {
		str_copy(why, "out of memory", whylen);
		tui_close(t);
		return NULL;
	}
	const char *no_color = getenv("NO_COLOR");   /* set and not empty, as no-color.org says */
	if (term_open(&t->theme, a->opt.no_color || (no_color && *no_color), why, whylen) < 0) {
		textlog_free(&t->log);
		grid_free(&t->grid);
		free(t);
		return NULL;
	}
	/* ASCII when asked, or when the locale cannot draw UTF-8. */
	const char *cs = nl_langinfo(CODESET);
	t->grid.ascii = a->opt.ascii || !cs || strcmp(cs, "UTF-8") != 0;
	build_rows(t);
	t->tests = (struct table){ .cols = tui_test_cols, .ncols = tui_ntest_cols,
	                           .nrows = t->nrows, .cell = tui_test_cell, .arg = t, .selected = 0 };
	t->stress_table = (struct table){ .cols = tui_stress_cols, .ncols = tui_nstress_cols,
	                                  .cell = tui_stress_cell, .arg = t, .selected = 0 };
	/* Stressors asked for on the command line: their panel first. */
	if (a->stress && stress_config_any(&a->opt.stress))
		t->mode = MODE_STRESS;
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
