/* view.c - the table of views, and the headless log as a view_class entry (the dashboard's is
 * in app-feed.c, beside the feed it draws from). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "headless.h"
#include "roles.h"
#include "view.h"

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
