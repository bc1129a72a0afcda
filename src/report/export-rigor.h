/* export-rigor.h - the part of the Markdown and HTML reports that says how far to trust the
 * figures: the system's findings before the run, the tests the machine disturbed (share and
 * reasons), the precision each adaptive test reached and why it stopped, and the order.
 * Called by export-md.c and export-html.c after their tables, and by run-table.c under each
 * test of the headless run's final table; writes nothing when there is nothing to say.
 */
#ifndef BENCHTOP_EXPORT_RIGOR_H
#define BENCHTOP_EXPORT_RIGOR_H

#include <stdio.h>

#include "results.h"

void export_rigor_md(FILE *f, const struct run_results *r);
void export_rigor_html(FILE *f, const struct run_results *r);

/* "precision ±1.8% (target ±2%), ended by max_iterations"; "" when there is nothing to say. */
char *export_rigor_stop_text(const struct test_result *t, char *buf, size_t len);

/* "    noise: ..." and "    stopped by: ..." lines for a test of the final table. */
void export_rigor_table_notes(const struct test_result *t, FILE *out);

#endif
