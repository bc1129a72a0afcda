/* model.h - what a view sees of the run: a read-only snapshot, as plain data.
 *
 * The dashboard, the headless log, a metrics endpoint or a viewer in another process all
 * need the same few things: the newest sample, the history of a series, the stress
 * generators' rows, the run's state and each test's figures. The model holds them as plain
 * data (numbers and fixed-size text, no pointers into the core), so a snapshot can be copied,
 * kept, or written to a socket as it is.
 *
 * Who calls what, on which thread: app_model, app_model_test and app_model_series run on the
 * main thread, which owns the store, the stressors and the results; a view calls them when it
 * draws (or, later, the socket's writer does on that thread). Nothing here locks, and nothing
 * changes the run: acting on it is command.h's business.
 * Memory: the caller owns every struct it passes in; nothing is kept.
 */
#ifndef BENCHTOP_MODEL_H
#define BENCHTOP_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "stats.h"

struct app;

struct model_stress {
	struct frame_stress row;      /* name, unit, on, workers, target, achieved */
	char   settings[80];          /* "2 x int 50 %" */
	double bytes;                 /* held now (memory, files); NAN for cpu */
	char   failed[200];           /* the dashboard's feed: why the last start asked for ran nothing
	                               * ("hdd: not started: ..."), at the start or after it was turned
	                               * off and on again; "" otherwise */
	char   unavailable[200];      /* asked for, but this machine cannot run it: why ("gpu: not
	                               * started: no libcuda ..."); no failure, as a skipped kernel */
};

struct model {
	uint64_t frames;              /* samples stored so far: grows when there is something new */
	unsigned long dropped;        /* samples the sampler's queue dropped */
	double interval;              /* seconds between samples now */
	int    have_latest;
	struct frame latest;          /* the newest sample (gauges, GPUs, sensors) */
	int    nstress;               /* the stress panel's rows */
	struct model_stress stress[FRAME_MAX_STRESS];
	int    run_active;            /* a suite run is going on */
	int    run_count;             /* runs started in this session */
	size_t ntests;                /* every loaded test, across suites: app_model_test(0..ntests-1) */
	int    nsuites;
};

struct model_test {
	char   suite[64], name[128], variant[256], unit[16];
	int    suite_index;           /* for CMD_RUN_TESTS */
	int    status;                /* enum test_status */
	int    iterations, warmup;    /* planned */
	size_t done;                  /* measured iterations so far */
	struct stats stats;           /* of the iterations so far */
	double last;                  /* the newest iteration's figure; NAN before one */
	char   error[256];
};

void   app_model(const struct app *a, struct model *m);
/* 0, or -1 when i is not a test. */
int    app_model_test(const struct app *a, size_t i, struct model_test *t);
/* A series' history between Unix times t0 and t1, in at most n columns (store_window). */
size_t app_model_series(const struct app *a, int series, double t0, double t1, float *out, size_t n);

#endif
