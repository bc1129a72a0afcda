/* command.h - what a view may ask of the run core: a small set of commands, as plain data.
 *
 * A view (the dashboard today; a viewer in another process later) never calls into the
 * core's parts (runner, stressors, sampler, exporters) itself: it fills a struct command and
 * hands it to app_command. A command holds numbers only (indexes into the model's lists, no
 * pointers), so it can be written to a socket as it is and read back in another process.
 *
 * Who calls what, on which thread: app_command runs on the main thread (the one that owns
 * the app, the store and the results), from a view's key handler or, later, from the
 * socket's reader on that thread. It returns at once: a test run starts and goes on in the
 * runner's threads; a stressor toggles within a second.
 * Memory: the command is the caller's; nothing in it is kept.
 *
 *   command               fields                   does
 *   CMD_RUN_TESTS         suite, test              starts a suite's tests (test -1) or one test
 *   CMD_STOP_RUN          -                        stops the run (its reports are written)
 *   CMD_STRESS_TOGGLE     gen                      a stress generator on <-> off
 *   CMD_STRESS_ADJUST     gen, steps               raises (steps > 0) or lowers its intensity
 *   CMD_SET_INTERVAL      seconds                  the sampling interval (0.05..60)
 *   CMD_EXPORT            -                        writes the reports now
 *   CMD_QUIT              -                        ends the program as q does
 */
#ifndef BENCHTOP_COMMAND_H
#define BENCHTOP_COMMAND_H

#include <stddef.h>

enum command_type {
	CMD_RUN_TESTS,
	CMD_STOP_RUN,
	CMD_STRESS_TOGGLE,
	CMD_STRESS_ADJUST,
	CMD_SET_INTERVAL,
	CMD_EXPORT,
	CMD_QUIT,
};

struct command {
	enum command_type type;
	int    suite, test;      /* CMD_RUN_TESTS: the suite's index; a test's index, or -1 for all */
	int    gen, steps;       /* CMD_STRESS_*: the generator's row (stress panel order) */
	double seconds;          /* CMD_SET_INTERVAL */
};

struct app;

/* 0, or -1 with why (what a person should read: "no tests in that suite"); CMD_EXPORT fills
 * why with where the reports went either way. */
int app_command(struct app *a, const struct command *c, char *why, size_t whylen);

#endif
