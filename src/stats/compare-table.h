/* compare-table.h - the tests of several reports side by side, each report against the first.
 *
 * Tests are matched by suite, name and variant (the variant's JSON as cJSON prints it, so
 * {"a": 1} and {"a":1} match) through a hash table: linear in the number of tests. A test
 * twice in one report (report_load_json refuses that) matches the other reports' second one. Rows come in the first report's
 * order, then the tests the first lacks, in the order they first appear. The table points into
 * the reports: keep them until compare_table_free.
 */
#ifndef BENCHTOP_COMPARE_TABLE_H
#define BENCHTOP_COMPARE_TABLE_H

#include <stddef.h>

#include "compare.h"
#include "results.h"

/* One test in one report, against the same test in the first report. */
struct compare_cell {
	const struct test_result *test;   /* NULL when this report lacks the test */
	struct comparison c;              /* for the first report's own column: unused */
	int no_samples;                   /* both have the test, one side without a sample */
	int unit_changed;                 /* both have samples, in different units or directions: no verdict */
};

struct compare_row {
	const struct test_info *info;     /* from the first report that has the test */
	struct compare_cell *cells;       /* one per report; cells[0] is the first report */
};

/* The geometric mean over the tests of one column of their median ratios, each oriented so
 * that above 1 is worse (higher-is-better metrics inverted), with its bootstrap interval. The
 * point and the interval cover the same tests: those judged in the column (same unit and
 * direction) whose bootstrap rounds all have a ratio to take the log of, that is with 2 values
 * or more on each side, all of them above 0. */
struct compare_geomean {
	size_t ntests;                    /* the tests it covers */
	double change_pct, ci_lo_pct, ci_hi_pct;   /* NAN when ntests is 0 */
};

struct compare_table {
	size_t nreports;
	const struct run_results *const *reports;
	double tolerance_pct, alpha;
	size_t nrows;
	struct compare_row *rows;
	struct compare_geomean *geomean;  /* one per report; [0] unused */
	size_t (*counts)[VERDICT_COUNT];  /* per report: tests by verdict; [0] unused */
	size_t *no_samples;               /* per report: tests without samples on a side */
	size_t *unit_changed;             /* per report: tests whose unit changed */
};

/* reports[0] is the base. -1 (message in why) when memory runs out. */
int compare_table_build(struct compare_table *t, const struct run_results *const *reports, size_t nreports,
                        double tolerance_pct, double alpha, char *why, size_t whylen);
void compare_table_free(struct compare_table *t);
/* The unit of row's test in report k (the row's own where the report lacks the test). */
const char *compare_cell_unit(const struct compare_row *row, size_t k);
/* How a unit_changed cell's measure changed: "s → Mops/s", or "s, lower → higher is better". */
const char *compare_unit_change(char *buf, size_t len, const struct compare_row *row, size_t k);
/* 1 when a test regressed in any column, else 0. */
int compare_table_regressed(const struct compare_table *t);

#endif
