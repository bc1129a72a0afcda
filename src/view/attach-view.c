/* attach-view.c - a viewer's copy of a run, kept by the frames it receives (attach-view.h). */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "attach-view.h"
#include "roles.h"
#include "store-wire.h"
#include "util.h"

static enum dash_said send_command(void *ctx, const struct command *c, char *line, size_t len, int *role)
{
	struct attach_view *v = ctx;
	if (v->view_only) {
		*role = ROLE_WARN;
		str_copy(line, "view-only: refused (attach without --view-only to act on the run)", len);
		return DASH_FAILED;
	}
	struct wire_buf b = { 0 };
	wire_frame(&b, WIRE_COMMAND, c, sizeof *c);
	size_t done = 0;
	while (!b.failed && done < b.len) {
		ssize_t w = send(v->fd, b.p + done, b.len - done, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int sent = !b.failed && done == b.len;
	wire_free(&b);
	if (sent)
		return DASH_SENT;
	*role = ROLE_ERROR;
	str_copy(line, "the run did not take the command: its socket is closed", len);
	return DASH_FAILED;
}

static void free_tests(struct attach_view *v)
{
	for (size_t i = 0; i < v->results.ntests; i++)
		free(v->results.tests[i].samples);
	free(v->results.tests);
	v->results.tests = NULL;
	v->results.ntests = 0;
}

void attach_view_init(struct attach_view *v, int fd, int view_only)
{
	memset(v, 0, sizeof *v);
	v->fd = fd;
	v->view_only = view_only;
	v->feed = (struct dash_feed){ .store = &v->store, .results = &v->results, .state = &v->state,
	                              .remote = 1, .view_only = view_only, .ctx = v, .command = send_command };
}

void attach_view_free(struct attach_view *v)
{
	free_tests(v);
	free(v->suites);
	free(v->test_suite);
	if (v->store.times)
		store_free(&v->store);
	memset(&v->store, 0, sizeof v->store);
}

/* A test's figures and its samples from `from` on, as put_test (app-attach.c) wrote them. */
static int read_test(struct wire_rd *r, struct test_result *t)
{
	uint32_t from = 0;
	struct test_result in;
	wire_get(r, &from, sizeof from);
	wire_get(r, &in, sizeof in);
	if (r->bad || from > t->n)
		return -1;
	size_t n = in.n;
	if (n < from || (r->len - r->off) / sizeof(double) < n - from)
		return -1;
	if (n > t->cap) {
		size_t cap = t->cap ? t->cap : 16;
		while (cap < n)
			cap *= 2;
		double *p = realloc(t->samples, cap * sizeof *p);
		if (!p)
			return -1;
		t->samples = p;
		t->cap = cap;
	}
	if (n > from)
		wire_get(r, t->samples + from, (n - from) * sizeof *t->samples);
	double *samples = t->samples;
	size_t cap = t->cap;
	*t = in;
	t->samples = samples;
	t->cap = cap;
	t->wall_s = t->user_s = t->sys_s = t->maxrss = NULL;
	t->info.suite[sizeof t->info.suite - 1] = t->info.name[sizeof t->info.name - 1] = '\0';
	t->info.variant[sizeof t->info.variant - 1] = t->info.unit[sizeof t->info.unit - 1] = '\0';
	t->error[sizeof t->error - 1] = '\0';
	if ((unsigned)t->status > TS_LAST)   /* an index into per-status counts */
		t->status = TS_ERROR;
	return r->bad ? -1 : 0;
}

/* The run's state as it arrived: counts within their arrays, texts ended in their fields. */
static void state_sanitize(struct dash_state *s)
{
	s->nstress = s->nstress < 0 ? 0 : s->nstress > FRAME_MAX_STRESS ? FRAME_MAX_STRESS : s->nstress;
	s->ndetail = s->ndetail < 0 ? 0 : s->ndetail > DASH_DETAIL_LINES ? DASH_DETAIL_LINES : s->ndetail;
	s->run_tests = s->run_tests < 0 ? 0 : s->run_tests;
	s->run_done = s->run_done < 0 ? 0 : s->run_done > s->run_tests ? s->run_tests : s->run_done;
	for (int i = 0; i < FRAME_MAX_STRESS; i++) {
		frame_stress_sanitize(&s->stress[i].row);
		s->stress[i].settings[sizeof s->stress[i].settings - 1] = '\0';
		s->stress[i].failed[sizeof s->stress[i].failed - 1] = '\0';
		s->stress[i].unavailable[sizeof s->stress[i].unavailable - 1] = '\0';
	}
	for (int i = 0; i < DASH_DETAIL_LINES; i++)
		s->detail[i][DASH_DETAIL_LEN - 1] = '\0';
}

static int apply_snapshot(struct attach_view *v, struct wire_rd *r)
{
	struct wire_snapshot snap;
	wire_get(r, &snap, sizeof snap);
	if (r->bad || snap.nsuites > 1024 || snap.ntests > (1u << 24))
		return -1;
	/* Counts the frame cannot hold are refused before anything is allocated for them: each
	 * suite is a struct, each test at least its suite's index and its struct. */
	size_t left = r->len - r->off;
	if (left / sizeof(struct dash_suite) < snap.nsuites ||
	    (left - snap.nsuites * sizeof(struct dash_suite)) / (sizeof(int32_t) + sizeof(struct test_result)) < snap.ntests)
		return -1;
	struct dash_suite *suites = calloc(snap.nsuites + 1, sizeof *suites);
	int *test_suite = calloc(snap.ntests + 1, sizeof *test_suite);
	struct test_result *tests = calloc(snap.ntests + 1, sizeof *tests);
	if (!suites || !test_suite || !tests)
		goto bad;
	for (uint32_t s = 0; s < snap.nsuites; s++) {
		wire_get(r, &suites[s], sizeof suites[s]);
		suites[s].name[sizeof suites[s].name - 1] = '\0';
	}
	for (uint32_t i = 0; i < snap.ntests; i++) {
		int32_t s = -1;
		wire_get(r, &s, sizeof s);
		test_suite[i] = s >= 0 && (uint32_t)s < snap.nsuites ? s : -1;
	}
	if (r->bad || store_wire_get(r, &v->store) < 0)
		goto bad;
	wire_get(r, &v->state, sizeof v->state);
	state_sanitize(&v->state);
	for (uint32_t i = 0; i < snap.ntests; i++)
		if (read_test(r, &tests[i]) < 0) {
			for (uint32_t k = 0; k <= i; k++)
				free(tests[k].samples);
			goto bad;
		}
	free_tests(v);
	free(v->suites);
	free(v->test_suite);
	v->results.tests = tests;
	v->results.ntests = snap.ntests;
	v->suites = suites;
	v->test_suite = test_suite;
	snap.theme[sizeof snap.theme - 1] = '\0';
	str_copy(v->theme, snap.theme, sizeof v->theme);
	v->feed.suites = suites;
	v->feed.nsuites = (int)snap.nsuites;
	v->feed.test_suite = test_suite;
	v->feed.theme = v->theme[0] ? v->theme : NULL;
	snap.history_db[sizeof snap.history_db - 1] = '\0';
	str_copy(v->history_db, snap.history_db, sizeof v->history_db);
	v->feed.history_db = v->history_db[0] ? v->history_db : NULL;
	v->feed.no_history = snap.no_history != 0;
	v->feed.stress_first = snap.stress_first;
	v->have_snapshot = 1;
	return 0;
bad:
	free(suites);
	free(test_suite);
	free(tests);
	return -1;
}

int attach_view_apply(struct attach_view *v, int type, const unsigned char *payload, size_t n, char *why,
                      size_t whylen)
{
	struct wire_rd r = { payload, n, 0, 0 };
	switch (type) {
	case WIRE_SNAPSHOT:
		if (apply_snapshot(v, &r) < 0) {
			str_copy(why, "the run's snapshot does not read as one", whylen);
			return -1;
		}
		return 0;
	case WIRE_FRAME: {
		struct frame f;
		uint64_t dropped;
		wire_get(&r, &f, sizeof f);
		wire_get(&r, &dropped, sizeof dropped);
		if (r.bad || !v->have_snapshot)
			break;
		frame_sanitize(&f);
		store_push(&v->store, &f);
		v->store.dropped = (unsigned long)dropped;
		v->frames++;
		if (v->on_frame)
			v->on_frame(v->arg);
		return 0;
	}
	case WIRE_TEST: {
		uint32_t idx = 0;
		wire_get(&r, &idx, sizeof idx);
		if (r.bad || !v->have_snapshot || idx >= v->results.ntests || read_test(&r, &v->results.tests[idx]) < 0)
			break;
		return 0;
	}
	case WIRE_STATE:
		wire_get(&r, &v->state, sizeof v->state);
		state_sanitize(&v->state);
		if (r.bad)
			break;
		return 0;
	case WIRE_LOG: {
		int32_t role = 0;
		char text[512];
		wire_get(&r, &role, sizeof role);
		size_t len = n - r.off < sizeof text - 1 ? n - r.off : sizeof text - 1;
		wire_get(&r, text, len);
		text[len] = '\0';
		if (r.bad)
			break;
		if (v->on_log)
			v->on_log(v->arg, role, text);
		return 0;
	}
	case WIRE_END:
		wire_get(&r, &v->end, sizeof v->end);
		v->end.ended_by[sizeof v->end.ended_by - 1] = '\0';
		v->end.where[sizeof v->end.where - 1] = '\0';
		v->end.result[sizeof v->end.result - 1] = '\0';
		return 1;
	default:
		return 0;   /* a kind this viewer does not know: nothing it must draw */
	}
	snprintf(why, whylen, "a frame of type %d does not read as one", type);
	return -1;
}
