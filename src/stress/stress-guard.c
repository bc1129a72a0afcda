#include "config.h"

#include <math.h>
#include <string.h>

#include "fmt-units.h"
#include "stress-guard.h"
#include "util.h"

void stress_guard_init(struct stress_guard *g, double max_temp, int action)
{
	memset(g, 0, sizeof *g);
	g->max_temp = max_temp;
	g->action = action;
}

double stress_guard_hottest(const struct frame *f, char *name, size_t len)
{
	double hot = NAN;
	str_copy(name, "", len);
	for (int i = 0; i < f->nsensors; i++)
		if (isfinite(f->sensors[i].temp_c) && !(f->sensors[i].temp_c <= hot)) {
			hot = f->sensors[i].temp_c;
			str_copy(name, f->sensors[i].label, len);
		}
	for (int i = 0; i < f->ngpus; i++)
		if (isfinite(f->gpus[i].temp_c) && !(f->gpus[i].temp_c <= hot)) {
			hot = f->gpus[i].temp_c;
			c_snprintf(name, len, "GPU %s", f->gpus[i].bus_id[0] ? f->gpus[i].bus_id : f->gpus[i].name);
		}
	return hot;
}

enum stress_guard_step stress_guard_frame(struct stress_guard *g, const struct frame *f, char *why, size_t len)
{
	if (!(g->max_temp > 0) || g->stopped)
		return GUARD_NONE;
	char name[64], t[32], lim[32];
	double hot = stress_guard_hottest(f, name, sizeof name);
	if (!isfinite(hot))
		return GUARD_NONE;   /* no sensor this frame: the state stays as it is */
	fmt_unit(t, sizeof t, hot, "\xC2\xB0""C", 0);
	if (!g->held && hot > g->max_temp) {
		fmt_unit(lim, sizeof lim, g->max_temp, "\xC2\xB0""C", FMT_TRIM);
		c_snprintf(why, len, "%s at %s, over the %s limit", name, t, lim);
		if (g->action == GUARD_STOP) {
			g->stopped = 1;
			return GUARD_DO_STOP;
		}
		g->held = 1;
		return GUARD_DO_PAUSE;
	}
	if (g->held && hot < g->max_temp - STRESS_GUARD_HYSTERESIS) {
		fmt_unit(lim, sizeof lim, g->max_temp - STRESS_GUARD_HYSTERESIS, "\xC2\xB0""C", FMT_TRIM);
		c_snprintf(why, len, "hottest sensor %s at %s, under %s", name, t, lim);
		g->held = 0;
		return GUARD_DO_RESUME;
	}
	return GUARD_NONE;
}
