/* metrics-set.h - one snapshot of metric families and their samples, for the exposition writer.
 *
 * A family is a row of a const table (name, type, unit, help, label names); a set holds samples
 * that point into such a table by index, with their label values in an arena of its own.
 * The main thread builds a set, and once it is published (metrics-publish.h) nobody changes it:
 * readers on other threads hold a reference (metric_set_ref / metric_set_unref) and the last one
 * to let go frees it. A set owns no pointer into the data it was built from.
 */
#ifndef BENCHTOP_METRICS_SET_H
#define BENCHTOP_METRICS_SET_H

#include <stdatomic.h>
#include <stddef.h>

enum metric_type { METRIC_GAUGE, METRIC_COUNTER };

#define METRIC_MAX_LABELS 6

struct metric_family {
	const char *name;       /* counters without "_total": the writer adds it to samples */
	enum metric_type type;
	const char *unit;       /* OpenMetrics UNIT, the name's last word ("seconds"), or "" */
	const char *help;
	const char *labels[METRIC_MAX_LABELS];   /* label names, NULL after the last */
};

struct metric_sample {
	unsigned fam;                        /* index into the set's family table */
	double value;
	size_t values[METRIC_MAX_LABELS];    /* offsets of label values in the arena */
};

struct metric_set {
	const struct metric_family *fams;
	size_t nfams;
	struct metric_sample *samples;
	size_t n, cap;
	char *arena;
	size_t alen, acap;
	int failed;                          /* out of memory once: the set is incomplete */
	atomic_int refs;
};

/* A new empty set over a family table, with one reference; NULL when out of memory. */
struct metric_set *metric_set_new(const struct metric_family *fams, size_t nfams);
/* Adds a sample with one label value per label name of the family (NULL values count as "").
 * A value that is not a number (NAN) is left out: a missing figure is no series. */
void metric_set_add(struct metric_set *s, unsigned fam, double value, const char *const *label_values);
/* Number of label names of a family. */
size_t metric_family_nlabels(const struct metric_family *f);
const char *metric_sample_label(const struct metric_set *s, const struct metric_sample *m, size_t i);

void metric_set_ref(struct metric_set *s);
void metric_set_unref(struct metric_set *s);   /* frees with the last reference; NULL is fine */

#endif
