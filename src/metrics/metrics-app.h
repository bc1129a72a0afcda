/* metrics-app.h - --listen, --push and --textfile, hooked into the app's life.
 *
 * This is the one place that reads the app's store, results and stressors for the metrics
 * (through app.h, results.h, store.h); everything past it works on plain data, so another
 * source of the same figures needs only another version of metrics-app.c.
 * All four are called on the main thread, in this order:
 *   metrics_app_start      before other threads start: checks the options, binds the port;
 *   metrics_app_frame      after each turn of the main loop: publishes a snapshot for scrapes,
 *                          rewrites the textfile when a test has finished;
 *   metrics_app_run_ended  where the reports are written: the textfile, then the push;
 *   metrics_app_stop       at the very end (safe when nothing was started).
 */
#ifndef BENCHTOP_METRICS_APP_H
#define BENCHTOP_METRICS_APP_H

struct app;

/* 0, or the exit status (2: a bad --listen, --listen-token, --push or --textfile). */
int  metrics_app_start(struct app *a);
void metrics_app_frame(struct app *a);
/* Writes the textfile and pushes; returns the exit status, rc or 1 when that failed. */
int  metrics_app_run_ended(struct app *a, int rc);
void metrics_app_stop(struct app *a);

#endif
