/* html-charts.h - the HTML report's charts, each one inline <svg> (html-svg.h).
 *
 * Only read the results, after results_finish; a chart with nothing to show writes nothing
 * and returns 0 (so the page can leave out its heading), otherwise 1.
 */
#ifndef BENCHTOP_HTML_CHARTS_H
#define BENCHTOP_HTML_CHARTS_H

#include <stdio.h>

#include "html-svg.h"
#include "results.h"

/* The axis every test in `unit` shares for its distribution: from the smallest to the largest
 * sample of those tests. */
void html_unit_axis(const struct run_results *r, const char *unit, struct svg_axis *axis);
/* A box plot (quartiles, whiskers to min and max, mean) over the samples as dots. */
int  html_chart_distribution(FILE *f, const struct test_result *t, const struct svg_axis *shared);
/* The samples in the order they were taken: drift, warm-up and outliers show. */
int  html_chart_iterations(FILE *f, const struct test_result *t);
/* Means with their 95 % confidence intervals, for the tests of `suite` in `unit`. */
int  html_chart_means(FILE *f, const struct run_results *r, const char *suite, const char *unit);
/* Change against --baseline per test, regressions in red, the tolerance band dashed. */
int  html_chart_baseline(FILE *f, const struct run_results *r);
/* CPU (mean and peak) and memory (peak) over the run from the tests' `during` figures, each
 * test's span marked. */
int  html_chart_timeline(FILE *f, const struct run_results *r);

#endif
