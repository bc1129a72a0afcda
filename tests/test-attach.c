/* test-attach.c - the attach protocol's parts: a store copied as bytes evolves as the original,
 * the hello tells another protocol or build, and the viewers' hub keeps a stuck viewer from
 * growing without bound, forgets one killed mid-frame, and passes commands on. */
#include "config.h"

#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "attach-hub.h"
#include "attach-wire.h"
#include "check.h"
#include "store-wire.h"
#include "util.h"
#include "wake.h"

static void make_frame(struct frame *f, int i)
{
	frame_clear(f);
	f->t = 1000 + i;
	f->cpu.total = (float)(i % 100);
	f->mem.used = 1000 + i;
	f->mem.total = 4000;
	if (i >= 5) {   /* a stress row that appears later: its ring is made then */
		f->nstress = 1;
		f->stress[0].on = 1;
		f->stress[0].achieved = 10 + i;
	}
}

static void same_store(const struct store *a, const struct store *b)
{
	CHECK_INT(store_count(a), store_count(b));
	CHECK_INT(a->frames, b->frames);
	for (size_t i = 0; i < store_count(a); i++)
		CHECK_NEAR(store_time(b, i), store_time(a, i), 0);
	int series[] = { SERIES_CPU, SERIES_MEM, SERIES_STRESS(0) };
	for (size_t k = 0; k < sizeof series / sizeof *series; k++) {
		float va[64], vb[64];
		size_t na = store_last(a, series[k], 64, va), nb = store_last(b, series[k], 64, vb);
		CHECK_INT(nb, na);
		for (size_t i = 0; i < na && i < nb; i++)
			CHECK(va[i] == vb[i] || (isnan(va[i]) && isnan(vb[i])));
		na = store_window(a, series[k], -INFINITY, 1e9, va, 8);
		nb = store_window(b, series[k], -INFINITY, 1e9, vb, 8);
		CHECK_INT(nb, na);
		for (size_t i = 0; i < na && i < nb; i++)
			CHECK(va[i] == vb[i] || (isnan(va[i]) && isnan(vb[i])));
	}
}

static void test_store_copy(void)
{
	struct store a, b;
	memset(&b, 0, sizeof b);
	CHECK(store_init(&a, 10, 1) == 0);
	struct frame f;
	for (int i = 0; i < 25; i++) {   /* past the ring's 10 points and past a minute bucket */
		make_frame(&f, i * 7);
		store_push(&a, &f);
	}
	struct wire_buf w = { 0 };
	store_wire_put(&w, &a);
	struct wire_rd r = { w.p, w.len, 0, 0 };
	CHECK(store_wire_get(&r, &b) == 0);
	CHECK_INT(r.off, w.len);
	same_store(&a, &b);
	for (int i = 25; i < 40; i++) {   /* the copy evolves as the original */
		make_frame(&f, i * 7);
		store_push(&a, &f);
		store_push(&b, &f);
	}
	same_store(&a, &b);
	/* Cut short anywhere: refused, never a crash. */
	for (size_t cut = 0; cut < w.len; cut += w.len / 37 + 1) {
		struct wire_rd rc = { w.p, cut, 0, 0 };
		CHECK(store_wire_get(&rc, &b) == -1);
	}
	wire_free(&w);
	store_free(&a);
	if (b.times)
		store_free(&b);
}

static void test_hello(void)
{
	struct wire_hello h;
	wire_hello_make(&h, "benchtop --cpu 1");
	struct wire_head head = { WIRE_MAGIC, WIRE_PROTOCOL, WIRE_HELLO, sizeof h };
	char why[128];
	CHECK_STR(wire_hello_check(&head, &h, sizeof h, why, sizeof why), "");
	head.protocol = WIRE_PROTOCOL + 1;
	h.protocol = WIRE_PROTOCOL + 1;
	CHECK(strstr(wire_hello_check(&head, &h, sizeof h, why, sizeof why), "protocol 5") != NULL);
	head.protocol = WIRE_PROTOCOL;
	h.protocol = WIRE_PROTOCOL;
	h.size_frame++;
	CHECK(strstr(wire_hello_check(&head, &h, sizeof h, why, sizeof why), "another build") != NULL);
	head.magic = 0x12345678;
	CHECK(strstr(wire_hello_check(&head, &h, sizeof h, why, sizeof why), "not a benchtop") != NULL);
}

static void nap(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	nanosleep(&ts, NULL);
}

/* Waits (up to 10 s) until the hub holds n viewers. */
static int wait_count(struct attach_hub *h, int n)
{
	for (int i = 0; i < 500; i++) {
		if (attach_hub_count(h) == n)
			return 1;
		nap();
	}
	return 0;
}

static void test_hub(void)
{
	char why[128];
	struct attach_hub *h = attach_hub_open("test", why, sizeof why);
	CHECK(h != NULL);
	if (!h)
		return;
	int stuck[2], killed[2], talker[2];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, stuck) == 0);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, killed) == 0);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, talker) == 0);
	CHECK(attach_hub_add(h, stuck[0], 0) == 0);
	CHECK(attach_hub_add(h, killed[0], 0) == 0);
	CHECK(attach_hub_add(h, talker[0], 1) == 0);
	CHECK_INT(attach_hub_count(h), 3);
	int ids[8];
	CHECK_INT(attach_hub_wanting(h, ids, 8), 3);

	/* A command from the view-only one comes out with its flag. */
	struct wire_buf w = { 0 };
	struct command c = { .type = CMD_STRESS_TOGGLE, .gen = 2 };
	wire_frame(&w, WIRE_COMMAND, &c, sizeof c);
	CHECK(write(talker[1], w.p, w.len) == (ssize_t)w.len);
	wire_free(&w);
	int id = 0, view_only = 0, got = 0;
	struct command out;
	for (int i = 0; i < 500 && !(got = attach_hub_command(h, &id, &view_only, &out)); i++)
		nap();
	CHECK(got);
	CHECK_INT(view_only, 1);
	CHECK_INT(out.type, CMD_STRESS_TOGGLE);
	CHECK_INT(out.gen, 2);
	close(talker[1]);
	CHECK(wait_count(h, 2));

	/* Killed mid-frame: it read a few bytes of its hello, then went. */
	char few[5];
	CHECK(read(killed[1], few, sizeof few) == (ssize_t)sizeof few);
	close(killed[1]);
	/* gone before the flood below: one the hub had not yet seen go would fall behind too */
	CHECK(wait_count(h, 1));

	/* The stuck one never reads: its buffer is cut back and it waits for a snapshot, again
	 * and again, until it is dropped; nothing here ever blocks. */
	size_t big = 1u << 20;
	unsigned char *payload = calloc(1, big);
	struct wire_buf frame = { 0 };
	wire_frame(&frame, WIRE_FRAME, payload, big);
	for (int k = 0; k < (int)(ATTACH_HUB_RESYNCS + 2) * (int)(ATTACH_HUB_BUF / big + 2) && attach_hub_count(h); k++) {
		int n = attach_hub_wanting(h, ids, 8);
		for (int i = 0; i < n; i++)
			attach_hub_send(h, ids[i], frame.p, frame.len, 1);
		attach_hub_send(h, -1, frame.p, frame.len, 0);
	}
	CHECK(wait_count(h, 0));
	CHECK(attach_hub_dropped(h) >= ATTACH_HUB_RESYNCS);
	CHECK_INT(attach_hub_slow_gone(h), 1);
	CHECK_INT(attach_hub_slow_gone(h), 0);
	wire_free(&frame);
	free(payload);
	close(stuck[1]);
	attach_hub_close(h, NULL, 0, 1);
}

int main(void)
{
	CHECK(wake_init() == 0);
	test_store_copy();
	test_hello();
	test_hub();
	wake_close();
	return check_result();
}
