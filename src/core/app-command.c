/* app-command.c - the commands a view may give (command.h), carried out on the core. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "command.h"
#include "stress.h"
#include "util.h"

static int run_tests(struct app *a, const struct command *c, char *why, size_t whylen)
{
	if (c->test >= 0) {
		if ((size_t)c->test >= a->nspecs) {
			snprintf(why, whylen, "no test %d", c->test);
			return -1;
		}
		return app_run_tests(a, &c->test, 1, why, whylen);
	}
	int *which = malloc((a->nspecs ? a->nspecs : 1) * sizeof *which);
	if (!which) {
		str_copy(why, "out of memory", whylen);
		return -1;
	}
	size_t n = 0;
	for (size_t i = 0; i < a->nspecs; i++)
		if (a->spec_suite[i] == c->suite)
			which[n++] = (int)i;
	int rc = 0;
	if (n == 0) {
		snprintf(why, whylen, "no tests in suite %d", c->suite);
		rc = -1;
	} else {
		rc = app_run_tests(a, which, n, why, whylen);
	}
	free(which);
	return rc;
}

int app_command(struct app *a, const struct command *c, char *why, size_t whylen)
{
	str_copy(why, "", whylen);
	switch (c->type) {
	case CMD_RUN_TESTS:
		return run_tests(a, c, why, whylen);
	case CMD_STOP_RUN:
		app_stop_run(a);
		return 0;
	case CMD_STRESS_TOGGLE:
		if (!a->stress || stress_toggle(a->stress, c->gen) < 0) {
			snprintf(why, whylen, "stress: cannot start generator %d", c->gen);
			return -1;
		}
		return 0;
	case CMD_STRESS_ADJUST:
		return a->stress ? stress_adjust(a->stress, c->gen, c->steps) : -1;
	case CMD_SET_INTERVAL:
		if (!(c->seconds >= 0.05 && c->seconds <= 60)) {
			snprintf(why, whylen, "interval %g s: must be 0.05..60", c->seconds);
			return -1;
		}
		app_set_interval(a, c->seconds);
		return 0;
	case CMD_EXPORT:
		return app_export(a, why, whylen);
	case CMD_QUIT:
		a->quit = 1;
		if (!a->ended_by)
			a->ended_by = "quit";
		return 0;
	}
	snprintf(why, whylen, "unknown command %d", (int)c->type);
	return -1;
}
