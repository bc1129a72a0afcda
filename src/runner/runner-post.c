#include "config.h"

#include <math.h>

#include "results.h"
#include "runner-private.h"
#include "util.h"

/* How the workers post run_events (runner-iteration.c, runner-group.c): stamped now, and never
 * dropped while the run goes on. */

/* Results must arrive: wait for room rather than drop, unless we are stopping. */
void runner_post(struct runner *r, struct run_event *ev)
{
	ev->t = now_real();
	queue_push_wait(r->cfg.events, ev, &r->stop);
}

void runner_post_state(struct runner *r, int test, enum test_status st, const char *text)
{
	struct run_event ev = {
		.type = EV_TEST_STATE, .test = test, .status = st,
		.value = NAN, .wall_s = NAN, .user_s = NAN, .sys_s = NAN, .maxrss = NAN,
	};
	if (text)
		str_copy(ev.text, text, sizeof ev.text);
	runner_post(r, &ev);
}

void runner_post_log(struct runner *r, int test, const char *text)
{
	struct run_event ev = {
		.type = EV_LOG, .test = test, .value = NAN, .wall_s = NAN, .user_s = NAN, .sys_s = NAN, .maxrss = NAN,
	};
	str_copy(ev.text, text, sizeof ev.text);
	runner_post(r, &ev);
}
