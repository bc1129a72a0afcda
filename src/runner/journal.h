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
 * With --baseline, after the test lines, the baseline as the run loaded it, so that a rebuild
 * judges as the run did even once the file is gone:
 *   {"type":"baseline", "file", "threshold_pct", "alpha", "tests"}
 *   {"type":"baseline_test", "index", "suite", "name", ..., "n"}          one per baseline test
 *   {"type":"baseline_samples", "index", "from", "samples":[...]}        up to 4096 samples each
 * With --require-quiet, a rule that changes the run's exit code beyond its tests' verdicts:
 *   {"type":"rules", "require_quiet":true}
 * Readers ignore lines of a type they do not know.
 * Lines are not fsynced one by one: once write() returns, the kernel holds the line, so a crash
 * of benchtop loses nothing; only a crash of the machine can lose the last lines. journal_close
 * fsyncs. Only the main thread uses a journal.
 */
#ifndef BENCHTOP_JOURNAL_H
#define BENCHTOP_JOURNAL_H

#include <stddef.h>
#include <stdio.h>

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

/* Appends the baseline lines: base's tests and samples as loaded, the threshold and alpha. */
int journal_baseline(struct journal *j, const struct run_results *base, const char *file, double threshold_pct,
                     double alpha, char *why, size_t whylen);

/* Appends the rules line: --require-quiet, so that a rebuild exits 3 as the run did. */
int journal_rules(struct journal *j, int require_quiet, char *why, size_t whylen);

/* What a journal holds besides the run itself. */
struct journal_extras {
	size_t skipped;              /* damaged lines left out (each warned about) */
	int require_quiet;           /* the run was made with --require-quiet */
	int has_baseline;            /* the run compared with a --baseline: */
	struct run_results baseline; /* its tests and samples, as the run loaded them */
	char baseline_file[256];
	double threshold_pct, alpha;
};

/* Rebuilds a run from its journal into out (free it with results_free); then results_finish
 * gives the reports of the original run. A truncated last line is ignored. A damaged line
 * elsewhere (not JSON, NUL bytes, too long, a figure or index out of place) is left out: it
 * is counted in x->skipped and, with warn, said there as "PREFIX: FILE:LINE: what; skipped".
 * A test whose state line was lost but whose iterations show its stop rule was met is judged
 * as finished. A missing, unreadable or foreign file, or a lost test line, is an error naming
 * it. x and warn may be NULL; free x with journal_extras_free. */
int journal_load_ex(const char *path, struct run_results *out, struct journal_extras *x, FILE *warn,
                    const char *prefix, char *why, size_t whylen);
int journal_load(const char *path, struct run_results *out, char *why, size_t whylen);
void journal_extras_free(struct journal_extras *x);

#endif
