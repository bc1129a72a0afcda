/* headless.h - the view without curses: one log line per frame, flushed at once.
 *
 * Lines go to stdout or to --log FILE. Notes for people (what is unavailable, where reports
 * went) go into a text log as "# " lines, and to stderr for the machine formats, so a JSONL
 * or CSV log stays parseable. Main thread only.
 */
#ifndef BENCHTOP_HEADLESS_H
#define BENCHTOP_HEADLESS_H

#include <stddef.h>

#include "cli.h"
#include "frame.h"

struct headless;

struct headless *headless_open(const char *path, enum log_format format, char *why, size_t whylen);
/* 0, or -1 when the log cannot be written (why says so; EPIPE means the reader went away). */
int  headless_frame(struct headless *h, const struct frame *f, char *why, size_t whylen);
void headless_note(struct headless *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Whether the last failure was the reader going away (a closed pipe). */
int  headless_reader_gone(const struct headless *h);
void headless_close(struct headless *h);

#endif
