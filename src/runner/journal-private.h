/* journal-private.h - what journal.c shares with journal-baseline.c. */
#ifndef BENCHTOP_JOURNAL_PRIVATE_H
#define BENCHTOP_JOURNAL_PRIVATE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "results.h"

struct journal;

/* Writes obj as one line with one write(2); takes obj. */
int journal_line(struct journal *j, cJSON *obj, char *why, size_t whylen);

/* The --baseline as the journal holds it, gathered over the two passes of journal_load. */
struct journal_base {
	int seen;                        /* a "baseline" line was read */
	char file[256];
	double threshold_pct, alpha;
	struct test_info *infos;         /* first pass: the baseline_test lines */
	size_t *want;                    /* their sample counts */
	size_t ninfos, cap;
	struct run_results r;            /* second pass: laid out from infos, samples filled in */
	int ready;
};

/* First pass: a "baseline" or "baseline_test" line (others are ignored). -1 when memory ran out. */
int journal_base_first(struct journal_base *b, const cJSON *o);
/* Between the passes: lays out b->r. -1 when memory ran out. */
int journal_base_layout(struct journal_base *b);
/* Second pass: a "baseline" line's header or a "baseline_samples" line into b->r. 0 done (or not such a line), -1 damaged
 * (why says how). */
int journal_base_samples(struct journal_base *b, const cJSON *o, char *why, size_t whylen);
void journal_base_free(struct journal_base *b);

#endif
