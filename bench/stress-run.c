/* stress-run - runs the stress generators straight from libbenchtop.a, for the bench scripts.
 *
 *   stress-run [--cpu N] [--cpu-load PCT] [--cpu-method NAME] [--vm N] [--vm-bytes SIZE]
 *              [--vm-pattern NAME] [--hdd N] [--hdd-bytes SIZE] [--hdd-dir DIR] [-t SECONDS]
 *   and every other stress option of benchtop --help (--vm-method, --hdd-mix ...).
 *
 * Prints the start messages, one line of achieved figures per second, and at the end the mean
 * of each generator that ran. Built with `make bench/stress-run`; not installed.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stress.h"
#include "util.h"

static void print_line(void *arg, const char *line)
{
	(void)arg;
	printf("%s\n", line);
}

static int usage(void)
{
	fprintf(stderr, "usage: stress-run [--cpu N] [--cpu-load PCT] [--cpu-method NAME] [--vm N] "
	                "[--vm-bytes SIZE] [--vm-pattern NAME] [--hdd N] [--hdd-bytes SIZE] [--hdd-dir DIR] "
	                "[-t SECONDS]\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct stress_config cfg;
	double seconds = 10;
	stress_config_init(&cfg);
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		char why[200];
		if (!v || strncmp(o, "-", 1))
			return usage();
		if (!strcmp(o, "-t")) {
			if (parse_duration(v, &seconds) < 0)
				return usage();
		} else if (!strcmp(o, "--hdd-dir")) {
			cfg.dir = v;
		} else if (!strcmp(o, "--vm-pattern")) {
			str_copy(stress_config_value(&cfg, "vm-method")->text, v, STRESS_TEXT);
		} else if (strncmp(o, "--", 2) || stress_config_set(&cfg, o + 2, v, why, sizeof why) < 0) {
			fprintf(stderr, "stress-run: %s: %s\n", o, strncmp(o, "--", 2) ? "unknown option" : why);
			return usage();
		}
		i++;
	}

	struct stress *s;
	char why[256];
	if (stress_start(&s, &cfg, why, sizeof why) < 0) {
		fprintf(stderr, "stress-run: %s\n", why);
		return 1;
	}
	unsigned seen = 0;
	stress_each_message(s, &seen, print_line, NULL);
	struct frame f;
	frame_clear(&f);
	stress_fill_frame(s, &f);
	double sum[FRAME_MAX_STRESS] = { 0 }, start = now_mono();
	int ticks = 0;
	for (double next = start + 1; next <= start + seconds + 1e-6; next += 1) {
		struct timespec ts = { (time_t)next, (long)((next - (double)(time_t)next) * 1e9) };
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
			;
		frame_clear(&f);
		stress_fill_frame(s, &f);
		ticks++;
		printf("%5.1f s", now_mono() - start);
		for (int i = 0; i < f.nstress; i++) {
			sum[i] += f.stress[i].achieved;
			if (f.stress[i].on)
				printf("  %s %.1f %s", f.stress[i].name, f.stress[i].achieved, f.stress[i].unit);
		}
		printf("\n");
		stress_each_message(s, &seen, print_line, NULL);
		fflush(stdout);
	}
	stress_stop(s);
	stress_each_message(s, &seen, print_line, NULL);
	for (int i = 0; i < f.nstress && ticks; i++)
		if (sum[i] > 0)
			printf("mean %s %.2f %s\n", f.stress[i].name, sum[i] / ticks, f.stress[i].unit);
	stress_free(s);
	return 0;
}
