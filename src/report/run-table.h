/* run-table.h - the table at the end of a headless run, as hyperfine prints one.
 *
 * Per test: its full name, status, mean ± σ, median, min … max, user and system time (commands),
 * the number of iterations, then its warnings (error, outliers, noise) on lines of their own;
 * after the table, per suite and unit, how many times faster the best test was than the next
 * best (at most ten lines, the rest counted).
 * Every figure carries its unit (fmt-units.h). The name column fits the terminal when `out` is
 * one, the longest name otherwise; a name too long for the terminal gets a line of its own,
 * and no figure or unit is ever cut. On a terminal too narrow for every column, the system
 * and user times, then min … max, then the median are left out, so that no row wraps. Reads
 * results after results_finish.
 */
#ifndef BENCHTOP_RUN_TABLE_H
#define BENCHTOP_RUN_TABLE_H

#include <stdio.h>

#include "results.h"

/* width 0: the terminal's when out is one, else unlimited. */
void run_table_print(const struct run_results *r, FILE *out, int width);
/* "naps/grid [n=3]" */
char *run_table_name(char *buf, size_t len, const struct test_result *t);

#endif
