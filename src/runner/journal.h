/* journal.h - the crash-safe record of a run: run-YYYYmmdd-HHMMSS.journal.jsonl.
 *
 * One JSON object per line, each line one write(2) on an O_APPEND descriptor, so a crash or
 * kill -9 never leaves half a line behind a finished one and loses nothing that finished:
 *   {"type":"run", "schema":1, "benchtop_version", "started_unix", "started", "system":{...}}
 *   {"type":"test", "index", "suite", "name", "kind", "variant":{...}, "metric", "unit",
 *    "better", "iterations", "warmup", "min_time", "timeout", "thresholds":{...}}   one per variant
 *   {"type":"iteration", "index", "iteration", "warmup", "value", "wall_s", "user_s", "sys_s",
 *    "maxrss", "t"}                                                       one per finished iteration
 *   {"type":"state", "index", "status", "error", "t", "during":{...}}    one per state change;
 *                                                                     "during" with finished ones
 * Lines are not fsynced one by one: once write() returns, the kernel holds the line, so a crash
 * of benchtop loses nothing; only a crash of the machine can lose the last lines. journal_close
 * fsyncs. Only the main thread uses a journal.
 */
#ifndef BENCHTOP_JOURNAL_H
#define BENCHTOP_JOURNAL_H

#include <stddef.h>

#include "results.h"

#define JOURNAL_SUFFIX ".journal.jsonl"
#define JOURNAL_LINE_MAX (1u << 20)   /* longer lines are refused when a journal is read */

struct journal;

/* "run-YYYYmmdd-HHMMSS" for Unix seconds t, in local time: the stem of a run's files. */
char *journal_stem(char *buf, size_t len, double t);

/* Creates path (it must not exist yet) and writes the run and test lines of r. r must outlive
 * the journal: finished-state lines carry that test's `during` figures from r. */
struct journal *journal_open(const char *path, const struct run_results *r, char *why, size_t whylen);
/* Appends an EV_ITERATION or EV_TEST_STATE event (EV_LOG is not journaled). */
int journal_event(struct journal *j, const struct run_event *ev, char *why, size_t whylen);
/* fsyncs, closes and frees; NULL is allowed. */
void journal_close(struct journal *j);

/* Rebuilds a run from its journal into out (free it with results_free); then results_finish
 * gives the reports of the original run. A truncated last line is ignored; a missing,
 * unreadable or foreign file is an error naming it. */
int journal_load(const char *path, struct run_results *out, char *why, size_t whylen);

#endif
