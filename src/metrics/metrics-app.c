#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "curl-lib.h"
#include "export.h"
#include "instance.h"
#include "metrics-collect.h"
#include "metrics-http.h"
#include "metrics-publish.h"
#include "metrics-push.h"
#include "metrics-push-job.h"
#include "metrics-text.h"
#include "metrics-textfile.h"
#include "mhd-lib.h"
#include "results.h"
#include "roles.h"
#include "store.h"
#include "util.h"
#include "wake.h"

/* What the metrics remember between frames: one app per process, so one of these. */
struct test_memo {
	size_t n;
	enum test_status status;
	int valid;
	struct stats stats;
	char variant[200];
};

static struct {
	int publishing;
	struct metrics_publish pub;
	struct metrics_http *http;
	struct metrics_collect collect;
	uint64_t frames_seen;
	size_t finished_seen;
	struct test_memo *memo;
	size_t nmemo;
	int curl;
	char url[128];                /* where /metrics is served, for the dashboard's log */
	char push_shown[1024];        /* --push as said, its password masked */
	int announced;
	/* A dashboard run is pushed in the background when it ends (metrics-push-job.h). */
	struct push_job *job;         /* under way, or over and not yet looked at */
	int job_run;                  /* the run (app run_count) it pushes */
	int queued_run, queued_rc;    /* a run that ended while job was busy: pushed next */
	int pushed_run;               /* the last run whose push is over, done or failed */
	char failed[2048];            /* why the last failed push failed: said again at exit */
	/* A signal that ended the run, once the main loop has read it: no longer pending, so
	 * the pushes learn of it here (end_asked_by). Set on the main thread, read on theirs. */
	atomic_int signalled;
} M;

/* ---- the app's figures as plain rows ---- */

static const struct stats *memo_stats(struct test_memo *m, const struct test_result *r)
{
	if (!m->valid || m->n != r->n || m->status != r->status) {
		stats_compute(r->samples, r->n, &m->stats);
		m->n = r->n;
		m->status = r->status;
		m->valid = 1;
	}
	return m->stats.n ? &m->stats : NULL;
}

/* Fills in and its test rows (malloc'd into *rows); -1 when out of memory. */
static int gather(struct app *a, struct metrics_input *in, struct metrics_test **rows)
{
	const struct run_results *res = &a->run;
	memset(in, 0, sizeof *in);
	in->version = PACKAGE_VERSION;
	in->frame = a->store.have_latest ? &a->store.latest : NULL;
	in->now = now_real();
	in->frames = a->store.frames;
	in->dropped = a->store.dropped;
	in->interval = app_interval(a);
	in->run.started = a->tests_ran ? res->started_t : NAN;
	in->run.duration = a->tests_ran ? in->now - res->started_t : NAN;
	in->run.exit_status = NAN;
	*rows = NULL;
	if (!M.memo || M.nmemo != res->ntests) {
		free(M.memo);
		M.memo = calloc(res->ntests ? res->ntests : 1, sizeof *M.memo);
		M.nmemo = M.memo ? res->ntests : 0;
		for (size_t i = 0; i < M.nmemo; i++)
			export_variant_label(M.memo[i].variant, sizeof M.memo[i].variant, res->tests[i].info.variant);
	}
	if (!M.memo)
		return -1;
	struct metrics_test *t = calloc(res->ntests ? res->ntests : 1, sizeof *t);
	if (!t)
		return -1;
	for (size_t i = 0; i < res->ntests; i++) {
		const struct test_result *r = &res->tests[i];
		t[i].suite = r->info.suite;
		t[i].test = r->info.name;
		t[i].variant = M.memo[i].variant;
		t[i].unit = r->info.unit;
		t[i].status = test_status_name(r->status);
		t[i].running = r->status == TS_WARMUP || r->status == TS_RUNNING;
		t[i].finished = test_status_finished(r->status);
		t[i].iteration = r->warmups_done + (int)r->n + 1;
		t[i].planned = r->info.iterations > 0 ? r->info.warmup + r->info.iterations : 0;
		t[i].stats = t[i].finished ? memo_stats(&M.memo[i], r) : NULL;
	}
	in->tests = t;
	*rows = t;
	in->ntests = res->ntests;
	return 0;
}

/* ---- start ---- */

static int read_token(const char *path, char *tok, size_t len, char *why, size_t whylen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		return -1;
	}
	size_t n = fread(tok, 1, len - 1, f);
	int bad = ferror(f);
	fclose(f);
	tok[n] = '\0';
	/* A token file may end with a newline; the token is the first line. */
	tok[strcspn(tok, "\r\n")] = '\0';
	if (bad || !tok[0]) {
		snprintf(why, whylen, "%s: %s", path, bad ? "cannot read it" : "the file holds no token");
		return -1;
	}
	return 0;
}

int metrics_app_start(struct app *a)
{
	char why[512], token[512];
	struct metrics_listen where;
	const struct options *o = &a->opt;
	if (o->listen && metrics_listen_parse(o->listen, &where, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop: --listen: %s\n", why);
		return 2;
	}
	if (o->listen_token && !o->listen) {
		fprintf(stderr, "benchtop: --listen-token: only means something with --listen\n");
		return 2;
	}
	if (o->listen_token && read_token(o->listen_token, token, sizeof token, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop: --listen-token: %s\n", why);
		return 2;
	}
	if (o->push && metrics_push_check_url(o->push, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop: --push: %s\n", why);
		return 2;
	}
	if (o->textfile && metrics_textfile_check_dir(o->textfile, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop: --textfile: %s\n", why);
		return 2;
	}
	/* Loaded only now, and only for the option that needs it (curl-lib.h, mhd-lib.h). */
	if (o->listen && !mhd_lib_get(why, sizeof why)) {
		fprintf(stderr, "benchtop: --listen: %s\n", why);
		return 2;
	}
	if (o->push && !curl_lib_get(why, sizeof why)) {
		fprintf(stderr, "benchtop: --push: %s\n", why);
		return 2;
	}
	if (o->push) {
		metrics_push_url_shown(o->push, M.push_shown, sizeof M.push_shown);
		if (metrics_push_global_init(why, sizeof why) < 0) {
			fprintf(stderr, "benchtop: --push: %s\n", why);
			return 1;
		}
		M.curl = 1;
	}
	metrics_collect_init(&M.collect);
	M.collect.proc_root = a->env.proc_root;   /* node_cpu_seconds_total: every mode, since boot */
	if (!o->listen)
		return 0;
	metrics_publish_init(&M.pub);
	M.publishing = 1;
	int rc = metrics_http_start(&M.http, &where, o->listen_token ? token : NULL, &M.pub, why, sizeof why);
	memset(token, 0, sizeof token);
	if (rc < 0) {
		fprintf(stderr, "benchtop: --listen: %s\n", why);
		return 2;
	}
	int v6 = where.addr.ss_family == AF_INET6;
	char host[64] = "";
	if (where.any && gethostname(host, sizeof host - 1) < 0)
		host[0] = '\0';
	if (where.any)   /* every address: the name others reach it by, not 0.0.0.0 */
		snprintf(M.url, sizeof M.url, "http://%s:%u/metrics", host[0] ? host : "127.0.0.1", metrics_http_port(M.http));
	else
		snprintf(M.url, sizeof M.url, "http://%s%s%s:%u/metrics", v6 ? "[" : "", where.host, v6 ? "]" : "",
		         metrics_http_port(M.http));
	fprintf(stderr, "benchtop: metrics at %s\n", M.url);
	if (!where.loopback)
		fprintf(stderr, "benchtop: --listen %s: warning: this machine's CPU, memory, disk, network, sensor, GPU, "
		        "stressor and test figures are open to the network%s\n", o->listen,
		        o->listen_token ? " (to holders of the token)" : "; --listen-token FILE asks for a token");
	metrics_app_frame(a);   /* scrapes before the first sample see build info and the sampler */
	return 0;
}

/* ---- during the run ---- */

/* 0, or -1 after saying why. */
static int write_textfile(struct app *a, const struct metrics_input *in, int final)
{
	char why[512];
	struct metric_set *s = metrics_collect_summary(in, NULL);
	struct mtext text = { 0 };
	if (!s || metrics_text_write(&text, s, METRICS_TEXT_004) < 0) {
		str_copy(why, "out of memory", sizeof why);
	} else if (metrics_textfile_write(a->opt.textfile, text.p, text.len, why, sizeof why) == 0) {
		metric_set_unref(s);
		mtext_free(&text);
		return 0;
	}
	metric_set_unref(s);
	mtext_free(&text);
	if (final)
		fprintf(stderr, "benchtop: --textfile: %s\n", why);
	else
		app_say(a, ROLE_ERROR, "--textfile: %s", why);
	return -1;
}

static void push_tick(struct app *a);

void metrics_app_frame(struct app *a)
{
	push_tick(a);
	if (!M.publishing && !a->opt.textfile)
		return;
	if (M.http && app_watched(a) && !M.announced) {
		app_say(a, ROLE_NORMAL, "metrics at %s", M.url);   /* the stderr line is under the dashboard */
		M.announced = 1;
	}
	size_t finished = a->run.nfinished;
	int new_frame = a->store.frames != M.frames_seen;
	int textfile_due = a->opt.textfile && a->tests_ran && finished != M.finished_seen;
	if (!new_frame && !textfile_due && M.frames_seen)
		return;
	struct metrics_input in;
	struct metrics_test *rows;
	if (gather(a, &in, &rows) < 0)
		return;   /* out of memory: the previous snapshot stays */
	if (M.publishing) {
		if (in.frame)
			metrics_collect_frame(&M.collect, in.frame);
		struct metric_set *s = metrics_collect_live(&M.collect, &in);
		if (s)
			metrics_publish_set(&M.pub, s);
	}
	if (textfile_due)
		write_textfile(a, &in, 0);
	M.frames_seen = a->store.frames ? a->store.frames : 1;
	M.finished_seen = finished;
	free(rows);
}

/* ---- at the end ---- */

/* A run that a signal or benchtop stop ended still pushes, briefly. */
static double push_budget(const struct app *a)
{
	return a->end_asked ? METRICS_PUSH_SIGNALLED_S : METRICS_PUSH_BUDGET_S;
}

/* The pushes' struct push_hurry: an end asked while they run (a stop reaches no push as a
 * pending signal does) cuts them to a signal's budget. On the push's thread: arg is the
 * instance, which outlives every push. */
static const char *end_asked_by(void *arg)
{
	if (instance_stop_asked(arg))
		return "benchtop stop";
	return atomic_load(&M.signalled) ? "a signal" : NULL;
}

static struct push_hurry hurry_of(const struct app *a)
{
	return (struct push_hurry){ end_asked_by, a->instance };
}

/* The end asked on the main loop's side, told to the pushes under way. */
static void note_end_asked(const struct app *a)
{
	if (a->end_asked && !instance_stop_asked(a->instance))
		atomic_store(&M.signalled, 1);
}

/* Each suite with a finished test: its URL and body (text 0.0.4) into items, the strings in
 * urls and bodies (mtext_free them). The count, or -1 when out of memory. */
static int build_pushes(struct app *a, const struct metrics_input *in, struct push_item *items, struct mtext *urls,
                        struct mtext *bodies)
{
	const char *host = a->run.system.hostname[0] ? a->run.system.hostname : "unknown";
	size_t base = strlen(a->opt.push);
	while (base > 0 && a->opt.push[base - 1] == '/')
		base--;
	int n = 0;
	for (int i = 0; i < a->nsuites && i < CLI_MAX_RUNS; i++) {
		const char *suite = a->suites[i].name;
		int ran = 0;
		for (size_t k = 0; k < in->ntests; k++)
			ran |= strcmp(in->tests[k].suite, suite) == 0 && in->tests[k].finished;
		if (!ran)
			continue;
		struct mtext *url = &urls[n], *body = &bodies[n];
		mtext_putn(url, a->opt.push, base);
		mtext_puts(url, "/metrics/job/benchtop");
		metrics_push_key(url, "instance", host);
		metrics_push_key(url, "suite", suite);
		struct metric_set *set = metrics_collect_summary(in, suite);
		int bad = !set || url->failed || metrics_text_write(body, set, METRICS_TEXT_004) < 0;
		metric_set_unref(set);
		n++;
		if (bad)
			return -1;
		items[n - 1] = (struct push_item){ suite, url->p, body->p, body->len };
	}
	return n;
}

static void free_pushes(struct mtext *urls, struct mtext *bodies)
{
	for (int i = 0; i < CLI_MAX_RUNS; i++) {
		mtext_free(&urls[i]);
		mtext_free(&bodies[i]);
	}
}

/* The dashboard's run that just ended, pushed on a thread of its own. */
static void push_in_background(struct app *a, int rc)
{
	struct metrics_input in;
	struct metrics_test *rows;
	struct push_item items[CLI_MAX_RUNS];
	struct mtext urls[CLI_MAX_RUNS] = { { 0 } }, bodies[CLI_MAX_RUNS] = { { 0 } };
	char why[256];
	M.queued_run = 0;
	if (gather(a, &in, &rows) < 0) {
		app_say(a, ROLE_ERROR, "--push: not pushed: out of memory");
		return;
	}
	in.run.exit_status = rc;
	int n = build_pushes(a, &in, items, urls, bodies);
	struct push_hurry hurry = hurry_of(a);
	if (n > 0)
		M.job = push_job_start(items, n, METRICS_PUSH_BUDGET_S, &hurry, wake_notify, why, sizeof why);
	free_pushes(urls, bodies);
	free(rows);
	if (n == 0)
		return;
	if (n < 0 || !M.job) {
		snprintf(M.failed, sizeof M.failed, "%s", n < 0 ? "out of memory" : why);
		M.pushed_run = a->run_count;
		app_say(a, ROLE_ERROR, "--push: not pushed: %s", M.failed);
		return;
	}
	M.job_run = a->run_count;
	app_say(a, ROLE_NORMAL, "pushing run %d to %s", a->run_count, M.push_shown);
}

/* The background push is over (or, at exit, waited for): what it did, in the events. */
static void push_job_done(struct app *a)
{
	char why[2048];
	int pushed = 0;
	int rc = push_job_end(M.job, &pushed, why, sizeof why);
	M.job = NULL;
	M.pushed_run = M.job_run;
	if (rc < 0) {
		snprintf(M.failed, sizeof M.failed, "%s", why);
		app_say(a, ROLE_ERROR, "--push: run %d not pushed: %s", M.job_run, why);
	} else {
		app_say(a, ROLE_OK, "pushed run %d to %s (%d suite%s)", M.job_run, M.push_shown, pushed, pushed == 1 ? "" : "s");
	}
}

void metrics_app_run_reported(struct app *a, int rc)
{
	if (!a->opt.push || !app_watched(a))
		return;   /* headless, or a run cut by the end of the program: pushed at exit */
	if (M.job) {
		M.queued_run = a->run_count;   /* after the push under way */
		M.queued_rc = rc;
		return;
	}
	push_in_background(a, rc);
}

/* Between frames: a background push that is over is said, and a queued run pushed. */
static void push_tick(struct app *a)
{
	note_end_asked(a);
	if (M.job && push_job_over(M.job))
		push_job_done(a);
	if (!M.job && M.queued_run && M.queued_run == a->run_count && app_watched(a))
		push_in_background(a, M.queued_rc);
}

static void said_pushed(const struct push_item *it, void *arg)
{
	struct app *a = arg;
	fprintf(app_message_stream(a), "pushed: suite %s to %s\n", it->suite, M.push_shown);
}

int metrics_app_run_ended(struct app *a, int rc)
{
	if (!a->opt.textfile && !a->opt.push)
		return rc;
	note_end_asked(a);
	if (M.job) {   /* the dashboard's last push is still under way: said, then waited for */
		if (!push_job_over(M.job))
			printf("pushing run %d to %s (up to %.0f s; Ctrl-C gives up)\n", M.job_run, M.push_shown,
			       push_budget(a));
		fflush(stdout);
		push_job_done(a);
	}
	struct metrics_input in;
	struct metrics_test *rows;
	if (gather(a, &in, &rows) < 0) {
		fprintf(stderr, "benchtop: metrics: out of memory for the run's summary\n");
		return rc ? rc : 1;
	}
	in.run.exit_status = rc;
	if (M.failed[0])
		rc = rc ? rc : 1;   /* a dashboard run that was not pushed; its line was in the events */
	/* The last run is pushed now unless the dashboard pushed it when it ended. */
	int due = a->opt.push && a->tests_ran && M.pushed_run != a->run_count;
	struct push_item items[CLI_MAX_RUNS];
	struct mtext urls[CLI_MAX_RUNS] = { { 0 } }, bodies[CLI_MAX_RUNS] = { { 0 } };
	int n = due ? build_pushes(a, &in, items, urls, bodies) : 0;
	char why[2048];
	if (n > 0 && !a->opt.headless) {   /* after a dashboard: never a silent wait */
		printf("pushing the last run to %s (up to %.0f s; Ctrl-C gives up)\n", M.push_shown, push_budget(a));
		fflush(stdout);
	}
	if (n > 0)
		instance_set_state(a->instance, "pushing");   /* benchtop ls: why it is still there */
	if (n < 0) {
		fprintf(stderr, "benchtop: --push: not pushed: out of memory\n");
		rc = rc ? rc : 1;
	}
	/* One line for all that failed, naming each suite not pushed. */
	struct push_hurry hurry = hurry_of(a);
	if (n > 0 && push_items(items, n, push_budget(a), &hurry, said_pushed, a, why, sizeof why) < n) {
		fprintf(stderr, "benchtop: --push: not pushed: %s%s\n", why, a->opt.no_report ? "" : "; the reports are written");
		rc = rc ? rc : 1;
	}
	free_pushes(urls, bodies);
	/* The textfile last: its exit status is the one benchtop ends with, a failed push included. */
	in.run.exit_status = rc;
	if (a->opt.textfile && write_textfile(a, &in, 1) < 0)
		rc = rc ? rc : 1;
	free(rows);
	return rc;
}

void metrics_app_stop(struct app *a)
{
	(void)a;
	metrics_http_stop(M.http);
	M.http = NULL;
	if (M.publishing)
		metrics_publish_free(&M.pub);
	M.publishing = 0;
	if (M.curl)
		metrics_push_global_cleanup();
	M.curl = 0;
	free(M.memo);
	M.memo = NULL;
	M.nmemo = 0;
}
