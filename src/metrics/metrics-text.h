/* metrics-text.h - the Prometheus exposition formats: text 0.0.4 and OpenMetrics 1.0.
 *
 * Pure functions: a metric set in, text out, safe to call from any thread on a set nobody
 * changes. Families come out in table order, each with its metadata once and its samples
 * together; label values and HELP are escaped as each format says; numbers always use '.'.
 */
#ifndef BENCHTOP_METRICS_TEXT_H
#define BENCHTOP_METRICS_TEXT_H

#include <stddef.h>

#include "metrics-set.h"

enum metrics_format { METRICS_TEXT_004, METRICS_OPENMETRICS };

/* A growing text buffer; failed is set (and text dropped) when memory runs out. */
struct mtext {
	char *p;
	size_t len, cap;
	int failed;
};

void mtext_puts(struct mtext *t, const char *s);
void mtext_putn(struct mtext *t, const char *s, size_t n);
void mtext_free(struct mtext *t);

/* The Content-Type header value of a format. */
const char *metrics_content_type(enum metrics_format fmt);
/* The format an Accept header asks for: OpenMetrics when it lists application/openmetrics-text
 * with a q above 0, the text format 0.0.4 otherwise (NULL included). */
enum metrics_format metrics_negotiate(const char *accept);
/* 1 when an Accept-Encoding header accepts gzip (q above 0). */
int metrics_accepts_gzip(const char *accept_encoding);

/* Appends the exposition of a set: 0, or -1 when out of memory. */
int metrics_text_write(struct mtext *out, const struct metric_set *s, enum metrics_format fmt);

/* A number as both formats read it: shortest text that reads back the same, NaN, +Inf, -Inf. */
void metrics_format_value(char *buf, size_t len, double v);
/* Escaped label value (\\, \", \n) and HELP text (0.0.4: \\ and \n; OpenMetrics: \\, \", \n). */
void metrics_escape_label(struct mtext *out, const char *v);
void metrics_escape_help(struct mtext *out, const char *v, enum metrics_format fmt);

#endif
