/* view.h - the run core's views: who shows the run to people, behind one table.
 *
 * The core (sampler, runner, stressors, store, results, journal, exporters) keeps running
 * whether anybody watches or not; a view shows it. app.c calls a view only through its
 * struct view_class, in view_table: the dashboard (src/view/tui*.c) and the headless log
 * (src/view/headless.c) today, a viewer in another process later. Adding a view is a class in its
 * own file and one line in view_table (src/view/view.c).
 *
 * Threads: every call is on the main thread, which owns the app, the store and the results.
 * A view reads them between calls (a read-only look: it never changes them) and acts on the
 * run only through app_command (command.h). Memory: open returns the view's own state, which
 * close frees; nothing a view is given is kept past the call but the app pointer.
 *
 * The main loop, in order: open once; for each new frame in the store, frame; for each line
 * for people, message; when input_fd is readable, key for each key; when next_draw's time has
 * come, draw; on SIGWINCH, resize; close once (or at a hang-up, when the run goes on alone).
 */
#ifndef BENCHTOP_VIEW_H
#define BENCHTOP_VIEW_H

#include <stddef.h>

#include <stdio.h>

#include "cli.h"
#include "frame.h"

struct app;

/* What app.c tells a view at open: the log's settings, and where progress lines go. */
struct view_env {
	const char *log;           /* --log FILE; NULL: stdout */
	enum log_format format;
	FILE *progress;            /* stdout, or stderr when a machine log is on stdout */
};

/* message's kinds: a note is about the machine or the run's state (a source that is
 * unavailable, a stressor capped), the rest is progress; the headless log keeps notes apart. */
enum view_say { VIEW_PROGRESS, VIEW_NOTE };

/* What a key asked of the run. */
#define VIEW_KEY_QUIT   1      /* end the program */
#define VIEW_KEY_DETACH 2      /* go on without this view (the dashboard's D) */

struct view_class {
	const char *name;          /* "dashboard", "headless" */
	int watched;               /* a person looks at a screen: the run waits for them to quit */
	void  *(*open)(struct app *a, const struct view_env *env, char *why, size_t whylen);
	/* A new frame went into the store. 0, or -1 with why when the view cannot go on
	 * (*gone set when its reader left: not an error). */
	int    (*frame)(void *v, const struct frame *f, int *gone, char *why, size_t whylen);
	/* One line for people; role is widgets/roles.h's (ROLE_ERROR, ROLE_OK ...). */
	void   (*message)(void *v, enum view_say kind, int role, const char *text);
	int    (*input_fd)(void *v);                  /* -1: no keys */
	int    (*read_key)(void *v);                  /* term.h's codes; TK_NONE when no more */
	int    (*key)(void *v, int key);              /* VIEW_KEY_QUIT, VIEW_KEY_DETACH, or 0 */
	void   (*resize)(void *v);
	double (*next_draw)(const void *v);           /* CLOCK_MONOTONIC; 0: nothing to draw */
	void   (*draw)(void *v);
	void   (*close)(void *v);
	void   (*list)(FILE *out);                    /* its part of --list; NULL: none */
};

extern const struct view_class view_dashboard, view_headless;
extern const struct view_class *const view_table[];   /* NULL-terminated */

#endif
