/* bench/history-record.c - the time to record one run in the history database, as a finished run
 * does it (the report is read first and not timed). Usage: history-record REPORT.json DB */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "fingerprint.h"
#include "history-db.h"
#include "history-write.h"
#include "report-load.h"

static double now(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	char why[1024];
	struct run_results r;
	if (argc != 3 || report_load_json(argv[1], &r, why, sizeof why) < 0) {
		fprintf(stderr, "usage: history-record REPORT.json DB%s%s\n", argc == 3 ? ": " : "", argc == 3 ? why : "");
		return 2;
	}
	size_t samples = 0;
	for (size_t i = 0; i < r.ntests; i++)
		samples += r.tests[i].n;
	struct fingerprint fp;
	fingerprint_make(&fp, &r.system, NULL);
	for (int k = 0; k < 3; k++) {
		r.started_t += 1;   /* a new run each time */
		double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
		struct history_db h;
		long long id;
		if (history_db_open(&h, argv[2], HISTORY_WRITE, why, sizeof why) < 0 ||
		    history_write_run(&h, &r, &fp, "bench", &id, why, sizeof why) < 0) {
			fprintf(stderr, "history-record: %s\n", why);
			return 1;
		}
		history_db_close(&h);
		printf("record %zu variants x %zu samples: %.1f ms wall, %.1f ms CPU (open, write, commit, close)\n",
		       r.ntests, r.ntests ? samples / r.ntests : 0, (now(CLOCK_MONOTONIC) - t0) * 1e3,
		       (now(CLOCK_PROCESS_CPUTIME_ID) - c0) * 1e3);
	}
	results_free(&r);
	return 0;
}
