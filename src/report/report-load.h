/* report-load.h - reads a JSON report back, for `benchtop compare` and --baseline. */
#ifndef BENCHTOP_REPORT_LOAD_H
#define BENCHTOP_REPORT_LOAD_H

#include <stddef.h>

#include "results.h"

/* Limits, so a hostile or broken report cannot take all memory: the file's size and the
 * samples of all its tests together. Past either, loading stops with a message naming it. */
#define REPORT_MAX_FILE (64u << 20)
#define REPORT_MAX_SAMPLES 10000000u

/* Fills out (free it with results_free) from a report written by the JSON exporter: tests,
 * samples, statuses and errors as written, statistics recomputed from the samples. A missing
 * file, a file that is not JSON, another schema, or a file past a limit is -1 with why naming the file
 * (its name and anything quoted from it shown visibly, see text-visible.h). */
int report_load_json(const char *path, struct run_results *out, char *why, size_t whylen);

#endif
