/* cmd-history.h - `benchtop history`: the runs recorded in the history database.
 *
 *   benchtop history [--history-db FILE] [--last N]      the runs, oldest first
 *   benchtop history show N                              one run's table
 *   benchtop history import [--label TEXT] FILE.json...  earlier JSON reports in, once each
 *   benchtop history prune --keep N | --older-than TIME  forget old runs
 *
 * Exit status: 0; 1 when the database failed (locked, read-only, full); 2 for bad usage, a bad
 * report file, or a file that is not a benchtop history database.
 */
#ifndef BENCHTOP_CMD_HISTORY_H
#define BENCHTOP_CMD_HISTORY_H

#include <stddef.h>

#include "history-db.h"

int cmd_history(int argc, char **argv);

/* Opens the database for a command named cmd ("history", "trend"): 0 when open; 3 when it does
 * not exist yet (said on stdout); else the exit status, the reason said on stderr. */
int cmd_history_open(struct history_db *h, const char *cmd, const char *db, enum history_open mode);
/* "2024-05-01 12:34" in local time. */
char *cmd_history_when(char *buf, size_t len, double t);

#endif
