/* rigor-app.h - the app's side of trustworthy verdicts: what it says when a run begins
 * (the system's findings, the order and its seed) and the notes under a test in the final
 * table (its noise, the precision it reached and why it stopped). Main thread only.
 */
#ifndef BENCHTOP_RIGOR_APP_H
#define BENCHTOP_RIGOR_APP_H

#include <stdio.h>

#include "results.h"

struct app;

/* Call once, after the system was described and before the runner starts: picks the seed
 * of a shuffled order (--seed, or a new one), records order and seed in the results, and
 * says each system finding in one line. */
void rigor_run_begins(struct app *a);

/* "    noise: ..." and "    stopped by: ..." lines for a test of the final table. */
void rigor_table_notes(const struct test_result *t, FILE *out);

#endif
