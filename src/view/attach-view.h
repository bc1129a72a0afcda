/* attach-view.h - a viewer's copy of a run: the feed (dash-feed.h) that `benchtop attach`
 * draws from, kept current by the frames the run sends (attach-wire.h).
 * Main thread of the viewer only. Memory: attach_view_free frees what the feed points to. */
#ifndef BENCHTOP_ATTACH_VIEW_H
#define BENCHTOP_ATTACH_VIEW_H

#include <stddef.h>

#include "attach-wire.h"
#include "dash-feed.h"

struct attach_view {
	struct dash_feed feed;        /* points into the fields below */
	struct store store;
	struct run_results results;
	struct dash_suite *suites;
	int   *test_suite;
	struct dash_state state;
	char   theme[64];
	char   history_db[1024];       /* the run's --history-db, "" for the default */
	int    have_snapshot;
	int    fd;                    /* the run's socket: commands go there */
	int    view_only;
	unsigned long frames;         /* received */
	struct wire_end end;          /* filled by WIRE_END */
	/* What the viewer shows of what arrives: a frame, a line for the event log. */
	void (*on_frame)(void *arg);
	void (*on_log)(void *arg, int role, const char *text);
	void  *arg;
};

void attach_view_init(struct attach_view *v, int fd, int view_only);
/* Applies one frame. 0; 1 when it was WIRE_END; -1 with why when it makes no sense. */
int  attach_view_apply(struct attach_view *v, int type, const unsigned char *payload, size_t n, char *why,
                       size_t whylen);
void attach_view_free(struct attach_view *v);

#endif
