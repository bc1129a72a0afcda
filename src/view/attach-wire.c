/* attach-wire.c - frames and buffers of the attach protocol (attach-wire.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attach-wire.h"
#include "command.h"
#include "dash-feed.h"
#include "frame.h"
#include "results.h"
#include "util.h"

void wire_put(struct wire_buf *b, const void *data, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n)
			cap *= 2;
		unsigned char *p = realloc(b->p, cap);
		if (!p) {
			b->failed = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
}

size_t wire_begin(struct wire_buf *b, int type)
{
	size_t start = b->len;
	struct wire_head h = { WIRE_MAGIC, WIRE_PROTOCOL, (uint16_t)type, 0 };
	wire_put(b, &h, sizeof h);
	return start;
}

void wire_end_frame(struct wire_buf *b, size_t start)
{
	if (b->failed)
		return;
	uint32_t length = (uint32_t)(b->len - start - sizeof(struct wire_head));
	memcpy(b->p + start + offsetof(struct wire_head, length), &length, sizeof length);
}

void wire_frame(struct wire_buf *b, int type, const void *payload, size_t n)
{
	size_t start = wire_begin(b, type);
	wire_put(b, payload, n);
	wire_end_frame(b, start);
}

void wire_free(struct wire_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

void wire_hello_make(struct wire_hello *h, const char *cmdline)
{
	memset(h, 0, sizeof *h);
	h->protocol = WIRE_PROTOCOL;
	h->size_frame = sizeof(struct frame);
	h->size_test = sizeof(struct test_result);
	h->size_state = sizeof(struct dash_state);
	h->size_command = sizeof(struct command);
	h->size_suite = sizeof(struct dash_suite);
	h->pid = (int32_t)getpid();
	str_copy(h->cmdline, cmdline ? cmdline : "", sizeof h->cmdline);
}

const char *wire_hello_check(const struct wire_head *head, const struct wire_hello *h, size_t n, char *why,
                             size_t whylen)
{
	struct wire_hello ours;
	wire_hello_make(&ours, "");
	why[0] = '\0';
	if (head->magic != WIRE_MAGIC || head->type != WIRE_HELLO)
		snprintf(why, whylen, "something that is not a benchtop protocol");
	else if (head->protocol != WIRE_PROTOCOL || n < sizeof(uint32_t) || h->protocol != WIRE_PROTOCOL)
		snprintf(why, whylen, "protocol %u", (unsigned)head->protocol);
	else if (n != sizeof ours || h->size_frame != ours.size_frame || h->size_test != ours.size_test ||
	         h->size_state != ours.size_state || h->size_command != ours.size_command ||
	         h->size_suite != ours.size_suite)
		snprintf(why, whylen, "protocol %u of another build", (unsigned)head->protocol);
	return why;
}

void wire_get(struct wire_rd *r, void *out, size_t n)
{
	if (n == 0)
		return;
	if (r->bad || r->len - r->off < n) {
		r->bad = 1;
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p + r->off, n);
	r->off += n;
}
