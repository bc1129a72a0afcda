/* app-feed.c - the dashboard's feed in the process that runs (app-feed.h), and the dashboard
 * as a view_class entry (view.h) drawing from it. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-feed.h"
#include "roles.h"
#include "run-progress.h"
#include "stress.h"
#include "term.h"
#include "tui.h"
#include "utf8.h"
#include "view.h"
#include "util.h"

struct app_feed {
	struct dash_feed feed;        /* first: the dashboard's pointer is this struct's */
	struct app *a;
	struct dash_suite suites[CLI_MAX_RUNS];
	struct dash_state state;
};

/* The test in progress, the ETAs and the header's clock, worked out here so that a viewer in
 * another process shows the same figures without the run's private state. */
static void app_feed_progress(const struct app *a, struct dash_state *s)
{
	double real = now_real(), mono = now_mono();
	struct run_progress p = { &a->results, a->run_which, a->run_n, real };
	s->running_test = -1;
	s->test_eta = s->run_eta = NAN;
	s->run_tests = s->run_done = 0;
	if (a->run_active) {
		s->run_tests = (int)a->run_n;   /* the header counts these, not every test loaded */
		for (size_t i = 0; i < a->run_n; i++)
			s->run_done += test_status_finished(a->results.tests[a->run_which[i]].status);
		/* The one begun last among those in progress: with --jobs, the newest. */
		double started = -INFINITY;
		for (size_t i = 0; i < a->run_n; i++) {
			const struct test_result *r = &a->results.tests[a->run_which[i]];
			if ((r->status == TS_WARMUP || r->status == TS_RUNNING) &&
			    (s->running_test < 0 || (isfinite(r->started_t) && r->started_t > started))) {
				s->running_test = a->run_which[i];
				started = isfinite(r->started_t) ? r->started_t : started;
			}
		}
		if (s->running_test >= 0)
			s->test_eta = run_progress_test_eta(&p, s->running_test);
		s->run_eta = run_progress_eta(&p);
	}
	/* From the start of --duration, else of the run of tests, else of the stressors. */
	if (a->deadline > 0) {
		s->deadline = real + (a->deadline - mono);
		s->clock_start = s->deadline - a->opt.duration;
	} else if (a->run_active) {
		s->clock_start = real - (mono - a->run_started);
	} else if (app_stress_active(a) && isfinite(a->stress_tally.started_t)) {
		s->clock_start = a->stress_tally.started_t;
	}
}

void app_feed_state(const struct app *a, struct dash_state *s)
{
	memset(s, 0, sizeof *s);
	s->interval = app_interval(a);
	s->run_active = a->run_active;
	s->busy = app_busy(a);
	app_feed_progress(a, s);
	s->have_stress = a->stress != NULL;
	int n = a->stress ? stress_count(a->stress) : 0;
	for (int g = 0; g < n && g < FRAME_MAX_STRESS; g++) {
		struct model_stress *m = &s->stress[s->nstress++];
		stress_describe(a->stress, g, &m->row);
		stress_summary(a->stress, g, m->settings, sizeof m->settings);
		m->bytes = stress_bytes(a->stress, g);
		/* A start that ran nothing, the first or a later one: the panel must not show it as
		 * merely off. */
		struct stress_outcome o;
		stress_outcome(a->stress, g, &o);
		if (!m->row.on) {
			str_copy(m->failed, o.start_failed, sizeof m->failed);
			if (o.unavailable)
				str_copy(m->unavailable, o.why, sizeof m->unavailable);
		}
	}
	int gpu = stress_find("gpu");
	while (a->stress && gpu >= 0 && s->ndetail < DASH_DETAIL_LINES &&
	       stress_detail(a->stress, gpu, s->ndetail, s->detail[s->ndetail], DASH_DETAIL_LEN) == 0)
		s->ndetail++;
}

/* What an arrow key did to a generator. A generator without a finite target (vm, hdd with no
 * rate limit) is described by its settings: a target of NAN would read "target nan MiB/s". */
static void adjust_line(struct app *a, const struct command *c, int rc, const struct frame_stress *fs, char *line,
                        size_t len)
{
	char settings[128];
	const char *end = rc == 0 ? "" : c->steps > 0 ? " (already the highest step)" : " (already the lowest step)";
	if (isfinite(fs->target)) {
		snprintf(line, len, "stress %s target %.0f %s%s", fs->name, fs->target, fs->unit, end);
		return;
	}
	stress_summary(a->stress, c->gen, settings, sizeof settings);
	snprintf(line, len, "stress %s %s%s", fs->name, settings, end);
}

enum dash_said app_feed_command(struct app *a, const struct command *c, char *line, size_t len, int *role)
{
	char why[4096 + 160];
	*role = ROLE_NORMAL;
	str_copy(line, "", len);
	int rc = app_command(a, c, why, sizeof why);
	struct frame_stress fs;
	switch (c->type) {
	case CMD_RUN_TESTS:
		if (rc < 0 && why[0] && !strstr(why, "no tests in suite")) {
			*role = ROLE_ERROR;
			str_copy(line, why, len);
		}
		break;
	case CMD_STOP_RUN:
		*role = ROLE_WARN;
		str_copy(line, "run stopped", len);
		break;
	case CMD_STRESS_TOGGLE:
	case CMD_STRESS_ADJUST:
		if (rc < 0 && why[0]) {
			*role = ROLE_ERROR;
			str_copy(line, why, len);
		} else if (a->stress && c->gen >= 0 && c->gen < stress_count(a->stress)) {
			stress_describe(a->stress, c->gen, &fs);
			if (c->type == CMD_STRESS_TOGGLE) {
				*role = fs.on ? ROLE_WARN : ROLE_NORMAL;
				snprintf(line, len, "stress %s %s", fs.name, fs.on ? "on" : fs.paused ? "paused (thermal guard)" : "off");
			} else {
				adjust_line(a, c, rc, &fs, line, len);
			}
		}
		break;
	case CMD_SET_INTERVAL:
		if (rc < 0) {
			*role = ROLE_ERROR;
			str_copy(line, why, len);
		} else {
			snprintf(line, len, "sampling every %gs", c->seconds);
		}
		break;
	case CMD_EXPORT:
		*role = rc == 0 ? ROLE_OK : ROLE_ERROR;
		snprintf(line, len, rc == 0 ? "reports written to %s" : "export: %s", why);
		break;
	case CMD_QUIT:
		break;
	}
	return rc < 0 ? DASH_FAILED : DASH_DONE;
}

static void refresh(void *ctx)
{
	struct app_feed *f = ctx;
	app_feed_state(f->a, &f->state);
}

static enum dash_said command(void *ctx, const struct command *c, char *line, size_t len, int *role)
{
	struct app_feed *f = ctx;
	return app_feed_command(f->a, c, line, len, role);
}

int app_feed_stress_first(const struct app *a)
{
	return a->stress && stress_config_any(&a->opt.stress) && a->opt.nruns == 0;
}

struct dash_feed *app_feed_open(struct app *a)
{
	struct app_feed *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->a = a;
	for (int s = 0; s < a->nsuites && s < CLI_MAX_RUNS; s++) {
		str_copy(f->suites[s].name, a->suites[s].name, sizeof f->suites[s].name);
		f->suites[s].ntests = a->suites[s].ntests;
	}
	app_feed_state(a, &f->state);
	f->feed = (struct dash_feed){
		.store = &a->store, .results = &a->results, .suites = f->suites, .nsuites = a->nsuites,
		.test_suite = a->spec_suite, .state = &f->state, .theme = a->opt.theme, .no_color = a->opt.no_color,
		.ascii = a->opt.ascii, .no_history = a->opt.no_history, .history_db = a->opt.history_db,
		.stress_first = app_feed_stress_first(a),
		.ctx = f, .refresh = refresh, .command = command,
	};
	return &f->feed;
}

void app_feed_close(struct dash_feed *feed)
{
	free(feed);   /* the feed is the first member of its app_feed */
}

/* ---- the dashboard as a view ---- */

/* The dashboard and its feed: the run's own store and results (app-feed.c). */
struct dash {
	struct tui *t;
	struct dash_feed *feed;
};

static void *dash_open(struct app *a, const struct view_env *env, char *why, size_t whylen)
{
	(void)env;
	struct dash *d = calloc(1, sizeof *d);
	if (d)
		d->feed = app_feed_open(a);
	if (!d || !d->feed) {
		free(d);
		snprintf(why, whylen, "out of memory");
		return NULL;
	}
	d->t = tui_open(d->feed, why, whylen);
	if (!d->t) {
		app_feed_close(d->feed);
		free(d);
		return NULL;
	}
	return d;
}

static struct tui *dash_tui(const void *v)
{
	return ((const struct dash *)v)->t;
}

static int dash_frame(void *v, const struct frame *f, int *gone, char *why, size_t whylen)
{
	(void)f, (void)gone, (void)why, (void)whylen;
	tui_frame(dash_tui(v));
	return 0;
}

static void dash_message(void *v, enum view_say kind, int role, const char *text)
{
	(void)kind;
	tui_log(dash_tui(v), role, "%s", text);
}

static int dash_input_fd(void *v) { (void)v; return term_input_fd(); }
static int dash_read_key(void *v) { (void)v; return term_key(); }
static int dash_key(void *v, int key)
{
	int k = tui_key(dash_tui(v), key);
	return k == TUI_DETACH ? VIEW_KEY_DETACH : k ? VIEW_KEY_QUIT : 0;
}

static void dash_resize(void *v) { tui_resize(dash_tui(v)); }
static double dash_next_draw(const void *v) { return tui_next_draw(dash_tui(v)); }
static void dash_draw(void *v) { tui_draw(dash_tui(v)); }

static void dash_close(void *v)
{
	struct dash *d = v;
	tui_close(d->t);
	app_feed_close(d->feed);
	free(d);
}

static void dash_list(FILE *out)
{
	fprintf(out, "\nDashboard keys:\n");
	for (const struct tui_key_row *k = tui_keys; k->handler; k++)
		if (k->label)
			fprintf(out, "  %s%*s %s\n", k->label, 10 - utf8_width(k->label), "", k->help);
}

const struct view_class view_dashboard = {
	.name = "dashboard", .watched = 1, .open = dash_open, .frame = dash_frame, .message = dash_message,
	.input_fd = dash_input_fd, .read_key = dash_read_key, .key = dash_key, .resize = dash_resize, .next_draw = dash_next_draw,
	.draw = dash_draw, .close = dash_close, .list = dash_list,
};

