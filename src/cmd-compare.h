/* cmd-compare.h - `benchtop compare OLD.json NEW.json [--threshold PCT]`. */
#ifndef BENCHTOP_CMD_COMPARE_H
#define BENCHTOP_CMD_COMPARE_H

#include <stdio.h>

#include "results.h"

/* Prints a regression table (80 columns) of new against old: tests matched by suite, name
 * and variant, each with old and new mean, change, p value and verdict, then the tests only
 * one side has. tolerance_pct as compare_samples takes it. 1 when a test regressed, else 0.
 * Each new test found in old_r gets its comparison in has_baseline and baseline. */
int compare_reports(const struct run_results *old_r, struct run_results *new_r,
                    double tolerance_pct, FILE *out);

/* argv[0] is "compare". Exit status: 0 no regression, 1 a regression, 2 bad usage or a
 * report that cannot be read (the message names it). */
int cmd_compare(int argc, char **argv);

#endif
