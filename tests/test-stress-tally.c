#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "stress-tally.h"

/* The stress summary from synthetic frames: time-weighted means, a minimum after the ramp-up,
 * work and errors, time under target with its likely reason, the news for the log, the
 * machine's peaks while stressed, and no "nan" anywhere. */

static void frame_at(struct frame *f, double t, double achieved, double temp, double mhz, double watts)
{
	frame_clear(f);
	f->t = t;
	f->nstress = 2;
	struct frame_stress *s = &f->stress[0];
	strcpy(s->name, "vm");
	strcpy(s->unit, "MiB/s");
	s->on = 1;
	s->workers = 2;
	s->target = 1000;
	s->achieved = achieved;
	s->work = (t - 1000) * 500 * 1048576.0;
	strcpy(s->work_unit, "B");
	s->errors = 0;
	s = &f->stress[1];
	strcpy(s->name, "hdd");
	strcpy(s->unit, "MiB/s");
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
	/* 1 s ramping at 100 MiB/s, then 9 s at 500 MiB/s (under 90 % of 1000), hotter and slower */
	char news[256];
	int said = 0;
	for (int i = 0; i <= 10; i++) {
		frame_at(&f, 1000.0 + i, i <= 1 ? 100 : 500, 50 + i, 3000 - 150 * i, 40 + i);
		stress_tally_frame(&t, &f);
		while (stress_tally_news(&t, news, sizeof news)) {
			said++;
			CHECK_STR(news, "vm: under 90 % of its target for 4.0s: throttling");   /* clock down > 10 % by then */
		}
	}
	CHECK_INT(said, 1);
	stress_tally_mark(&t, &f);
	CHECK_STR(f.stress[0].note, "under target: throttling");
	CHECK_STR(f.stress[1].note, "");
	CHECK_INT(t.ngens, 1);
	CHECK_NEAR(t.gen[0].on_s, 10, 1e-9);
	CHECK_NEAR(t.gen[0].sum, 100 + 9 * 500, 1e-9);
	CHECK_NEAR(t.gen[0].min, 500, 1e-9);
	CHECK_NEAR(t.gen[0].under_s, 8, 1e-9);   /* after the first 2 s */
	CHECK_NEAR(t.temp_peak, 60, 1e-9);
	CHECK_NEAR(t.power_peak, 50, 1e-9);
	CHECK_NEAR(t.clock_hi, 3000, 1e-3);
	CHECK_NEAR(t.clock_lo, 1500, 1e-3);
	/* back at target: said once */
	frame_at(&f, 1011, 1000, 50, 3000, 40);
	stress_tally_frame(&t, &f);
	CHECK(stress_tally_news(&t, news, sizeof news) == 1);
	CHECK_STR(news, "vm: back at its target");
	CHECK(stress_tally_news(&t, news, sizeof news) == 0);

	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	stress_tally_print(&t, out);
	fclose(out);
	CHECK(strstr(text, "vm   2 workers, on 11.0s, target 1000 MiB/s, achieved mean 555.6 MiB/s, min 500.0 MiB/s, "
	                   "work 5.371 GiB, 0 errors") != NULL);
	CHECK(strstr(text, "! vm was under 90 % of its target for 8.0s: throttling") != NULL);
	CHECK(strstr(text, "while stressed: hottest CPU sensor 60 \xC2\xB0""C, CPU clock down 50 % at worst (1500 MHz against "
	                   "3000 MHz), package power peak 50 W") != NULL);
	CHECK(strstr(text, "hdd") == NULL);
	CHECK(strstr(text, "nan") == NULL);
	if (check_failures)
		fprintf(stderr, "%s", text);
	free(text);

	/* a paused generator counts its pause; a generator that checks nothing shows no errors */
	stress_tally_init(&t);
	for (int i = 0; i <= 4; i++) {
		frame_at(&f, 2000.0 + i, 500, 50, 3000, 40);
		f.stress[0].errors = NAN;
		f.stress[0].paused = i >= 2;
		f.stress[0].on = i < 2;
		stress_tally_frame(&t, &f);
	}
	t.max_temp = 80;
	t.hysteresis = 5;
	t.pauses = 1;
	text = NULL;
	out = open_memstream(&text, &len);
	stress_tally_print(&t, out);
	fclose(out);
	CHECK(strstr(text, "errors") == NULL);
	CHECK(strstr(text, "! vm was paused by the thermal guard for 3.0s") != NULL);
	CHECK(strstr(text, "thermal: thermal guard at 80 \xC2\xB0""C (resume under 75 \xC2\xB0""C): 1 pause") != NULL);
	CHECK(strstr(text, "nan") == NULL);
	if (check_failures)
		fprintf(stderr, "%s", text);
	free(text);

	/* the load raised by keys, 50 to 100 % a step a second: each frame's figure covers the
	 * second before its step, at the old target; no time under target, the change said */
	stress_tally_init(&t);
	stress_tally_begin(&t, 2499);
	for (int i = 0; i <= 12; i++) {
		double target = i < 3 ? 50 : i < 8 ? 50 + 10 * (i - 2) : 100;
		frame_at(&f, 2500.0 + i, i < 3 ? 50 : i < 8 ? target - 10 : 100, 50, 3000, 40);
		strcpy(f.stress[0].name, "cpu");
		strcpy(f.stress[0].unit, "%");
		f.stress[0].target = target;
		f.cpu.total = 95;   /* busy: the reason would be other load */
		stress_tally_frame(&t, &f);
		while (stress_tally_news(&t, news, sizeof news))
			CHECK_STR(news, "(no news)");
	}
	CHECK_NEAR(t.gen[0].under_s, 0, 1e-9);
	CHECK_NEAR(t.gen[0].first_target, 50, 0);
	CHECK_NEAR(t.gen[0].target, 100, 0);
	text = NULL;
	out = open_memstream(&text, &len);
	stress_tally_print(&t, out);
	fclose(out);
	CHECK(strstr(text, "cpu  2 workers, on 13.0s, target 50\xE2\x86\x92""100 %, achieved mean") != NULL);
	CHECK(strstr(text, "under 90 %") == NULL);
	if (check_failures)
		fprintf(stderr, "%s", text);
	free(text);
	/* ... but a load that stays under the new target is under it, from the step on */
	for (int i = 13; i <= 18; i++) {
		frame_at(&f, 2500.0 + i, 50, 50, 3000, 40);
		strcpy(f.stress[0].name, "cpu");
		strcpy(f.stress[0].unit, "%");
		f.stress[0].target = 100;
		stress_tally_frame(&t, &f);
	}
	CHECK_NEAR(t.gen[0].under_s, 6, 1e-9);
	/* back where it began: the summary says it changed all the same; no target at the end */
	struct stress_tally_text x;
	t.gen[0].target = 50;
	stress_tally_gen_text(&t.gen[0], &x);
	CHECK_STR(x.target, "50\xE2\x86\x92\xE2\x80\xA6\xE2\x86\x92""50 %");
	t.gen[0].target = NAN;
	stress_tally_gen_text(&t.gen[0], &x);
	CHECK_STR(x.target, "50 %\xE2\x86\x92none");
	t.gen[0].target_changed = 0;
	stress_tally_gen_text(&t.gen[0], &x);
	CHECK_STR(x.target, "none");

	/* begun at 2999: the first frame's figures cover the second before it, so it counts as on */
	stress_tally_init(&t);
	stress_tally_begin(&t, 2999);
	for (int i = 0; i < 3; i++) {
		frame_at(&f, 3000.0 + i, 800, 50, 3000, 40);
		stress_tally_frame(&t, &f);
	}
	CHECK_NEAR(t.gen[0].on_s, 3, 1e-9);
	CHECK_NEAR(stress_tally_mean(&t.gen[0]), 800, 1e-9);
	CHECK_NEAR(t.started_t, 2999, 1e-9);
	CHECK_NEAR(t.ended_t, 3002, 1e-9);
	/* one frame only (--cpu 1 -d 1): time on and a mean all the same */
	stress_tally_init(&t);
	stress_tally_begin(&t, 2999);
	frame_at(&f, 3000, 800, 50, 3000, 40);
	stress_tally_frame(&t, &f);
	CHECK_NEAR(t.gen[0].on_s, 1, 1e-9);
	CHECK_NEAR(stress_tally_mean(&t.gen[0]), 800, 1e-9);

	/* What became of them: sound, then a worker that quit, a GPU unchecked, one that stopped. */
	char why[256];
	stress_tally_init(&t);
	stress_tally_begin(&t, 3999);
	frame_at(&f, 4000, 1000, 50, 3000, 40);
	stress_tally_frame(&t, &f);
	t.gen[0].configured = t.gen[0].ran = 1;
	CHECK_INT(stress_tally_state(&t.gen[0]), TALLY_OK);
	CHECK_INT(stress_tally_failed(&t, why, sizeof why), 0);
	CHECK_STR(why, "");
	t.gen[0].quits = 1;
	strcpy(t.gen[0].why, "vm: worker 1 stopped: cannot map 1.00 GiB: Cannot allocate memory");
	CHECK_INT(stress_tally_state(&t.gen[0]), TALLY_STOPPED);
	struct stress_tally_gen *gpu = &t.gen[t.ngens++];
	memset(gpu, 0, sizeof *gpu);
	strcpy(gpu->name, "gpu");
	gpu->errors = 0;
	gpu->configured = gpu->ran = 1;
	gpu->ndevices = 2;
	gpu->devices[0] = (struct stress_device){ .name = "GPU 0 0000:AF:00.0", .errors = 0, .checks = 0 };
	gpu->devices[1] = (struct stress_device){ .name = "GPU 1 0000:3B:00.0", .errors = 0, .checks = 1, .failed = 1,
	                                          .why = "Xid 79 from the driver: the GPU fell off the bus" };
	CHECK_INT(stress_tally_state(gpu), TALLY_STOPPED);
	CHECK_INT(stress_tally_failed(&t, why, sizeof why), 2);   /* the vm worker, GPU 1 (GPU 0 proved nothing) */
	CHECK_STR(why, "vm: worker 1 stopped: cannot map 1.00 GiB: Cannot allocate memory");
	text = NULL;
	out = open_memstream(&text, &len);
	stress_tally_print(&t, out);
	fclose(out);
	CHECK(strstr(text, "\n  ! vm: worker 1 stopped: cannot map 1.00 GiB: Cannot allocate memory\n") != NULL);
	CHECK(strstr(text, "\n       GPU 0 0000:AF:00.0: NOT CHECKED, 0 errors in 0 checks\n") != NULL);
	CHECK(strstr(text, "\n       GPU 1 0000:3B:00.0: STOPPED, 0 errors in 1 check: Xid 79 from the driver: "
	                   "the GPU fell off the bus\n") != NULL);
	CHECK(strstr(text, "\n  result: FAILED: vm: worker 1 stopped: ") != NULL);
	CHECK(strstr(text, "OK") == NULL);
	if (check_failures)
		fprintf(stderr, "%s", text);
	free(text);
	/* several workers stopped: the first one's reason, and how many more */
	t.gen[0].quits = 3;
	text = NULL;
	out = open_memstream(&text, &len);
	stress_tally_print(&t, out);
	fclose(out);
	CHECK(strstr(text, "Cannot allocate memory (and 2 more workers)\n") != NULL);
	free(text);
	/* wrong results outrank a stop; one never started says why */
	gpu->devices[1].errors = 3;
	CHECK_INT(stress_device_state(&gpu->devices[1]), SDEV_FAULTY);
	CHECK_STR(stress_device_text(&gpu->devices[1], news, sizeof news),
	          "GPU 1 0000:3B:00.0: FAULTY, 3 errors in 1 check, then stopped: Xid 79 from the driver: the GPU fell off the bus");
	t.gen[0].ran = 0;
	t.gen[0].quits = 0;
	strcpy(t.gen[0].why, "vm: not started: 1.00 GiB requested, but MemAvailable leaves no room");
	CHECK_INT(stress_tally_state(&t.gen[0]), TALLY_NOT_STARTED);
	CHECK_INT(stress_tally_gen_failed(&t.gen[0], why, sizeof why), 1);
	CHECK_STR(why, "vm: not started: 1.00 GiB requested, but MemAvailable leaves no room");
	/* a machine that cannot run it at all (no GPU): said, no failure */
	t.gen[0].unavailable = 1;
	strcpy(t.gen[0].why, "gpu: unavailable: no CUDA device");
	CHECK_INT(stress_tally_state(&t.gen[0]), TALLY_UNAVAILABLE);
	CHECK_INT(stress_tally_gen_failed(&t.gen[0], why, sizeof why), 0);

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
