/* rigor-app.h - the app's side of trustworthy verdicts: what it says when a run begins
 * (the system's findings, the order and its seed). Main thread only. The notes under a test in
 * the final table are export-rigor.h's, which needs no app.
 */
#ifndef BENCHTOP_RIGOR_APP_H
#define BENCHTOP_RIGOR_APP_H

struct app;

/* Call once, after the system was described and before the runner starts: picks the seed
 * of a shuffled order (--seed, or a new one), records order and seed in the results, and
 * says each system finding in one line. */
void rigor_run_begins(struct app *a);

#endif
