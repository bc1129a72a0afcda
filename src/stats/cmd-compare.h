/* cmd-compare.h - `benchtop compare BASE.json NEW.json... [--threshold PCT] [--alpha P]
 * [--format text|json|md|csv]`: each report's tests against the first report's. */
#ifndef BENCHTOP_CMD_COMPARE_H
#define BENCHTOP_CMD_COMPARE_H

#include <stdio.h>

#include "results.h"

/* Prints the text table (compare-format.h) of new against old, tests matched by suite, name and
 * variant, for a run's --baseline: the rule of compare.h at p < 0.05, tolerance_pct as
 * compare_samples takes it. 1 when a test regressed, else 0 (also when memory ran out, said
 * on out). Each new test found in old_r gets its comparison in has_baseline and baseline. */
int compare_reports(const struct run_results *old_r, struct run_results *new_r,
                    double tolerance_pct, FILE *out);
/* The same at the given alpha (out of (0, 1): the default): a rebuilt run's verdicts. */
int compare_reports_alpha(const struct run_results *old_r, struct run_results *new_r,
                          double tolerance_pct, double alpha, FILE *out);

/* argv[0] is "compare". Exit status: 0 no regression, 1 a regression, 2 bad usage or a
 * report that cannot be read (the message names it). */
int cmd_compare(int argc, char **argv);

#endif
