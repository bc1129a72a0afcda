#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adaptive.h"
#include "export.h"
#include "results.h"
#include "runner-private.h"
#include "stats.h"
#include "stress.h"
#include "util.h"

/* The groups of runner-threads.c's workers: setting a test up, its warmups and measured iterations in
 * rounds with the other tests of its group, the stopping rule, and how it ended. */

struct log_target {
	struct runner *r;
	int test;
};

static void post_stress_message(void *arg, const char *line)
{
	struct log_target *lt = arg;
	runner_post_log(lt->r, lt->test, line);
}

/* A test's background load (its suite entry's "stress"): started before its first iteration,
 * warmups included, and stopped after its last, so every measured iteration runs under it.
 * 0 with *out NULL when the test asks for none; -1 with why when the load cannot start. */
static int start_background(const struct runner *r, const struct test_spec *s, struct stress **out,
                            char *why, size_t whylen)
{
	*out = NULL;
	if (!stress_config_any(&s->stress))
		return 0;
	struct stress_config sc = s->stress;
	sc.dir = r->tmpdir;
	if (stress_start(out, &sc, why, whylen) < 0) {
		*out = NULL;
		return -1;
	}
	return 0;
}

/* A test in a group: what it has set up, where it stands, what it measured. */
struct slot {
	int test;
	const struct test_spec *s;
	struct kernel_ctx k;
	struct stress *load;
	unsigned load_seen;              /* the load's messages already posted */
	int ready;                       /* the kernel was set up */
	int phase;                       /* SLOT_WARM, SLOT_MEASURE, SLOT_DONE */
	int st;                          /* the end status; 0 while it goes on */
	int warm, done;                  /* warmups and measured iterations so far */
	double spent;                    /* seconds in its measured iterations */
	double *vals;                    /* values so far, for the stopping rule and the warmup test */
	size_t cap;
	char stop[RESULTS_STOP_LEN];
	char text[256];
	int unavailable;                 /* a kernel this machine cannot run: skipped, with why */
};

enum { SLOT_WARM, SLOT_MEASURE, SLOT_DONE };

static int slot_keep(struct slot *sl, size_t n, double v)
{
	if (n >= sl->cap) {
		size_t cap = sl->cap ? sl->cap * 2 : 32;
		double *p = realloc(sl->vals, cap * sizeof *p);
		if (!p)
			return -1;
		sl->vals = p;
		sl->cap = cap;
	}
	sl->vals[n] = v;
	return 0;
}

/* Background load and kernel setup; a failure ends the slot with its reason. */
static void slot_begin(struct worker *w, struct slot *sl)
{
	struct runner *r = w->r;
	const struct test_spec *s = sl->s;
	char why[200];
	if (s->cls && s->cls->available && s->cls->available(why, sizeof why) < 0) {
		/* Not on this machine (a GPU kernel without libcuda): skipped, not failed. */
		snprintf(sl->text, sizeof sl->text, "%s unavailable: %s", s->cls->name, why);
		sl->unavailable = 1;
		sl->st = TS_SKIPPED;
		return;
	}
	if (start_background(r, s, &sl->load, why, sizeof why) < 0) {
		snprintf(sl->text, sizeof sl->text, "background load: %s", why);
		sl->st = TS_ERROR;
	} else if (sl->load) {
		char line[256], part[80];
		int n = snprintf(line, sizeof line, "%s runs under background load:", s->info.name);
		for (int g = 0; g < stress_count(sl->load) && n < (int)sizeof line; g++) {
			struct frame_stress fs;
			stress_describe(sl->load, g, &fs);
			if (!fs.on)
				continue;
			stress_summary(sl->load, g, part, sizeof part);
			n += snprintf(line + n, sizeof line - n, " %s %s;", fs.name, part);
		}
		runner_post_log(r, sl->test, line);
		/* what the load had to say when it started, such as a cap */
		struct log_target lt = { r, sl->test };
		stress_each_message(sl->load, &sl->load_seen, post_stress_message, &lt);
	}
	if (!sl->st && s->cls) {
		kernel_ctx_init(&sl->k, s->cls, &w->kstop);
		memcpy(sl->k.param, s->param, sizeof sl->k.param);
		memcpy(sl->k.text, s->text, sizeof sl->k.text);
		sl->k.tmpdir = r->tmpdir;
		if (s->cls->setup && s->cls->setup(&sl->k) < 0) {
			snprintf(sl->text, sizeof sl->text, "setup failed: %s", *sl->k.why ? sl->k.why : "no reason given");
			sl->st = atomic_load(&r->stop) ? TS_SKIPPED : TS_ERROR;
		} else {
			sl->ready = 1;
		}
	}
	if (sl->st)
		return;
	if (s->info.warmup > 0) {
		runner_post_state(r, sl->test, TS_WARMUP, NULL);
	} else {
		sl->phase = SLOT_MEASURE;
		runner_post_state(r, sl->test, TS_RUNNING, NULL);
	}
}

/* Tears the slot down and posts how it ended. */
static void slot_end(struct worker *w, struct slot *sl)
{
	struct runner *r = w->r;
	const struct test_spec *s = sl->s;
	if (sl->phase == SLOT_DONE)   /* ended already; its status is posted */
		return;
	if (sl->ready && !sl->st && sl->k.note[0]) {   /* what the kernel wants said, such as % of peak */
		char variant[256], line[sizeof s->info.name + sizeof variant + sizeof sl->k.note + 8];
		export_variant_label(variant, sizeof variant, s->info.variant);
		snprintf(line, sizeof line, variant[0] ? "%s [%s]: %s" : "%s%s: %s", s->info.name, variant, sl->k.note);
		runner_post_log(r, sl->test, line);
	}
	if (sl->ready && s->cls->teardown)
		s->cls->teardown(&sl->k);
	sl->ready = 0;
	stress_free(sl->load);
	sl->load = NULL;
	if (sl->st == TS_SKIPPED && !sl->unavailable) {
		/* Cut short by a stop: what it measured stands, and it is no error. */
		if (sl->phase == SLOT_WARM)
			snprintf(sl->text, sizeof sl->text, "stopped before its measured iterations");
		else if (s->info.iterations > 0 && !(s->info.precision > 0))
			snprintf(sl->text, sizeof sl->text, "stopped after %d of %d iterations", sl->done,
			         s->info.iterations);
		else
			snprintf(sl->text, sizeof sl->text, "stopped after %d iterations", sl->done);
		sl->st = TS_STOPPED;
		str_copy(sl->stop, "stopped", sizeof sl->stop);
	}
	if (!sl->st && sl->done > 0) {   /* a threshold missed fails the test now, not in the final table */
		struct stats st;
		stats_compute(sl->vals, (size_t)sl->done, &st);
		if (results_threshold_missed(&s->info, st.mean, sl->text, sizeof sl->text))
			sl->st = TS_FAIL;
	}
	struct run_event ev = {
		.type = EV_TEST_STATE, .test = sl->test, .status = sl->st ? (enum test_status)sl->st : TS_PASS,
		.value = NAN, .wall_s = NAN, .user_s = NAN, .sys_s = NAN, .maxrss = NAN,
	};
	if (sl->st)
		str_copy(ev.text, sl->text, sizeof ev.text);
	str_copy(ev.stop, sl->stop, sizeof ev.stop);
	runner_post(r, &ev);
	sl->phase = SLOT_DONE;
}

/* One iteration of a slot, warmup or measured, and what follows from it. */
static void slot_step(struct worker *w, struct slot *sl, int round)
{
	struct runner *r = w->r;
	const struct test_spec *s = sl->s;
	const struct test_info *in = &s->info;
	int warm = sl->phase == SLOT_WARM;
	if (sl->load && stress_follow_hold(sl->load)) {   /* the thermal guard paused or let go */
		struct log_target lt = { r, sl->test };
		stress_each_message(sl->load, &sl->load_seen, post_stress_message, &lt);
	}
	double v = NAN, t0 = now_mono();
	int num = warm ? sl->warm + 1 : sl->done + 1, posted = 0;
	sl->st = atomic_load(&r->stop) ? TS_SKIPPED
	                               : runner_iteration(w, sl->test, s, &sl->k, warm, num, round, &v, &posted, sl->text,
	                                           sizeof sl->text);
	if (sl->st) {
		/* An iteration posted before a stop or a failed cleanup still counts. */
		if (posted && warm)
			sl->warm++;
		else if (posted)
			sl->done++;
		return;
	}
	if (slot_keep(sl, (size_t)(warm ? sl->warm : sl->done), v) < 0) {
		snprintf(sl->text, sizeof sl->text, "out of memory for the values measured");
		sl->st = TS_ERROR;
		return;
	}
	if (warm) {
		sl->warm++;
		int settled = in->warmup_auto ? adaptive_steady(sl->vals, (size_t)sl->warm) : 0;
		if (sl->warm >= in->warmup || settled) {
			sl->phase = SLOT_MEASURE;
			runner_post_state(r, sl->test, TS_RUNNING, NULL);
		}
		return;
	}
	sl->spent += now_mono() - t0;
	sl->done++;
	if (adaptive_should_stop(in, sl->vals, (size_t)sl->done, sl->spent, sl->stop, sizeof sl->stop) ||
	    sl->done >= RUNNER_MAX_ITERATIONS) {
		if (!sl->stop[0])
			str_copy(sl->stop, "max_iterations", sizeof sl->stop);
		slot_end(w, sl);
	}
}

/* Runs a group of tests in rounds: one iteration of each unfinished test per round, in the
 * order order_round gives. A group of one is the plain sequential run. */
void runner_run_group(struct worker *w, size_t group, const int *tests, size_t n, enum run_order o)
{
	struct runner *r = w->r;
	struct slot *slots = calloc(n, sizeof *slots);
	int *perm = calloc(n, sizeof *perm);
	if (!slots || !perm) {
		free(slots);
		free(perm);
		for (size_t i = 0; i < n; i++)
			runner_post_state(r, tests[i], TS_ERROR, "out of memory");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		slots[i].test = tests[i];
		slots[i].s = &r->cfg.specs[tests[i]];
		if (atomic_load(&r->stop)) {
			slots[i].phase = SLOT_DONE;   /* never started: the results call it skipped */
			continue;
		}
		slot_begin(w, &slots[i]);
		if (slots[i].st)
			slot_end(w, &slots[i]);
	}
	for (int round = 1;; round++) {
		int left = 0;
		order_round(o, r->cfg.seed, group, round, perm, n);
		for (size_t k = 0; k < n; k++) {
			struct slot *sl = &slots[perm[k]];
			if (sl->phase == SLOT_DONE)
				continue;
			slot_step(w, sl, round);
			if (sl->st)
				slot_end(w, sl);
			left += sl->phase != SLOT_DONE;
		}
		if (!left)
			break;
	}
	for (size_t i = 0; i < n; i++)
		free(slots[i].vals);
	free(slots);
	free(perm);
}
