#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "stress-tally.h"

/* The stress summary from synthetic frames: time-weighted means, a minimum after the ramp-up,
 * work in the rate's unit, time under target, and the machine's peaks while stressed. */

static void frame_at(struct frame *f, double t, double achieved, double temp, double mhz, double watts)
{
	frame_clear(f);
	f->t = t;
	f->nstress = 2;
	struct frame_stress *s = &f->stress[0];
	strcpy(s->name, "vm");
	strcpy(s->unit, "MB/s");
	s->on = 1;
	s->workers = 2;
	s->target = 1000;
	s->achieved = achieved;
	s = &f->stress[1];
	strcpy(s->name, "hdd");
	strcpy(s->unit, "MB/s");
	s->target = NAN;
	s->achieved = 0;   /* off all along: not in the summary */
	f->nsensors = 1;
	strcpy(f->sensors[0].label, "pkg");
	f->sensors[0].temp_c = temp;
	f->cpu.ncores = 2;
	f->cpu.freq_mhz[0] = f->cpu.freq_mhz[1] = (float)mhz;
	f->cpu.package_power_w = watts;
}

int main(void)
{
	struct stress_tally t;
	struct frame f;
	stress_tally_init(&t);
	/* 1 s ramping at 100 MB/s, then 9 s at 500 MB/s (under 90 % of 1000), hotter and slower */
	for (int i = 0; i <= 10; i++) {
		frame_at(&f, 1000.0 + i, i <= 1 ? 100 : 500, 50 + i, 3000 - 50 * i, 40 + i);
		stress_tally_frame(&t, &f);
	}
	CHECK_INT(t.ngens, 1);
	CHECK_NEAR(t.gen[0].on_s, 10, 1e-9);
	CHECK_NEAR(t.gen[0].sum, 100 + 9 * 500, 1e-9);
	CHECK_NEAR(t.gen[0].min, 500, 1e-9);
	CHECK_NEAR(t.gen[0].under_s, 10, 1e-9);
	CHECK_NEAR(t.temp_peak, 60, 1e-9);
	CHECK_NEAR(t.power_peak, 50, 1e-9);
	CHECK_NEAR(t.clock_hi, 3000, 1e-3);
	CHECK_NEAR(t.clock_lo, 2500, 1e-3);

	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	stress_tally_print(&t, out);
	fclose(out);
	CHECK(strstr(text, "vm   2 workers, on 10.0s, target 1 GB/s, achieved mean 500.0 MB/s, min 500.0 MB/s, "
	                   "work 4.600 GB") != NULL);
	CHECK(strstr(text, "! vm was under 90 % of its target for 10.0s") != NULL);
	CHECK(strstr(text, "while stressed: hottest sensor 60.0 \xC2\xB0""C, CPU clock down 17 % at worst (2.50 against 3.00 GHz), "
	                   "package power peak 50.0 W") != NULL);
	CHECK(strstr(text, "hdd") == NULL);
	CHECK(strstr(text, "nan") == NULL);
	if (check_failures)
		fprintf(stderr, "%s", text);
	free(text);

	/* no stressor ever on: nothing at all */
	stress_tally_init(&t);
	frame_clear(&f);
	f.t = 1;
	stress_tally_frame(&t, &f);
	text = NULL;
	out = open_memstream(&text, &len);
	stress_tally_print(&t, out);
	fclose(out);
	CHECK_INT(len, 0);
	free(text);
	return check_result();
}
