/* compare-format.h - a compare_table written out: a text table for the terminal (80 columns),
 * JSON for scripts, Markdown for pull requests, CSV for spreadsheets.
 *
 * Names in a report are someone else's text: in the terminal, control characters and bytes
 * that are not UTF-8 show as \xNN (an ESC as \x1b) instead of reaching it, in Markdown and CSV
 * too (both end up in terminals); Markdown also escapes table pipes and HTML; CSV quotes fields
 * and neutralises those a spreadsheet would run as a formula (a leading = + - @ gets a ').
 */
#ifndef BENCHTOP_COMPARE_FORMAT_H
#define BENCHTOP_COMPARE_FORMAT_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "compare-table.h"

enum compare_format { COMPARE_FORMAT_TEXT, COMPARE_FORMAT_JSON, COMPARE_FORMAT_MD, COMPARE_FORMAT_CSV };

/* "text", "json", "md", "csv", NULL: indexed by enum compare_format. */
extern const char *const compare_format_names[];

/* files[k] names report k (its path). The text format starts with a line per report; with two
 * reports its table has old and new medians, change with interval, the U test's p and the
 * verdict, and with more a column of change and a verdict mark per report. Every format ends
 * with the geometric mean. -1 when writing fails. */
int compare_format_write(const struct compare_table *t, const char *const *files, enum compare_format f,
                         FILE *out);

/* The object --format json prints (rule, reports, tests, geomean, summary), for a caller to
 * print or to put into another document (a run's report); its numbers are raw text that prints
 * exactly (json-number.h). NULL when memory runs out. */
cJSON *compare_format_json(const struct compare_table *t, const char *const *files);

/* s with control characters, DEL, C1 controls and bytes that are not UTF-8 as \xNN; cut at a
 * character when it does not fit. Returns buf. */
char *compare_term_safe(char *buf, size_t len, const char *s);

/* ---- shared by the writers (compare-format.c: text; compare-files.c: json, md, csv) ---- */

int compare_write_text(const struct compare_table *t, const char *const *files, FILE *out);
int compare_write_json(const struct compare_table *t, const char *const *files, FILE *out);
int compare_write_md(const struct compare_table *t, const char *const *files, FILE *out);
int compare_write_csv(const struct compare_table *t, const char *const *files, FILE *out);
/* A value as the run table shows it, scaled with its unit ("12.86 Gops/s", "4.198 ms":
 * fmt-units.h) under COMPARE_VALUE_UNIT, else the plain number; trailing zeros dropped under
 * COMPARE_VALUE_TRIM ("20 ms"); "-" when not finite. */
enum { COMPARE_VALUE_UNIT = 1, COMPARE_VALUE_TRIM = 2 };
void compare_format_value(char *buf, size_t len, double v, const char *unit, int flags);
/* "+4.1 % [+2.0, +6.3]"; "-" without a change. */
char *compare_format_change(char *buf, size_t len, double pct, double lo, double hi);
/* "0.012", "<.001", "-". */
char *compare_format_p(char *buf, size_t len, double p);
/* "suite/name k=v ...", raw: each writer escapes it its own way. */
char *compare_label(char *buf, size_t len, const struct test_info *in);
/* What row's cell k shows as its verdict: "REGRESSED", "new error", "new (skipped)",
 * "unit changed (s → Mops/s)", "-", ...; raw like compare_label. buf: COMPARE_VERDICT_MAX. */
#define COMPARE_VERDICT_MAX 96
const char *compare_cell_verdict(char *buf, size_t len, const struct compare_row *row, size_t k);

#endif
