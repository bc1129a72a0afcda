#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "metrics-text.h"

void mtext_putn(struct mtext *t, const char *s, size_t n)
{
	if (t->failed)
		return;
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 8192;
		while (cap < t->len + n + 1)
			cap *= 2;
		char *p = realloc(t->p, cap);
		if (!p) {
			t->failed = 1;
			return;
		}
		t->p = p;
		t->cap = cap;
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
}

void mtext_puts(struct mtext *t, const char *s)
{
	mtext_putn(t, s, strlen(s));
}

void mtext_free(struct mtext *t)
{
	free(t->p);
	t->p = NULL;
	t->len = t->cap = 0;
}

const char *metrics_content_type(enum metrics_format fmt)
{
	return fmt == METRICS_OPENMETRICS ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
	                                  : "text/plain; version=0.0.4; charset=utf-8";
}

/* Walks a comma-separated header for a media range or coding named `want`, and reports
 * whether one is there with a q above 0. */
static int header_lists(const char *h, const char *want)
{
	size_t wl = strlen(want);
	while (h && *h) {
		while (*h == ' ' || *h == '\t' || *h == ',')
			h++;
		const char *end = strchr(h, ',');
		size_t len = end ? (size_t)(end - h) : strlen(h);
		size_t name = strcspn(h, ";, \t");
		if (name > len)
			name = len;
		if (name == wl && strncasecmp(h, want, wl) == 0) {
			double q = 1;
			for (const char *p = h + name; p < h + len; p++)
				if (*p == ';') {
					const char *a = p + 1;
					while (*a == ' ' || *a == '\t')
						a++;
					if ((a[0] == 'q' || a[0] == 'Q') && a[1] == '=')
						q = strtod(a + 2, NULL);
				}
			if (q > 0)
				return 1;
		}
		h = end;
	}
	return 0;
}

enum metrics_format metrics_negotiate(const char *accept)
{
	return header_lists(accept, "application/openmetrics-text") ? METRICS_OPENMETRICS : METRICS_TEXT_004;
}

int metrics_accepts_gzip(const char *accept_encoding)
{
	return header_lists(accept_encoding, "gzip");
}

void metrics_format_value(char *buf, size_t len, double v)
{
	if (isnan(v)) {
		snprintf(buf, len, "NaN");
		return;
	}
	if (isinf(v)) {
		snprintf(buf, len, v > 0 ? "+Inf" : "-Inf");
		return;
	}
	/* Integers as integers; otherwise the fewest digits that read back to the same double. */
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(buf, len, "%.0f", v);
	} else {
		snprintf(buf, len, "%.15g", v);
		if (strtod(buf, NULL) != v)
			snprintf(buf, len, "%.17g", v);
	}
	/* Only LC_CTYPE comes from the environment, but a ',' would break every parser. */
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
}

static void escape(struct mtext *out, const char *v, int quotes)
{
	const char *run = v;
	for (const char *p = v; *p; p++) {
		const char *rep = NULL;
		if (*p == '\\')
			rep = "\\\\";
		else if (*p == '\n')
			rep = "\\n";
		else if (*p == '"' && quotes)
			rep = "\\\"";
		if (rep) {
			mtext_putn(out, run, (size_t)(p - run));
			mtext_puts(out, rep);
			run = p + 1;
		}
	}
	mtext_puts(out, run);
}

void metrics_escape_label(struct mtext *out, const char *v)
{
	escape(out, v, 1);
}

void metrics_escape_help(struct mtext *out, const char *v, enum metrics_format fmt)
{
	escape(out, v, fmt == METRICS_OPENMETRICS);
}

static void write_meta(struct mtext *out, const struct metric_family *f, enum metrics_format fmt)
{
	const char *type = f->type == METRIC_COUNTER ? "counter" : "gauge";
	const char *suffix = f->type == METRIC_COUNTER && fmt == METRICS_TEXT_004 ? "_total" : "";
	/* 0.0.4 names the family as its samples are named; OpenMetrics names counters without _total. */
	mtext_puts(out, "# HELP ");
	mtext_puts(out, f->name);
	mtext_puts(out, suffix);
	mtext_puts(out, " ");
	metrics_escape_help(out, f->help, fmt);
	mtext_puts(out, "\n# TYPE ");
	mtext_puts(out, f->name);
	mtext_puts(out, suffix);
	mtext_puts(out, " ");
	mtext_puts(out, type);
	mtext_puts(out, "\n");
	if (fmt == METRICS_OPENMETRICS && f->unit && f->unit[0]) {
		mtext_puts(out, "# UNIT ");
		mtext_puts(out, f->name);
		mtext_puts(out, " ");
		mtext_puts(out, f->unit);
		mtext_puts(out, "\n");
	}
}

static void write_sample(struct mtext *out, const struct metric_set *s, const struct metric_sample *m)
{
	const struct metric_family *f = &s->fams[m->fam];
	char num[64];
	mtext_puts(out, f->name);
	if (f->type == METRIC_COUNTER)
		mtext_puts(out, "_total");
	size_t nl = metric_family_nlabels(f);
	for (size_t i = 0; i < nl; i++) {
		mtext_puts(out, i ? "," : "{");
		mtext_puts(out, f->labels[i]);
		mtext_puts(out, "=\"");
		metrics_escape_label(out, metric_sample_label(s, m, i));
		mtext_puts(out, "\"");
	}
	if (nl)
		mtext_puts(out, "}");
	metrics_format_value(num, sizeof num, m->value);
	mtext_puts(out, " ");
	mtext_puts(out, num);
	mtext_puts(out, "\n");
}

int metrics_text_write(struct mtext *out, const struct metric_set *s, enum metrics_format fmt)
{
	/* A stable counting sort by family keeps each family's lines together whatever order
	 * the samples were added in. */
	size_t *start = calloc(s->nfams + 1, sizeof *start);
	size_t *order = malloc((s->n ? s->n : 1) * sizeof *order);
	if (!start || !order) {
		free(start);
		free(order);
		return -1;
	}
	for (size_t i = 0; i < s->n; i++)
		start[s->samples[i].fam + 1]++;
	for (size_t f = 0; f < s->nfams; f++)
		start[f + 1] += start[f];
	for (size_t i = 0; i < s->n; i++)
		order[start[s->samples[i].fam]++] = i;
	/* start[f] is now the end of family f, and the beginning of family f + 1. */
	size_t k = 0;
	for (size_t f = 0; f < s->nfams; f++) {
		if (k == start[f])
			continue;
		write_meta(out, &s->fams[f], fmt);
		for (; k < start[f]; k++)
			write_sample(out, s, &s->samples[order[k]]);
	}
	if (fmt == METRICS_OPENMETRICS)
		mtext_puts(out, "# EOF\n");
	free(start);
	free(order);
	return out->failed ? -1 : 0;
}
