/* report-load.h - reads a JSON report back, for `benchtop compare` and --baseline. */
#ifndef BENCHTOP_REPORT_LOAD_H
#define BENCHTOP_REPORT_LOAD_H

#include <stddef.h>

#include "results.h"

/* Fills out (free it with results_free) from a report written by the JSON exporter: tests,
 * samples, statuses and errors as written, statistics recomputed from the samples. A missing
 * file, a file that is not JSON, or another schema is -1 with why naming the file. */
int report_load_json(const char *path, struct run_results *out, char *why, size_t whylen);

#endif
