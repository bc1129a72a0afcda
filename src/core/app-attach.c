/* app-attach.c - the run's side of `benchtop attach`: what its viewers are sent, and what
 * they ask. Main thread only; the viewers' sockets are attach-hub.c's, the frames attach-wire.h's.
 *
 * On attach a viewer is sent the snapshot (the store's history, every test with its samples,
 * the suites, the run's state); then every new frame, each test that changed (its new samples
 * only), the state when it changed, and the lines for people. When the run ends, how and where
 * its reports went. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "app-feed.h"
#include "attach-hub.h"
#include "attach-wire.h"
#include "instance.h"
#include "roles.h"
#include "store-wire.h"
#include "stress-tally.h"
#include "stress.h"
#include "util.h"

/* What the viewers have of a test: when it changes, they are sent the change. */
struct test_sent {
	int status, warmups;
	size_t n, noise_n, during_n;
	char error0;
};

struct app_attach {
	struct attach_hub *hub;
	struct test_sent *sent;       /* per test */
	struct dash_state state;      /* as last sent */
	struct wire_buf out;          /* reused for each message */
};

static int hook_attach(void *arg, int fd, int view_only)
{
	struct app_attach *at = arg;
	return attach_hub_add(at->hub, fd, view_only);
}

static int hook_viewers(void *arg)
{
	struct app_attach *at = arg;
	return attach_hub_count(at->hub);
}

int app_attach_open(struct app *a)
{
	if (!a->instance)
		return 0;   /* nobody could reach the run */
	char why[256];
	struct app_attach *at = calloc(1, sizeof *at);
	if (at)
		at->sent = calloc(a->results.ntests ? a->results.ntests : 1, sizeof *at->sent);
	if (at && at->sent)
		at->hub = attach_hub_open(a->cmdline, why, sizeof why);
	if (!at || !at->sent || !at->hub) {
		app_note(a, ROLE_WARN, "benchtop attach will not reach this run: %s", at && at->sent ? why : "out of memory");
		if (at)
			free(at->sent);
		free(at);
		return -1;
	}
	a->attach = at;
	instance_set_hooks(a->instance, &(struct instance_hooks){ hook_attach, hook_viewers, at });
	return 0;
}

static struct test_sent test_now(const struct test_result *r)
{
	return (struct test_sent){ (int)r->status, r->warmups_done, r->n, r->noise_n, r->during.n, r->error[0] };
}

/* One test's figures and its samples from `from` on. */
static void put_test(struct wire_buf *b, const struct test_result *r, size_t from)
{
	struct test_result copy = *r;
	copy.samples = copy.wall_s = copy.user_s = copy.sys_s = copy.maxrss = NULL;
	copy.cap = 0;
	uint32_t f = (uint32_t)from;
	wire_put(b, &f, sizeof f);
	wire_put(b, &copy, sizeof copy);
	if (r->n > from)
		wire_put(b, r->samples + from, (r->n - from) * sizeof *r->samples);
}

static void send_snapshots(struct app *a)
{
	struct app_attach *at = a->attach;
	int ids[ATTACH_HUB_MAX];
	int n = attach_hub_wanting(at->hub, ids, ATTACH_HUB_MAX);
	if (!n)
		return;
	struct wire_buf *b = &at->out;
	b->len = 0;
	size_t start = wire_begin(b, WIRE_SNAPSHOT);
	struct wire_snapshot snap;
	memset(&snap, 0, sizeof snap);   /* padding too: every byte sent is ours */
	snap.nsuites = (uint32_t)a->nsuites;
	snap.ntests = (uint32_t)a->results.ntests;
	snap.stress_first = app_feed_stress_first(a);
	str_copy(snap.theme, a->opt.theme ? a->opt.theme : "", sizeof snap.theme);
	str_copy(snap.history_db, a->opt.history_db ? a->opt.history_db : "", sizeof snap.history_db);
	snap.no_history = a->opt.no_history;
	wire_put(b, &snap, sizeof snap);
	for (int s = 0; s < a->nsuites; s++) {
		struct dash_suite ds = { "", a->suites[s].ntests };
		str_copy(ds.name, a->suites[s].name, sizeof ds.name);
		wire_put(b, &ds, sizeof ds);
	}
	for (size_t i = 0; i < a->results.ntests; i++) {
		int32_t s = a->spec_suite[i];
		wire_put(b, &s, sizeof s);
	}
	store_wire_put(b, &a->store);
	app_feed_state(a, &at->state);
	wire_put(b, &at->state, sizeof at->state);
	for (size_t i = 0; i < a->results.ntests; i++) {
		put_test(b, &a->results.tests[i], 0);
		at->sent[i] = test_now(&a->results.tests[i]);
	}
	wire_end_frame(b, start);
	if (b->failed)
		return;
	for (int k = 0; k < n; k++)
		attach_hub_send(at->hub, ids[k], b->p, b->len, 1);
}

void app_attach_frame(struct app *a, const struct frame *f)
{
	struct app_attach *at = a->attach;
	if (!at || !attach_hub_count(at->hub))
		return;
	struct wire_buf *b = &at->out;
	b->len = 0;
	size_t start = wire_begin(b, WIRE_FRAME);
	uint64_t dropped = a->store.dropped;
	wire_put(b, f, sizeof *f);
	wire_put(b, &dropped, sizeof dropped);
	wire_end_frame(b, start);
	if (!b->failed)
		attach_hub_send(at->hub, -1, b->p, b->len, 0);
}

static void send_log(struct app_attach *at, int id, int role, const char *text)
{
	struct wire_buf *b = &at->out;
	b->len = 0;
	size_t start = wire_begin(b, WIRE_LOG);
	int32_t r = role;
	wire_put(b, &r, sizeof r);
	wire_put(b, text, strlen(text));
	wire_end_frame(b, start);
	if (!b->failed)
		attach_hub_send(at->hub, id, b->p, b->len, 0);
}

void app_attach_say(struct app *a, int role, const char *text)
{
	if (a->attach && attach_hub_count(a->attach->hub))
		send_log(a->attach, -1, role, text);
}

static void send_changes(struct app *a)
{
	struct app_attach *at = a->attach;
	struct wire_buf *b = &at->out;
	for (size_t i = 0; i < a->results.ntests; i++) {
		const struct test_result *r = &a->results.tests[i];
		struct test_sent now = test_now(r), *was = &at->sent[i];
		if (!memcmp(&now, was, sizeof now))
			continue;
		b->len = 0;
		size_t start = wire_begin(b, WIRE_TEST);
		uint32_t idx = (uint32_t)i;
		wire_put(b, &idx, sizeof idx);
		put_test(b, r, r->n >= was->n ? was->n : 0);
		wire_end_frame(b, start);
		*was = now;
		if (!b->failed)
			attach_hub_send(at->hub, -1, b->p, b->len, 0);
	}
	struct dash_state st;
	app_feed_state(a, &st);
	if (memcmp(&st, &at->state, sizeof st)) {
		at->state = st;
		b->len = 0;
		wire_frame(b, WIRE_STATE, &st, sizeof st);
		if (!b->failed)
			attach_hub_send(at->hub, -1, b->p, b->len, 0);
	}
}

static void carry_out_commands(struct app *a)
{
	struct app_attach *at = a->attach;
	int id, view_only, role;
	struct command c;
	char line[512];
	while (attach_hub_command(at->hub, &id, &view_only, &c)) {
		if (view_only) {
			send_log(at, id, ROLE_WARN, "view-only: this viewer may not act on the run");
			continue;
		}
		app_feed_command(a, &c, line, sizeof line, &role);
		if (line[0])
			send_log(at, id, role, line);
	}
}

void app_attach_tick(struct app *a)
{
	if (!a->attach)
		return;
	int slow = attach_hub_slow_gone(a->attach->hub);
	if (slow)
		app_note(a, ROLE_WARN, "%d viewer%s fell too far behind and %s dropped", slow, slow > 1 ? "s" : "",
		         slow > 1 ? "were" : "was");
	carry_out_commands(a);
	if (!attach_hub_count(a->attach->hub))
		return;
	send_changes(a);   /* first: a snapshot sent now already holds them */
	send_snapshots(a);
}

/* A relative path is the run's: from another directory a viewer could not find it. */
static void absolute(const char *path, char *out, size_t len)
{
	char cwd[2048];
	if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
		str_copy(out, path, len);
	else
		if (snprintf(out, len, "%s/%s", strcmp(cwd, "/") ? cwd : "", path) >= (int)len)
			str_copy(out, path, len);   /* too long for the wire: as it is */
}

/* The run's verdict as a line: what its tests and stressors came to, "" with nothing to say. */
static void verdict(const struct app *a, char *out, size_t len)
{
	char why[400], counts[160];
	out[0] = '\0';
	if (a->tests_ran) {
		results_count_line(&a->run, 1, counts, sizeof counts);
		snprintf(out, len, "tests: %s", counts);
	}
	if (stress_tally_failed(&a->stress_tally, why, sizeof why))
		snprintf(out + strlen(out), len - strlen(out), "%sstress FAILED: %s", out[0] ? "; " : "", why);
	if (!out[0] && a->exit_code)
		snprintf(out, len, "exit status %d", a->exit_code);
}

void app_attach_end(struct app *a)
{
	struct app_attach *at = a->attach;
	struct wire_end end;
	memset(&end, 0, sizeof end);
	end.exit_code = (int32_t)a->exit_code;
	str_copy(end.ended_by, a->ended_by ? a->ended_by : "ended", sizeof end.ended_by);
	if (a->tests_ran && a->run_written)
		absolute(a->run_where, end.where, sizeof end.where);
	else if (a->tests_ran && !a->opt.no_report)
		snprintf(end.where, sizeof end.where, "not written: %.4000s", a->run_where);
	verdict(a, end.result, sizeof end.result);
	/* benchtop stop hears it too, as it waits for the run to go */
	instance_set_end(a->instance, a->exit_code, end.ended_by, end.result, end.where);
	if (!at)
		return;
	at->out.len = 0;
	wire_frame(&at->out, WIRE_END, &end, sizeof end);
	instance_set_hooks(a->instance, &(struct instance_hooks){ 0 });   /* no new viewer into a closing hub */
	attach_hub_close(at->hub, at->out.failed ? NULL : at->out.p, at->out.len, 3.0);
	wire_free(&at->out);
	free(at->sent);
	free(at);
	a->attach = NULL;
}
