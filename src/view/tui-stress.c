#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui-view.h"
#include "box.h"
#include "fmt-units.h"
#include "sparkline.h"
#include "util.h"

/* The stress panel: a row per generator, and under a row the lines that belong to it (a line per
 * GPU under gpu's; why a generator could not start under its own). Rows and lines scroll as one
 * list, so a line never leaves its row, and selecting a row brings its lines into view. */

const struct table_col tui_stress_cols[] = {
	{ "generator", 9, TABLE_LEFT },
	{ "state", 7, TABLE_LEFT },   /* "stopped" */
	{ "settings", 0, TABLE_LEFT },
	{ "target", 11, TABLE_RIGHT },   /* "1.953 GiB/s" */
	{ "achieved", 12, TABLE_RIGHT },
	{ "", STRESS_SPARK / 2, TABLE_LEFT },
};
const int tui_nstress_cols = (int)(sizeof tui_stress_cols / sizeof *tui_stress_cols);

/* A line of the panel: generator gen's row, why it is not running (failed, or n/a here), or the
 * gpu generator's detail line sub. */
enum { LINE_ROW = -1, LINE_WHY_NOT = -2 };
struct sline {
	int gen, sub;
};
#define MAX_LINES (FRAME_MAX_STRESS * 2 + DASH_DETAIL_LINES)

static int build_lines(const struct dash_state *s, struct sline *out)
{
	int k = 0, n = s->nstress < FRAME_MAX_STRESS ? s->nstress : FRAME_MAX_STRESS;
	for (int g = 0; g < n; g++) {
		out[k++] = (struct sline){ g, LINE_ROW };
		if (s->stress[g].failed[0] || s->stress[g].unavailable[0])
			out[k++] = (struct sline){ g, LINE_WHY_NOT };
		if (!strcmp(s->stress[g].row.name, "gpu"))   /* the feed's detail lines are its GPUs' */
			for (int i = 0; i < s->ndetail && i < DASH_DETAIL_LINES; i++)
				out[k++] = (struct sline){ g, i };
	}
	return k;
}

int tui_stress_rows(const struct tui *t)
{
	struct sline lines[MAX_LINES];
	return 3 + build_lines(t->feed->state, lines);   /* the box, the header, the lines */
}

/* A stress row reads one place: the model's row, taken once per draw. */
const char *tui_stress_cell(void *arg, int row, int col, char *buf, size_t len, int *role)
{
	struct tui *t = arg;
	if (row < 0 || row >= t->model.nstress)
		return NULL;
	const struct model_stress *ms = &t->model.stress[row];
	const struct frame_stress *fs = &ms->row;
	switch (col) {
	case 0: return str_copy(buf, fs->name, len);
	case 1:
		if (fs->paused) {   /* held by the thermal guard (--max-temp): no worker runs */
			*role = ROLE_ERROR;
			return "paused";
		}
		if (!fs->on && !strncmp(fs->note, "stopped", 7)) {   /* its workers gave up (the log says why) */
			*role = ROLE_ERROR;
			return "stopped";
		}
		if (ms->failed[0]) {   /* asked to start, ran nothing: the run fails for it (the line under says why) */
			*role = ROLE_ERROR;
			return "failed";
		}
		if (ms->unavailable[0]) {   /* asked for, but not on this machine (the line under says why) */
			*role = ROLE_DIM;
			return "n/a";
		}
		*role = fs->on ? ROLE_OK : ROLE_DIM;
		return fs->on ? "on" : "off";
	case 2:
		return str_copy(buf, ms->settings, len);
	case 3:
		/* in achieved's scale, so the two read alike: "1.953 GiB/s" beside "1.912 GiB/s" */
		return isfinite(fs->target) ? fmt_unit(buf, len, fs->target, fs->unit, FMT_TRIM) : "-";
	case 4:
		/* the newest achieved figure the sampler reported */
		if (!fs->on || !isfinite(fs->achieved))
			return "-";
		/* Under its target for a while: the sampler's row says so (the event log says why). */
		if (row < FRAME_MAX_STRESS && !strncmp(t->feed->store->latest.stress[row].note, "under target", 12))
			*role = ROLE_WARN;
		if (strcmp(fs->unit, "%") == 0)
			c_snprintf(buf, len, "%.1f %s", fs->achieved, fs->unit);
		else   /* scaled, 3 or 4 digits: 17.85 GiB/s, not 18276.7 MiB/s cut to fit */
			fmt_unit(buf, len, fs->achieved, fs->unit, 0);
		return buf;
	default: return NULL;
	}
}

struct stress_panel {
	struct tui *t;
	const struct sline *lines;
};

/* The table over the panel's lines: a generator's row as tui_stress_cell has it; the lines
 * under rows are drawn across the columns afterwards. */
static const char *line_cell(void *arg, int row, int col, char *buf, size_t len, int *role)
{
	const struct stress_panel *p = arg;
	const struct sline *l = &p->lines[row];
	return l->sub == LINE_ROW ? tui_stress_cell(p->t, l->gen, col, buf, len, role) : NULL;
}

static void draw_line_under(struct tui *t, const struct sline *l, struct rect in, int y)
{
	const struct model_stress *ms = &t->model.stress[l->gen];
	if (l->sub == LINE_WHY_NOT) {
		/* under the generator's own row, its name would be said twice: "hdd: not started: ..." */
		const char *why = ms->failed[0] ? ms->failed : ms->unavailable;
		size_t n = strlen(ms->row.name);
		if (!strncmp(why, ms->row.name, n) && !strncmp(why + n, ": ", 2))
			why += n + 2;
		grid_text_fit(&t->grid, in.x + 2, y, in.w - 2, why, ms->failed[0] ? ROLE_ERROR : ROLE_DIM);
		return;
	}
	const char *line = t->feed->state->detail[l->sub];
	/* a GPU that failed or computed wrong, in red */
	grid_text_fit(&t->grid, in.x + 2, y, in.w - 2, line,
	              strstr(line, " STOPPED: ") || strstr(line, " FAULTY") ? ROLE_ERROR : ROLE_NORMAL);
}

void tui_draw_stress(struct tui *t, struct rect r)
{
	struct rect in = box_draw(&t->grid, r, &(struct box){
		.title = "Stress · Enter on/off · ←→ intensity · Tab tests", .focused = 1 });
	if (rect_empty(in))
		return;
	t->model.nstress = t->feed->state->nstress;
	memcpy(t->model.stress, t->feed->state->stress, sizeof t->model.stress);
	struct table *st = &t->stress_table;
	st->nrows = t->model.nstress;
	if (st->selected >= st->nrows)
		st->selected = st->nrows - 1;

	struct sline lines[MAX_LINES];
	struct stress_panel p = { t, lines };
	int n = build_lines(t->feed->state, lines), first = -1, last = -1;
	for (int i = 0; i < n; i++)
		if (st->selected >= 0 && lines[i].gen == st->selected) {
			first = first < 0 ? i : first;
			last = i;
		}
	struct table view = *st;
	view.nrows = n;
	view.cell = line_cell;
	view.arg = &p;
	int visible = table_visible(&view, in);
	if (last >= 0) {   /* as many of the selected row's lines as fit, the row itself always */
		view.selected = last;
		table_scroll(&view, visible);
	}
	view.selected = first;
	table_draw(&t->grid, in, &view);
	st->top = view.top;

	/* Each generator's achieved figure over the last samples (the store's) in the last column,
	 * on its own row wherever the table has scrolled it. */
	int w = STRESS_SPARK / 2;
	float v[STRESS_SPARK];
	for (int i = 0; i < visible && view.top + i < n; i++) {
		const struct sline *l = &lines[view.top + i];
		int y = in.y + 1 + i;
		if (l->sub != LINE_ROW) {
			draw_line_under(t, l, in, y);
			continue;
		}
		size_t k = store_last(t->feed->store, SERIES_STRESS(l->gen), STRESS_SPARK, v);
		spark_draw(&t->grid, rect_make(in.x + in.w - w, y, w, 1), &(struct spark){ .v = v, .n = k, .lo = 0, .hi = NAN });
	}
}
