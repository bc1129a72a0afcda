/* history-write.h - puts one finished run into the history database, in one transaction.
 *
 * A run is recorded once: its key (history-key.h: a hash of its start time and every test's name,
 * variant and samples) is unique, so recording it again, or importing its JSON report, or
 * rebuilding it from its journal, finds the run already there and adds nothing. Tests cut short
 * are recorded with the samples they have (status "stopped"); tests that never started (skipped)
 * are left out; the run's status says the run was stopped. Either the whole run lands or nothing
 * does: a failure (or a kill) mid-way leaves the database as it was.
 */
#ifndef BENCHTOP_HISTORY_WRITE_H
#define BENCHTOP_HISTORY_WRITE_H

#include <stddef.h>

#include "fingerprint.h"
#include "history-db.h"
#include "results.h"

/* "pass", "fail" (a test failed, errored or timed out) or "stopped" (a test was cut short or
 * never ran). */
const char *history_run_status(const struct run_results *r);

/* Records r (after results_finish). 0 with *run_id the new run; 1 when the run was already
 * there (*run_id its id); 2 when no test of r finished (nothing recorded); -1 with why. */
int history_write_run(struct history_db *h, const struct run_results *r, const struct fingerprint *fp,
                      const char *label, long long *run_id, char *why, size_t whylen);

#endif
