/* dash-feed.h - what the dashboard draws from, wherever the run is.
 *
 * The dashboard (src/view/tui*.c) never reads the run core itself: it reads a dash_feed. In the
 * process that runs (app-feed.c) the feed points at the run's own store and results; in a
 * viewer (`benchtop attach`, attach-view.c) at local replicas that the frames received over
 * the instance's socket keep current. Either way the same code draws the same screen.
 *
 * Threads: main thread only, on both sides. The feed's owner keeps everything current between
 * the dashboard's calls; refresh is called once per draw for whatever is cheaper to take then.
 * Memory: the feed and everything it points to belong to its owner, and outlive the dashboard.
 */
#ifndef BENCHTOP_DASH_FEED_H
#define BENCHTOP_DASH_FEED_H

#include <stddef.h>

#include "command.h"
#include "model.h"
#include "results.h"
#include "store.h"

#define DASH_DETAIL_LINES 8      /* lines under the stress table (one per GPU) */
#define DASH_DETAIL_LEN   160

/* A loaded suite as the tests table shows it. */
struct dash_suite {
	char   name[64];
	size_t ntests;
};

/* The run's state that is not in the store or the results: plain data, sent as it is. */
struct dash_state {
	double interval;              /* seconds between samples now */
	int    run_active;            /* a suite run is going on */
	int    busy;                  /* a suite or a stressor runs: q asks first */
	int    running_test;          /* the test in progress (the one begun last); -1: none */
	int    run_tests, run_done;   /* the tests the run started with, and how many finished */
	double test_eta, run_eta;     /* seconds the running test and the run still need; NAN: unknown */
	double clock_start;           /* Unix seconds the header's clock counts from; 0: no clock */
	double deadline;              /* Unix seconds --duration ends the run; 0: none */
	int    have_stress;           /* stressors exist in this build and run */
	int    nstress;
	struct model_stress stress[FRAME_MAX_STRESS];
	int    ndetail;               /* lines under the stress table */
	char   detail[DASH_DETAIL_LINES][DASH_DETAIL_LEN];
};

/* What a command did, as the dashboard says it in its event log. */
enum dash_said { DASH_DONE, DASH_SENT, DASH_FAILED };

struct dash_feed {
	const struct store *store;            /* gauges, graphs, sparklines */
	const struct run_results *results;    /* every loaded test, with its samples */
	const struct dash_suite *suites;
	int    nsuites;
	const int *test_suite;                /* results->ntests entries: each test's suite */
	const struct dash_state *state;
	/* Options the dashboard needs. */
	const char *theme;
	int    no_color, ascii;
	int    stress_first;                  /* stressors and no suite were asked for: their panel first */
	int    remote;                        /* a viewer in another process */
	int    view_only;                     /* ... that may not act on the run */
	int    no_history;                    /* --no-history: the detail view reads no past runs */
	const char *history_db;                /* --history-db; NULL: the default path */

	void  *ctx;
	void (*refresh)(void *ctx);
	/* Acts on the run. DASH_DONE or DASH_FAILED with a line for the event log (role set);
	 * DASH_SENT when the answer comes later, as an event-log line of its own. */
	enum dash_said (*command)(void *ctx, const struct command *c, char *line, size_t len, int *role);
};

#endif
