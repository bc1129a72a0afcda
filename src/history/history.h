/* history.h - recording a run in the history database when its reports are written.
 *
 * The app calls history_record_run once at the end of a run (however it ended), and
 * `benchtop report JOURNAL` once for the run it rebuilt. A run already in the database (same
 * measurements) is not added again. A database that cannot take the run (locked past the busy
 * timeout, read-only, not a database, from a newer benchtop, disk full) is one line for the
 * caller to say; the reports are written anyway.
 */
#ifndef BENCHTOP_HISTORY_H
#define BENCHTOP_HISTORY_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "results.h"

/* Records r (after results_finish) per o's --history-db, --no-history and --label; o may be NULL
 * for the defaults. 0 when recorded, already there, turned off or with nothing to record, with
 * where in said ("" when nothing was done); -1 when the database failed, with why in said.
 * It prints nothing itself: the dashboard draws its own screen. */
int history_record_run(const struct run_results *r, const struct options *o, char *said, size_t len);

/* The label of a run: label when given, else $BENCHTOP_LABEL, else the commit named by a CI
 * (GITHUB_SHA, CI_COMMIT_SHA, ..., cut to 12 characters), else "". */
const char *history_label(char *buf, size_t len, const char *label);

#endif
