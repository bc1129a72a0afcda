/* rigor-app.h - the app's side of trustworthy verdicts: what it says when a run begins
 * (the system's findings, the order and its seed, a seed that nothing shuffles). The notes
 * under a test in the final table are export-rigor.h's. Main thread only.
 */
#ifndef BENCHTOP_RIGOR_APP_H
#define BENCHTOP_RIGOR_APP_H

#include <stdio.h>

struct app;

/* Call once, after the system was described and before the runner starts: picks the seed
 * of a shuffled order (--seed, or a new one), records order and seed in the results, and
 * says each system finding in one line. */
void rigor_run_begins(struct app *a);
/* Once the suites are loaded: one line on err when --seed was given but no order is shuffled,
 * where it would be ignored. */
void rigor_seed_check(const struct app *a, FILE *err);

#endif
