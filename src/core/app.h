/* app.h - owns every part, starts and stops them in order, runs the main loop.
 *
 * The app is the only place that knows about signals, and the only owner of the store,
 * the results and the journal (all on the main thread). Views (headless, dashboard) read
 * it and ask it to act through the functions below.
 */
#ifndef BENCHTOP_APP_H
#define BENCHTOP_APP_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "queue.h"
#include "results.h"
#include "source.h"
#include "store.h"
#include "stress-guard.h"
#include "stress-tally.h"
#include "suite.h"

struct sampler;
struct runner;
struct journal;
struct view_class;
struct stress;
struct instance;
struct app_attach;
struct frame;

struct app {
	struct options opt;
	struct source_env env;
	struct queue frames;          /* sampler -> main */
	struct queue events;          /* runner workers -> main */
	struct store store;
	struct sampler *sampler;

	/* The loaded suites, their variants side by side, and what the run made of them. */
	struct suite suites[CLI_MAX_RUNS];
	int    nsuites;
	struct test_spec *specs;      /* shallow copies; the suites own what they point to */
	size_t nspecs;
	int    *spec_suite;           /* which suite each spec came from */
	struct run_results results;
	struct runner *runner;
	int    run_active;
	int    *run_which;            /* the tests of the active (or last) run */
	size_t run_n;
	double run_started;           /* CLOCK_MONOTONIC */
	double progress_said;         /* Unix seconds of the last headless progress line */
	int    tests_ran;             /* a run has started: reports are due */
	int    run_stopped;           /* stopped (Enter, a viewer): its reports are due once its last events are in */

	/* The active (or last) run has results, a stem, a journal and reports of its own, so
	 * that a second run in the same session never writes over the first (app-report.c). */
	struct run_results run;       /* the tests of this run only */
	int    *run_index;            /* spec index -> index in run, -1 when not in it */
	int    run_count;             /* runs started in this session */
	int    run_reported;          /* its reports are written and nothing arrived since */
	int    run_written;           /* ... and they reached run_where */
	int    run_rc;                /* its exit status */
	double run_stress_until;      /* the stress tally's ended_t when its reports were written */
	int    worst_rc;              /* the worst exit status of the session's runs */
	char   run_where[4096 + 160]; /* where its reports went, or why they did not */
	char   run_kept[4096 + 1600];  /* "in FALLBACK, not in DIR (why)" when they went there, else "" */
	struct journal *journal;
	char   journal_path[4096 + 96];
	char   stem[80];              /* run-YYYYmmdd-HHMMSS, -2 ... when the second is taken */
	struct run_results baseline;  /* --baseline, read before anything runs */
	int    have_baseline;
	char   *baseline_text;        /* the comparison as printed after the table */
	char   history_said[4200];    /* where the run was recorded, or why not */
	int    history_failed;
	char   tmpdir[512];           /* for disk kernels */

	struct stress *stress;
	struct instance *instance;    /* the control socket: benchtop ls, benchtop stop */
	struct app_attach *attach;    /* its viewers: benchtop attach (app-attach.c) */
	int    detached;              /* no terminal: --detach, or the dashboard's hung up */
	char   cmdline[512];          /* as benchtop ls shows it */
	unsigned stress_seen;         /* stress messages already shown */
	struct stress_tally stress_tally;   /* what they did, summed up when the run ends */
	struct stress_guard guard;    /* --max-temp (app-stress.c) */
	const struct view_class *view;   /* who shows the run (view.h); NULL: nobody, or not yet */
	void   *view_state;

	int    sigfd;
	double deadline;              /* CLOCK_MONOTONIC; 0 = none */
	int    quit;
	int    exit_code;
	const char *ended_by;
	int    end_asked;             /* a signal or benchtop stop ended it: pushes get the short budget */
	int    started;               /* app_start succeeded: the run ran, its summary is due */
	int    quiet_end;             /* the log reader went away: no notes, no reports */
};

int  app_main(int argc, char **argv);

/* Between the app's own files (app.c: the lifecycle and the loop; app-run.c: suites, runs
 * and reports; app-list.c: --list). */
void app_say(struct app *a, int role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
FILE *app_message_stream(const struct app *a);   /* where headless progress goes */
/* A note about the machine or the run's state (a source unavailable, a stressor capped):
 * the view shows it as such; with no view, stderr. */
void app_note(struct app *a, int role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int  app_watched(const struct app *a);           /* a person looks at a dashboard */
void app_close_view(struct app *a);
int  app_list(const struct source_env *env);
int  app_load_suites(struct app *a, const char *const *names, int n);   /* 0, or the exit status */
int  app_check_report_path(const char *report, char *why, size_t whylen);
void app_drain_events(struct app *a);
void app_print_table(const struct run_results *r, FILE *out);

/* app-report.c: a run's files. Checks the report, journal and baseline paths before anything
 * runs (0, or the exit status after one line on stderr). */
int  app_prepare_reports(struct app *a);
/* The run of tests `which` (spec indexes): its results, a stem no other run has, its journal. */
int  app_run_open(struct app *a, const int *which, size_t n, char *why, size_t whylen);
/* A runner event (spec index) applied to the run's results and journal. */
void app_run_apply(struct app *a, const struct run_event *ev);
/* Statistics, baseline comparison and reports of the run now over; its exit status. */
int  app_report_run(struct app *a);
int  app_finish_run(struct app *a);               /* table, reports, baseline: the exit status */
void app_reports_free(struct app *a);

/* app-detach.c: runs that outlive the terminal. */
int  app_check_hangup_option(const struct options *o);   /* 0, or 2 after one line */
/* --detach: forks the run into the background before any thread exists. In the parent,
 * *exit_now is set and the result is its exit status; in the run, 0. */
int  app_daemonize(struct app *a, int *exit_now);
void app_detach_ready(struct app *a);   /* the run has started: the waiting parent may go */
int  app_busy(const struct app *a);     /* a suite or a stressor is running */
int  app_stress_active(const struct app *a);
/* The terminal hung up (how: "hung up (SIGHUP)" ...): stop, or go on without a view. */
void app_hangup(struct app *a, const char *how);
/* The dashboard's D: the view closes, the run goes on as with --detach. */
void app_detach(struct app *a);
/* The run leaves the terminal's session; the dashboard's waiting parent, if any, ends. */
void app_detach_waiter(struct app *a);
/* The run's journal, for the waiting parent to name should the run die from a signal. */
void app_waiter_journal(const char *path);
void app_detached_idle(struct app *a);  /* a detached dashboard with nothing to run ends */

/* app-attach.c: viewers in other processes (benchtop attach), all on the main thread. After
 * instance_open: 0, or -1 after a note (the run goes on unwatched). */
int  app_attach_open(struct app *a);
void app_attach_frame(struct app *a, const struct frame *f);   /* a frame went into the store */
void app_attach_tick(struct app *a);         /* each turn of the main loop: changes, snapshots, commands */
void app_attach_say(struct app *a, int role, const char *text);
void app_attach_end(struct app *a);          /* the run is over, its reports written */

/* Starts the given tests (indexes into specs), one at a time unless --jobs says otherwise.
 * 0, or -1 with why (a run is already active). */
int  app_run_tests(struct app *a, const int *which, size_t n, char *why, size_t whylen);
/* Stops the active run: the tests in progress end as they are, child processes are killed. */
void app_stop_tests(struct app *a);
/* A person stopped the run (Enter, a viewer's command): app_stop_tests, and its reports are
 * written as soon as the runner's last events are applied, as for a run that finished. */
void app_stop_run(struct app *a);
/* Writes the reports of what has run so far; fills where with the directory or file. */
int  app_export(struct app *a, char *where, size_t len);
void app_set_interval(struct app *a, double seconds);
double app_interval(const struct app *a);

/* app-stress.c: the app's side of a run with stressors: the tally behind the stress summary,
 * the thermal guard acting on the stressors, under-target notes, and the summary and reports
 * when the run ends (however it ends). Main thread only.
 * After the stressors started, before the sampler: the tally, the guard, throttle counters. */
void app_stress_begin(struct app *a);
/* Each frame from the sampler, before the store and the views see it (notes go into its rows). */
void app_stress_frame(struct app *a, struct frame *f);
/* The stressors and the sampler are stopped (stress_stop at stopped_t, Unix seconds), the
 * stressors not yet freed: the rows up to stopped_t, and what became of each generator. */
void app_stress_last(struct app *a, double stopped_t);
/* The run is over (the view closed): the summary, and the tally handed to the run's reports.
 * A run that ran stressors but no test writes reports of its own when --report asks. 0, or 1
 * when a stressor failed (result errors, a device or worker that stopped on its own, one that
 * never started) or the reports could not be written. */
int  app_stress_end(struct app *a);

/* src/metrics/metrics-app.c: --listen, --push and --textfile, hooked into the app's life. It is
 * the one place that reads the app's store, results and stressors for the metrics; everything
 * past it works on plain data. All four on the main thread, in this order:
 *   metrics_app_start      before other threads start: checks the options, binds the port;
 *                          0, or the exit status (2: a bad --listen, --listen-token, --push or
 *                          --textfile);
 *   metrics_app_frame      after each turn of the main loop: publishes a snapshot for scrapes,
 *                          rewrites the textfile when a test has finished;
 *   metrics_app_run_ended  where the reports are written (at the end when no test ran): the
 *                          push, then the textfile with the exit status that makes; returns
 *                          the exit status, rc or 1 when either failed;
 *   metrics_app_stop       at the very end (safe when nothing was started). */
int  metrics_app_start(struct app *a);
void metrics_app_frame(struct app *a);
int  metrics_app_run_ended(struct app *a, int rc);
/* A run's reports were written (rc: its exit status): in the dashboard, --push starts pushing
 * it in the background and says so in the events; headless runs are pushed at the end. */
void metrics_app_run_reported(struct app *a, int rc);
void metrics_app_stop(struct app *a);

#endif
