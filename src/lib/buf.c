#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "util.h"

void buf_init(struct buf *b, char *mem, size_t cap)
{
	b->p = mem;
	b->cap = cap;
	b->len = 0;
	b->overflow = 0;
	if (cap)
		mem[0] = '\0';
}

static void buf_append(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->overflow = 1;
		n = b->cap > b->len + 1 ? b->cap - b->len - 1 : 0;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	if (b->cap)
		b->p[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = c_vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof tmp) {
		b->overflow = 1;
		n = sizeof tmp - 1;
	}
	buf_append(b, tmp, (size_t)n);
}

void buf_json_num(struct buf *b, double v)
{
	if (!isfinite(v))
		buf_puts(b, "null");
	else if (v == floor(v) && fabs(v) < 1e15)
		buf_printf(b, "%.0f", v);
	else
		buf_printf(b, "%.6g", v);
}

void buf_json_str(struct buf *b, const char *s)
{
	buf_puts(b, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			char e[3] = { '\\', (char)c, 0 };
			buf_puts(b, e);
		} else if (c < 0x20) {
			buf_printf(b, "\\u%04x", c);
		} else {
			buf_append(b, s, 1);
		}
	}
	buf_puts(b, "\"");
}

void buf_csv_num(struct buf *b, double v)
{
	if (!isfinite(v))
		return;
	if (v == floor(v) && fabs(v) < 1e15)
		buf_printf(b, "%.0f", v);
	else
		buf_printf(b, "%.6g", v);
}
