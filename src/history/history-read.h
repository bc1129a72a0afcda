/* history-read.h - what the history and trend commands read back from the database.
 *
 * Plain structs filled from queries; arrays are malloc'd and belong to the caller (free()).
 * Every function returns 0, or -1 with why naming the file.
 */
#ifndef BENCHTOP_HISTORY_READ_H
#define BENCHTOP_HISTORY_READ_H

#include <stddef.h>

#include "history-db.h"
#include "results.h"

struct history_run {
	long long id, machine_id;
	double started, duration;        /* Unix seconds; duration NAN when unknown */
	char   version[32], label[128], suites[256], status[16];
	char   hostname[64], machine_hash[17];
	int    ntests, npass, nfail;
};

struct history_test {
	long long id;
	char   suite[64], name[128], variant[256], metric[32], unit[16];
	int    higher_is_better;
};

struct history_machine {
	long long id;
	char   hash[17], hostname[64], cpu[128], kernel[128], gpus[256], driver[64];
	int    cores;
	double mem_gib;
	long long runs;
};

/* One point of a test's trend: the median of one run. */
/* 32 bytes: a trend holds one per run per test. label belongs to the handle it was read
 * through and lives until history_db_close. */
struct history_point {
	long long run_id;
	double started, value;
	const char *label;
};

/* The last `last` runs (all when 0), oldest first. */
int history_read_runs(struct history_db *h, size_t last, struct history_run **out, size_t *n, char *why, size_t whylen);
/* Run id into run and out (results_free it): tests, statuses, samples, statistics as recorded.
 * 1 when there is no such run. */
int history_read_run(struct history_db *h, long long id, struct history_run *run, struct run_results *out,
                     char *why, size_t whylen);
/* Every test ever recorded, by suite, name and variant. */
int history_read_tests(struct history_db *h, struct history_test **out, size_t *n, char *why, size_t whylen);
/* Machines with their run counts, by first run. */
int history_read_machines(struct history_db *h, struct history_machine **out, size_t *n, char *why, size_t whylen);
/* The medians of test_id's passed or failed results (finite medians only), oldest run first,
 * on machine_id (any when 0), the last `last` (all when 0). */
int history_read_series(struct history_db *h, long long test_id, long long machine_id, size_t last,
                        struct history_point **out, size_t *n, char *why, size_t whylen);
/* About how many results the database holds (the largest result id): cheap. */
int history_read_results_size(struct history_db *h, long long *n, char *why, size_t whylen);
/* The same for every test of test_ids at once, out[i] and nout[i] for test_ids[i], in one scan
 * of the results: cheaper than one query per test when the series are long. */
int history_read_series_all(struct history_db *h, const long long *test_ids, size_t ntests, long long machine_id,
                            size_t last, struct history_point **out, size_t *nout, char *why, size_t whylen);
/* The newest run (by start time) and its machine; *run_id 0 when the history is empty. */
int history_read_latest(struct history_db *h, long long *run_id, long long *machine_id, char *why, size_t whylen);

#endif
