/* file-read.h - reading a file a user named, with limits: never a FIFO, a device or a
 * directory (opening a FIFO would block forever, /dev/zero never ends), never more bytes
 * than the caller's cap. Used by every reader of outside files: suites, themes, journals,
 * reports and baselines. Messages name the file (shown visibly, see text-visible.h) and,
 * for the cap, the limit: "FILE: larger than 16 MiB (the limit for a suite file)".
 */
#ifndef BENCHTOP_FILE_READ_H
#define BENCHTOP_FILE_READ_H

#include <stddef.h>
#include <stdio.h>

/* Opens path for reading, refusing what is not a regular file without blocking on it.
 * what names the kind of file in messages ("a suite file"). The stream, or NULL with
 * why set and errno kept (ENOENT for a missing file). */
FILE *file_open_regular(const char *path, const char *what, char *why, size_t whylen);

/* The whole of a regular file of at most max bytes, NUL-terminated, in *text (free it).
 * 0, or -1 with why set. */
int file_read_capped(const char *path, size_t max, const char *what, char **text, size_t *len,
                     char *why, size_t whylen);

/* The next line of f (with its '\n', if any) in *buf (grown as needed, *cap its size), like
 * getline(3) but never longer than max bytes: its length, -1 at the end of the file, -2 for a
 * line longer than max (the rest of that line is skipped). */
long file_read_line(FILE *f, char **buf, size_t *cap, size_t max);

/* "16 MiB", "64 KiB", "512 bytes": a limit as a person reads it. */
char *file_size_text(char *buf, size_t len, size_t bytes);

#endif
