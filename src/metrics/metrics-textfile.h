/* metrics-textfile.h - the summary for node_exporter's textfile collector.
 *
 * DIR/benchtop.prom is replaced whole: the text goes to a temporary file in DIR (a name that
 * does not end in .prom, so the collector never reads it half-written), is synced, and renamed
 * over the old file, then the directory is synced. Main thread only.
 */
#ifndef BENCHTOP_METRICS_TEXTFILE_H
#define BENCHTOP_METRICS_TEXTFILE_H

#include <stddef.h>

#define METRICS_TEXTFILE_NAME "benchtop.prom"

/* 0 when dir is a directory we can write into; -1 with why. */
int metrics_textfile_check_dir(const char *dir, char *why, size_t whylen);
/* 0, or -1 with why; on failure the old file stays as it was. */
int metrics_textfile_write(const char *dir, const char *text, size_t len, char *why, size_t whylen);

#endif
