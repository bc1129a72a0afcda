/* buf.h - appending text to a fixed buffer, numbers always with a '.' decimal point.
 * Writes past the end are dropped and remembered (buf.overflow), never a crash. */
#ifndef BENCHTOP_BUF_H
#define BENCHTOP_BUF_H

#include <stddef.h>

struct buf {
	char *p;
	size_t len, cap;
	int overflow;
};

void buf_init(struct buf *b, char *mem, size_t cap);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A JSON number, or null when v is not finite; integers print without a fraction. */
void buf_json_num(struct buf *b, double v);
/* A JSON string with its quotes and escapes. */
void buf_json_str(struct buf *b, const char *s);
/* A CSV cell: empty when not finite. */
void buf_csv_num(struct buf *b, double v);

#endif
