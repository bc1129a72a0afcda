/* export.h - reports of a run: JSON, CSV, Markdown and JUnit XML, one file per format.
 *
 * Each format is a `const struct exporter_class` in its own src/report/export-*.c, listed once in
 * exporter_table (src/report/export.c). Exporters only read the results, after results_finish.
 * Every file is written atomically: a hidden temporary file next to it, flushed and fsynced,
 * then renamed over the target and the directory fsynced; on any error the temporary file
 * is removed, so a reader sees the old file or the whole new one, never half of one.
 * Numbers use '.' as the decimal point whatever the locale; a missing value (NAN) is JSON
 * null and an empty CSV cell.
 */
#ifndef BENCHTOP_EXPORT_H
#define BENCHTOP_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "results.h"

struct exporter_class {
	const char *name;      /* "json" */
	const char *ext;       /* "json", without the dot */
	const char *help;      /* one line for --list */
	int (*write)(FILE *f, const struct run_results *r, char *why, size_t whylen);
};

/* Every report format. A new one is a src/report/export-NAME.c defining `const struct exporter_class
 * export_NAME`, and one X(NAME) line here (plus its name in src/report.mk). */
#define EXPORTER_LIST(X) \
	X(json) \
	X(csv) \
	X(md) \
	X(junit) \
	X(html)

#define EXPORTER_EXTERN(name) extern const struct exporter_class export_##name;
EXPORTER_LIST(EXPORTER_EXTERN)
#undef EXPORTER_EXTERN
extern const struct exporter_class *const exporter_table[];   /* NULL-terminated */

/* Text in a CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, or
 * always with quote. A text that a spreadsheet would run as a formula (=, +, -, @, tab or CR
 * first) is quoted and starts with a ' (OWASP's advice), so opening the CSV runs nothing. The
 * run's CSV report and the trend's write their text through it. */
void export_csv_text(FILE *f, const char *s, int quote);
/* Text for a Markdown table cell: '|' and '\\' escaped ('|' would end the cell), HTML as
 * entities (a <script> in a test name stays text), line breaks as spaces, other control
 * characters and bytes that are not UTF-8 shown as \xNN. The run's Markdown report and the
 * trend's write their text through it. */
void export_md_text(FILE *f, const char *s);

/* The exporter for a file name's extension (case-insensitive), or NULL. */
const struct exporter_class *export_find(const char *path);
/* The formats of exporter_table, the one list: (".", ", ") ".json, .csv, ..."; ("", ",") "json,csv,...". */
char *export_formats(char *buf, size_t len, const char *dot, const char *sep);
/* Writes one report, its format picked by path's extension; an unknown one is an error that
 * names the accepted extensions. The directory must exist. */
int export_path(const char *path, const struct run_results *r, char *why, size_t whylen);
/* Writes every format as DIR/STEM.EXT, creating DIR (and its parents) when needed. */
/* The machine a run ran on, in parts to join: host, CPU, "N cores", memory, kernel (when known),
 * then the GPUs from first_gpu on. The HTML and Markdown reports' system line. */
#define EXPORT_SYSTEM_PARTS (5 + FRAME_MAX_GPUS)
struct export_system {
	char part[EXPORT_SYSTEM_PARTS][128];
	int n, first_gpu;
};
void export_system_line(const struct run_results *r, struct export_system *out);
int export_dir(const char *dir, const char *stem, const struct run_results *r, char *why, size_t whylen);
/* Writes with cls to path atomically (see above). */
int export_atomic(const char *path, const struct exporter_class *cls, const struct run_results *r,
                  char *why, size_t whylen);

/* "res=720 spp=4" for the variant object text {"res":720,"spp":4}; "" for {}. */
char *export_variant_label(char *buf, size_t len, const char *variant_json);
/* The sum of a test's times in seconds: its samples when the metric is a time, else its wall
 * times, else the time between its start and end; 0 when none is known. */
double export_test_seconds(const struct test_result *t);
/* Did the test regress against --baseline? */
int export_regressed(const struct test_result *t);
/* "median 1.2 s against 1 s in the baseline: +20.0 % [+18.1, +22.3], U test p 0.001, REGRESSED
 * (tolerance 5 %)";
 * "" when the test was not compared. */
char *export_baseline_text(char *buf, size_t len, const struct test_result *t, double tolerance_pct);

#endif
