/* app-feed.h - the dashboard's feed (dash-feed.h) in the process that runs: the run's own
 * store and results, and commands carried out at once. Also what the instance's socket uses
 * to answer a viewer (attach-serve.c): the same state and the same lines.
 * Main thread only. */
#ifndef BENCHTOP_APP_FEED_H
#define BENCHTOP_APP_FEED_H

#include <stddef.h>

#include "dash-feed.h"

struct app;

/* The feed of app a; NULL when out of memory. Freed by app_feed_close. */
struct dash_feed *app_feed_open(struct app *a);
void app_feed_close(struct dash_feed *f);
/* Whether the dashboard opens on the stress panel: stressors were asked for and no suite was
 * (--run); with suites asked for the tests come first, where Enter stops the run. */
int app_feed_stress_first(const struct app *a);
/* The run's state now, as a feed and the socket carry it. */
void app_feed_state(const struct app *a, struct dash_state *s);
/* Carries out c (app_command) and says what it did in one line ("" when nothing to say). */
enum dash_said app_feed_command(struct app *a, const struct command *c, char *line, size_t len, int *role);

#endif
