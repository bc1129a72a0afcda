#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app.h"
#include "export.h"
#include "roles.h"
#include "stress.h"
#include "util.h"

void app_stress_begin(struct app *a)
{
	struct stress_tally *t = &a->stress_tally;
	stress_tally_init(t);
	stress_tally_begin(t, now_real());   /* the stressors started just now: the first frame counts */
	stress_guard_init(&a->guard, a->opt.max_temp, a->opt.max_temp_action);
	t->max_temp = a->opt.max_temp;
	t->hysteresis = STRESS_GUARD_HYSTERESIS;
	t->guard_stop = a->opt.max_temp_action == GUARD_STOP;
	stress_tally_throttle(t, a->env.sysfs_root);
	if (a->opt.max_temp_action == GUARD_STOP && !(a->opt.max_temp > 0))
		app_note(a, ROLE_WARN, "--max-temp-action stop does nothing without --max-temp");
}

static void guard_act(struct app *a, const struct frame *f)
{
	char why[160];
	switch (stress_guard_frame(&a->guard, f, why, sizeof why)) {
	case GUARD_DO_PAUSE:
		stress_pause(a->stress, 1);
		a->stress_tally.pauses++;
		app_note(a, ROLE_ERROR, "thermal guard: stressors paused: %s", why);
		break;
	case GUARD_DO_RESUME:
		stress_pause(a->stress, 0);
		app_note(a, ROLE_OK, "thermal guard: stressors resumed: %s", why);
		break;
	case GUARD_DO_STOP:
		stress_stop(a->stress);
		str_copy(a->stress_tally.stopped, why, sizeof a->stress_tally.stopped);
		app_note(a, ROLE_ERROR, "thermal guard: stressors stopped: %s", why);
		if (!a->run_active && a->opt.nruns == 0) {   /* stress was all this run did */
			a->quit = 1;
			a->ended_by = "the thermal guard stopped the stressors";
			if (a->exit_code < 1)
				a->exit_code = 1;
		}
		break;
	case GUARD_NONE:
		break;
	}
}

void app_stress_frame(struct app *a, struct frame *f)
{
	char line[256];
	stress_tally_frame(&a->stress_tally, f);
	if (a->stress)
		guard_act(a, f);
	while (stress_tally_news(&a->stress_tally, line, sizeof line))
		app_note(a, ROLE_WARN, "%s", line);
	stress_tally_mark(&a->stress_tally, f);
}

void app_stress_last(struct app *a, double stopped_t)
{
	struct frame f;
	frame_clear(&f);
	f.t = stopped_t;
	stress_fill_final(a->stress, &f);
	stress_tally_frame(&a->stress_tally, &f);
	stress_tally_end(&a->stress_tally, a->stress);
}

/* A stress-only run's reports: no test, the stress section. */
static int stress_only_reports(struct app *a)
{
	struct run_results r;
	char why[4096 + 256], stem[64], where[4096 + 128];
	struct stat st;
	if (results_init(&r, NULL, 0) < 0)
		return 1;
	r.started_t = isfinite(a->stress_tally.started_t) ? a->stress_tally.started_t : r.started_t;
	system_info_collect(&r.system, a->store.have_latest ? &a->store.latest : NULL);
	r.stress = &a->stress_tally;
	int rc;
	if (export_find(a->opt.report) && !(stat(a->opt.report, &st) == 0 && S_ISDIR(st.st_mode))) {
		rc = export_path(a->opt.report, &r, why, sizeof why);
		str_copy(where, a->opt.report, sizeof where);
	} else {
		time_t now = (time_t)r.started_t;
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(stem, sizeof stem, "stress-%Y%m%d-%H%M%S", &tm);
		rc = export_dir(a->opt.report, stem, &r, why, sizeof why);
		char known[128];
		snprintf(where, sizeof where, "%s/%s.{%s}", a->opt.report, stem, export_formats(known, sizeof known, "", ","));
	}
	results_free(&r);
	FILE *out = a->opt.headless ? app_message_stream(a) : stdout;
	if (rc < 0) {
		fprintf(stderr, "benchtop: reports not written: %s\n", why);
		return 1;
	}
	fprintf(out, "\nreports: %s\n", where);
	return 0;
}

int app_stress_end(struct app *a)
{
	struct stress_tally *t = &a->stress_tally;
	stress_tally_throttle(t, a->env.sysfs_root);
	stress_tally_print(t, app_watched(a) || !a->view ? stdout : app_message_stream(a));
	a->run.stress = t;   /* the last run's reports carry the stress section */
	/* A GPU that failed or computed wrong, a worker that gave up, a generator that never
	 * started: the run failed to hold the load it was asked for. */
	int rc = stress_tally_failed(t, NULL, 0) ? 1 : 0;
	if (!a->tests_ran && a->opt.report && !a->opt.no_report && stress_tally_any(t) && stress_only_reports(a))
		rc = 1;
	return rc;
}
