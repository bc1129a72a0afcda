/* logline.h - one headless log line per frame, in text, JSON Lines or CSV.
 *
 * Pure formatting: the caller writes the line. CSV fixes its columns at the first frame
 * (cores, GPUs and stressors then present) and writes the header once; later frames fill
 * the same columns, with empty cells for what has gone missing, so the column order is stable.
 */
#ifndef BENCHTOP_LOGLINE_H
#define BENCHTOP_LOGLINE_H

#include <stddef.h>

#include "cli.h"
#include "frame.h"

struct logline {
	enum log_format format;
	int started;                     /* CSV: header written, columns fixed; text: header written */
	int ncores, ngpus, nstress;
	char stress[FRAME_MAX_STRESS][FRAME_NAME];
};

#define LOGLINE_MAX 32768

void   logline_init(struct logline *l, enum log_format format);
/* Formats f (and, for CSV, the header before the first line) into buf, ending in '\n'.
 * Returns the length. LOGLINE_MAX holds the largest frame. */
size_t logline_format(struct logline *l, const struct frame *f, char *buf, size_t len);

#endif
