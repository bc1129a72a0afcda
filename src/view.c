/* view.c - the two views of today as view_class entries: the dashboard and the headless log. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "headless.h"
#include "roles.h"
#include "term.h"
#include "tui.h"
#include "utf8.h"
#include "view.h"

/* ---- the dashboard ---- */

static void *dash_open(struct app *a, const struct view_env *env, char *why, size_t whylen)
{
	(void)env;
	return tui_open(a, why, whylen);
}

static int dash_frame(void *v, const struct frame *f, int *gone, char *why, size_t whylen)
{
	(void)f, (void)gone, (void)why, (void)whylen;
	tui_frame(v);
	return 0;
}

static void dash_message(void *v, enum view_say kind, int role, const char *text)
{
	(void)kind;
	tui_log(v, role, "%s", text);
}

static int dash_input_fd(void *v) { (void)v; return term_input_fd(); }
static int dash_read_key(void *v) { (void)v; return term_key(); }
static int dash_key(void *v, int key) { return tui_key(v, key); }
static void dash_resize(void *v) { tui_resize(v); }
static double dash_next_draw(const void *v) { return tui_next_draw(v); }
static void dash_draw(void *v) { tui_draw(v); }
static void dash_close(void *v) { tui_close(v); }

static void dash_list(FILE *out)
{
	fprintf(out, "\nDashboard keys:\n");
	for (const struct tui_key_row *k = tui_keys; k->handler; k++)
		if (k->label)
			fprintf(out, "  %s%*s %s\n", k->label, 10 - utf8_width(k->label), "", k->help);
}

const struct view_class view_dashboard = {
	.name = "dashboard", .watched = 1, .open = dash_open, .frame = dash_frame, .message = dash_message,
	.input_fd = dash_input_fd, .read_key = dash_read_key, .key = dash_key, .resize = dash_resize, .next_draw = dash_next_draw,
	.draw = dash_draw, .close = dash_close, .list = dash_list,
};

/* ---- the headless log ---- */

struct head {
	struct headless *h;
	FILE *progress;
};

static void *head_open(struct app *a, const struct view_env *env, char *why, size_t whylen)
{
	(void)a;
	struct head *v = calloc(1, sizeof *v);
	if (!v) {
		snprintf(why, whylen, "out of memory");
		return NULL;
	}
	v->progress = env->progress;
	v->h = headless_open(env->log, env->format, why, whylen);
	if (!v->h) {
		free(v);
		return NULL;
	}
	return v;
}

static int head_frame(void *v, const struct frame *f, int *gone, char *why, size_t whylen)
{
	struct head *hv = v;
	if (headless_frame(hv->h, f, why, whylen) == 0)
		return 0;
	*gone = headless_reader_gone(hv->h);
	return -1;
}

/* Notes go with the log ("# " lines in a text log, stderr beside a machine one); progress
 * goes to its stream, and errors to stderr where scripts look for them. */
static void head_message(void *v, enum view_say kind, int role, const char *text)
{
	struct head *hv = v;
	if (kind == VIEW_NOTE) {
		headless_note(hv->h, "%s", text);
	} else if (role == ROLE_ERROR) {
		fprintf(stderr, "benchtop: %s\n", text);
	} else {
		fprintf(hv->progress, "%s\n", text);
		fflush(hv->progress);
	}
}

static int head_input_fd(void *v) { (void)v; return -1; }
static double head_next_draw(const void *v) { (void)v; return 0; }
static void head_close(void *v)
{
	struct head *hv = v;
	headless_close(hv->h);
	free(hv);
}

const struct view_class view_headless = {
	.name = "headless", .watched = 0, .open = head_open, .frame = head_frame, .message = head_message,
	.input_fd = head_input_fd, .next_draw = head_next_draw, .close = head_close,
};

/* Every view, once. */
const struct view_class *const view_table[] = {
	&view_dashboard,
	&view_headless,
	NULL,
};
