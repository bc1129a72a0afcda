/* results.h - what a run produced: the tests, their iterations, their verdicts.
 *
 * Runner workers describe what happens as run_events on the event queue; the main thread
 * (and only it) applies them to a run_results with results_apply, appends each finished
 * iteration to the journal, and at the end calls results_finish, which computes the
 * statistics and decides pass/fail against the thresholds. Exporters and views only read.
 */
#ifndef BENCHTOP_RESULTS_H
#define BENCHTOP_RESULTS_H

#include <stddef.h>

#include "compare.h"
#include "frame.h"
#include "stats.h"

struct stress_tally;

enum test_status {
	TS_QUEUED, TS_WARMUP, TS_RUNNING,       /* in progress */
	TS_PASS, TS_FAIL, TS_ERROR, TS_TIMEOUT, /* finished */
	TS_SKIPPED,                             /* the run ended before it started */
	TS_STOPPED,                             /* cut short by the user or by time: keeps its
	                                           samples, and is not an error */
};
#define TS_LAST TS_STOPPED

const char *test_status_name(enum test_status s);   /* "queued", ..., "pass", "fail", ... */
int         test_status_finished(enum test_status s);

/* What a test variant is: filled from the suite before the run starts. */
struct test_info {
	char   suite[64];
	char   name[128];
	char   kind[32];             /* "command", "shell", or a kernel name */
	char   variant[256];         /* JSON object text of the matrix values, "{}" when none */
	char   metric[32];           /* "wall_time", "throughput", ... */
	char   unit[16];             /* "s", "GFLOP/s" ... */
	int    higher_is_better;
	int    iterations, warmup;   /* planned; iterations 0 with min_time > 0: run until min_time */
	double min_time, timeout;    /* seconds; NAN when unset */
	double max_mean;             /* threshold in unit; NAN when unset */
	double min_throughput;       /* threshold; NAN when unset */
	double precision;            /* target half-width of the mean's 95 % CI, relative; NAN: none */
	int    min_iterations, max_iterations;   /* with precision; 0 when unset */
	double max_time;             /* seconds of measuring at most; NAN when unset */
	int    warmup_auto;          /* warm up until steady; warmup is then the cap */
};

/* Why the measured iterations ended: the stop text of a finished test (see adaptive.h). */
#define RESULTS_STOP_LEN 64

/* Disturbances an iteration can carry, as bits (see noise-sample.h). */
enum noise_reason {
	NOISE_CPU,                   /* other processes took CPU time */
	NOISE_STEAL,                 /* the hypervisor took CPU time */
	NOISE_THROTTLE,              /* thermal throttle events */
	NOISE_SWAP,                  /* pages swapped in or out */
	NOISE_CLOCK,                 /* the CPU clock dropped (see NOISE_CLOCK_DROP) */
	NOISE_NREASONS,
};
/* An iteration whose mean CPU clock is this share below the highest mean clock of the same
 * test's earlier iterations (warmups included) is flagged NOISE_CLOCK. Against the test's own
 * best, not the nominal maximum: idle cores clock down, and a governor's or an all-core
 * turbo's steady clock is the machine's, not a disturbance. */
#define NOISE_CLOCK_DROP 0.10
const char *noise_reason_name(int reason);   /* "other processes", "steal", ... */
int         noise_reason_parse(const char *name);   /* the reason, or -1 */

/* A finding of the checks before a run: one line each (see noise-guard.h). */
#define SYSTEM_MAX_FINDINGS 16
struct system_finding {
	char check[24];              /* "governor", "smt", ... */
	char found[96];              /* what was found */
	char cost[128];              /* what it costs the figures */
	char fix[160];               /* the command that fixes it */
};

/* What the sampler saw while a test ran. */
struct test_during {
	size_t n;
	double cpu_sum, cpu_peak;    /* percent */
	double mem_peak;             /* bytes used */
	size_t gpu_n;
	double gpu_util_sum;         /* percent */
	double gpu_mem_peak;         /* bytes */
};

struct test_result {
	struct test_info info;
	enum test_status status;
	int    warmups_done;
	size_t n, cap;               /* measured iterations (warmups excluded) */
	double *samples;             /* the metric, in info.unit */
	double *wall_s, *user_s, *sys_s, *maxrss; /* per iteration; NAN for kernels */
	char   error[256];           /* why it errored or timed out; last stderr lines of a command */
	struct test_during during;
	size_t noise_n;              /* samples whose disturbance was measured */
	size_t disturbed;            /* of them, those with any noise bit */
	size_t noise_count[NOISE_NREASONS];   /* of them, per reason */
	double cpu_mhz_min;          /* the lowest CPU clock seen during a measured iteration; NAN none */
	double cpu_mhz_sum;          /* of the iterations' mean clocks, cpu_mhz_n of them */
	size_t cpu_mhz_n;
	double cpu_mhz_best;         /* the highest iteration mean so far, warmups included */
	char   stop[RESULTS_STOP_LEN];        /* why the measured iterations ended; "" unknown */
	double precision_reached;    /* half-width of the 95 % CI / |mean|, set by results_finish */
	struct stats stats;          /* set by results_finish */
	double started_t, ended_t;   /* Unix seconds; NAN before */
	int    has_baseline;         /* compared with a --baseline report: see baseline below */
	struct comparison baseline;  /* old and new mean, change, p value, verdict */
};

struct system_info {
	char   hostname[64];
	char   cpu_model[128];
	int    cores;
	double mem_total;            /* bytes */
	char   kernel[128];          /* uname -sr */
	int    ngpus;
	char   gpus[FRAME_MAX_GPUS][64];
	int    nfindings;            /* the checks before the run */
	struct system_finding findings[SYSTEM_MAX_FINDINGS];
};

struct run_results {
	double started_t;            /* Unix seconds */
	char   benchtop_version[32];
	struct system_info system;
	char   order[16];            /* "sequential", "interleaved", "shuffled"; "" unknown */
	unsigned long long seed;     /* of a shuffled order */
	size_t ntests;
	struct test_result *tests;
	size_t nfinished;            /* tests in a finished status, kept by results_apply and
	                                results_finish (a loader that sets statuses itself leaves 0) */
	char   baseline_path[256];   /* the --baseline report compared with; "" when none */
	const struct stress_tally *stress;   /* what the stressors did (stress-tally.h); NULL: none ran */
	double baseline_tolerance;   /* percent */
	size_t journal_skipped;      /* rebuilt from a journal: its damaged lines left out */
};

enum run_event_type {
	EV_TEST_STATE,               /* test entered `status` (warmup, running, or a finished one);
	                                TS_QUEUED clears what the test had, for a run anew */
	EV_ITERATION,                /* one iteration finished */
	EV_LOG,                      /* a line for the event log */
};

struct run_event {
	enum run_event_type type;
	int    test;                 /* index into run_results.tests, -1 for none */
	enum test_status status;     /* EV_TEST_STATE */
	int    iteration;            /* EV_ITERATION: 1-based within warmups or measured */
	int    warmup;               /* EV_ITERATION: 1 when a warmup */
	double t;                    /* Unix seconds when it happened */
	double value;                /* the metric, in the test's unit */
	double wall_s, user_s, sys_s, maxrss;   /* command kinds; NAN otherwise */
	int    round;                /* EV_ITERATION: the round it ran in (1-based; see order.h) */
	int    noise;                /* EV_ITERATION: noise bits (1 << enum noise_reason); -1 unmeasured */
	double cpu_mhz_min, cpu_mhz_mean;   /* EV_ITERATION: CPU clock over all CPUs during it; NAN none */
	char   stop[RESULTS_STOP_LEN];   /* finished EV_TEST_STATE: why the iterations ended */
	char   text[256];            /* EV_LOG line; error text with a finished error/timeout state */
};

int  results_init(struct run_results *r, const struct test_info *infos, size_t n);
void results_free(struct run_results *r);
void results_apply(struct run_results *r, const struct run_event *ev);
/* Adds one sampler frame to the `during` figures of every test now in progress. */
void results_frame(struct run_results *r, const struct frame *f);
/* Computes statistics and threshold verdicts; tests never started become TS_SKIPPED. */
void results_finish(struct run_results *r);
/* The throughput a test reached, as min_throughput reads it: the mean itself for a
 * higher-is-better metric (in its unit), operations per second (1 / mean) for a lower-is-better
 * time ("s", "ms", "us", "ns"); NAN otherwise or without a mean. Reads stats: call it after
 * results_finish. */
double results_throughput(const struct test_result *t);
/* Whether a test of this mean misses its max_mean or min_throughput; 1 with why ("mean 24.7 ms
 * is above max_mean 1 ms by ..."), else 0. The runner asks as each test ends, so the test
 * is a failure from then on, everywhere it is shown; the final results ask again. */
int    results_threshold_missed(const struct test_info *in, double mean, char *why, size_t whylen);
/* 0 when every test passed (or was skipped or stopped), 1 when one failed, errored or timed out. */
int  results_exit_code(const struct run_results *r);
/* "2 pass, 1 fail, 0 error, 1 timeout, 0 skipped, 1 stopped": every finished status counted
 * on its own, as benchtop report prints it; short leaves out a timeout, skipped or stopped
 * count of 0 (the dashboard's event line: "2 pass, 0 fail, 0 error, 1 timeout"). */
void results_count_line(const struct run_results *r, int shrt, char *buf, size_t len);
/* The share of a test's measured samples that were disturbed, 0..1; NAN when none was measured. */
double results_noise_share(const struct test_result *t);
/* Whether a test counts as disturbed: at least RESULTS_DISTURBED_SHARE of its samples. */
#define RESULTS_DISTURBED_SHARE 0.10
int  results_test_disturbed(const struct test_result *t);
/* Whether any test of the run counts as disturbed (what --require-quiet refuses). */
int  results_disturbed(const struct run_results *r);
/* One word for the test's most frequent disturbance: "busy", "steal", "hot", "swap". */
const char *noise_reason_short(const struct test_result *t);
/* "40% disturbed: other processes, swap" for a disturbed test; "" otherwise. */
char *results_noise_text(const struct test_result *t, char *buf, size_t len);
/* Fills the host, CPU, memory, kernel and GPU description (GPUs from a frame, may be NULL). */
void system_info_collect(struct system_info *si, const struct frame *f);

#endif
