/* stress-tally-end.c - what became of each generator and device over a stress run (stress-tally.h):
 * read from the stressors once they are stopped, judged, and turned into the run's verdict. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stress-tally.h"
#include "util.h"

static const char *const state_names[TALLY_STATE_N] = { "ok", "FAULTY", "stopped", "not started", "unavailable" };
static const char *const state_keys[TALLY_STATE_N] = { "ok", "faulty", "stopped", "not_started", "unavailable" };

const char *tally_state_name(int state)
{
	return state >= 0 && state < TALLY_STATE_N ? state_names[state] : "?";
}

const char *tally_state_key(int state)
{
	return state >= 0 && state < TALLY_STATE_N ? state_keys[state] : "?";
}

enum tally_state stress_tally_state(const struct stress_tally_gen *g)
{
	if (g->configured && !g->ran)
		return g->unavailable ? TALLY_UNAVAILABLE : TALLY_NOT_STARTED;
	if (isfinite(g->errors) && g->errors > 0)
		return TALLY_FAULTY;
	int failed = g->quits > 0;
	for (int d = 0; d < g->ndevices; d++)
		failed |= g->devices[d].failed;
	return failed ? TALLY_STOPPED : TALLY_OK;
}

/* The generator's entry, added for one that was never on in a frame (never started). */
static struct stress_tally_gen *tally_entry(struct stress_tally *t, const struct stress *s, int gen)
{
	for (int i = 0; i < t->ngens; i++)
		if (strcmp(t->gen[i].name, stress_name(gen)) == 0)
			return &t->gen[i];
	if (t->ngens >= FRAME_MAX_STRESS)
		return NULL;
	struct frame_stress row;
	stress_describe(s, gen, &row);
	struct stress_tally_gen *g = &t->gen[t->ngens++];
	memset(g, 0, sizeof *g);
	str_copy(g->name, row.name, sizeof g->name);
	str_copy(g->unit, row.unit, sizeof g->unit);
	g->target = row.target;
	g->min = g->work = g->errors = NAN;
	return g;
}

void stress_tally_end(struct stress_tally *t, const struct stress *s)
{
	for (int gen = 0; s && gen < stress_count(s); gen++) {
		struct stress_outcome o;
		stress_outcome(s, gen, &o);
		struct stress_tally_gen *g = NULL;
		for (int i = 0; i < t->ngens && !g; i++)
			if (strcmp(stress_name(gen), t->gen[i].name) == 0)
				g = &t->gen[i];
		/* Asked for or run, yet in no sample (it never ran, or it ran and ended between two
		 * samples, as a GPU that faults at once does): the summary still says how it ended. */
		if (!g && (o.configured || o.ran))
			g = tally_entry(t, s, gen);
		if (!g)
			continue;
		g->configured = o.configured;
		g->ran = o.ran;
		g->unavailable = o.unavailable;
		g->quits = o.quits;
		str_copy(g->why, o.why, sizeof g->why);
		g->ndevices = stress_devices(s, gen, g->devices, TALLY_MAX_DEVICES);
		/* Read after the last frame: the total follows, so the two agree. */
		double sum = 0;
		for (int d = 0; d < g->ndevices; d++)
			sum += (double)g->devices[d].errors;
		if (g->ndevices && !(sum <= g->errors))
			g->errors = sum;
	}
}

int stress_tally_gen_failed(const struct stress_tally_gen *g, char *why, size_t len)
{
	int st = stress_tally_state(g), n = 0;
	char dev[256];
	if (why && len)
		why[0] = '\0';
	if (st == TALLY_OK || st == TALLY_UNAVAILABLE)
		return 0;
	for (int d = 0; d < g->ndevices; d++) {   /* a device's line says best what went wrong */
		enum stress_device_state ds = stress_device_state(&g->devices[d]);
		if (ds != SDEV_FAULTY && ds != SDEV_STOPPED)
			continue;
		if (!n++ && why)
			c_snprintf(why, len, "%s: %s", g->name, stress_device_text(&g->devices[d], dev, sizeof dev));
	}
	if (n)
		return n;
	if (why && st == TALLY_FAULTY)
		c_snprintf(why, len, "%s: %.0f result error%s", g->name, g->errors, g->errors == 1 ? "" : "s");
	else if (why)
		c_snprintf(why, len, "%s", g->why[0] ? g->why : tally_state_name(st));
	return 1;
}

int stress_tally_failed(const struct stress_tally *t, char *why, size_t len)
{
	int n = 0;
	if (why && len)
		why[0] = '\0';
	for (int i = 0; i < t->ngens; i++)
		n += stress_tally_gen_failed(&t->gen[i], n ? NULL : why, len);
	return n;
}
