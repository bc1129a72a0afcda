/* The CPU clock during iterations: the probe reads every CPU's cpufreq clock at both ends of
 * an iteration (a fake sysfs tree here), and results flag an iteration whose mean clock fell
 * NOISE_CLOCK_DROP below the test's best as a "clock drop", with the figures in the report. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "noise-sample.h"
#include "results-json.h"
#include "results.h"

static char root[256];

static void put(const char *rel, const char *text)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	for (char *s = strchr(path + strlen(root) + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_probe(void)
{
	put("sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq", "3000000\n");
	put("sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq", "1000000\n");
	put("proc/stat", "cpu  100 0 100 10000 0 0 0 0 0 0\n");
	char proc[300], sys[300];
	snprintf(proc, sizeof proc, "%s/proc", root);
	snprintf(sys, sizeof sys, "%s/sys", root);
	setenv("BENCHTOP_PROC_ROOT", proc, 1);
	setenv("BENCHTOP_SYSFS_ROOT", sys, 1);
	struct noise_probe p;
	noise_probe_open(&p);
	CHECK_INT(p.nclock, 2);
	noise_probe_mark(&p);
	put("sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq", "2000000\n");
	noise_probe_flags(&p);
	CHECK_NEAR(p.clock_min, 1000, 1e-9);          /* cpu1 at the start */
	CHECK_NEAR(p.clock_mean, (2000 + 2500) / 2.0, 1e-9);
	noise_probe_close(&p);

	/* Without cpufreq there is no clock, and no flag from it. */
	snprintf(sys, sizeof sys, "%s/nosys", root);
	setenv("BENCHTOP_SYSFS_ROOT", sys, 1);
	noise_probe_open(&p);
	CHECK_INT(p.nclock, 0);
	noise_probe_mark(&p);
	noise_probe_flags(&p);
	CHECK(isnan(p.clock_min) && isnan(p.clock_mean));
	noise_probe_close(&p);
	unsetenv("BENCHTOP_PROC_ROOT");
	unsetenv("BENCHTOP_SYSFS_ROOT");
}

static void iteration(struct run_results *r, int warmup, double min, double mean)
{
	struct run_event ev = { .type = EV_ITERATION, .test = 0, .warmup = warmup, .value = 1, .noise = 0,
	                        .cpu_mhz_min = min, .cpu_mhz_mean = mean, .t = 1 };
	results_apply(r, &ev);
}

static void test_results(void)
{
	struct test_info info = { .suite = "s", .name = "t", .unit = "s" };
	struct run_results r;
	CHECK_INT(results_init(&r, &info, 1), 0);
	const struct test_result *t = &r.tests[0];
	iteration(&r, 1, 2900, 3000);      /* a warmup sets the best */
	iteration(&r, 0, 2900, 2950);      /* 1.7 % lower: steady */
	iteration(&r, 0, 1200, 2500);      /* 16.7 % lower: a drop */
	iteration(&r, 0, 2800, 2990);
	CHECK_INT(t->noise_n, 3);
	CHECK_INT(t->noise_count[NOISE_CLOCK], 1);
	CHECK_INT(t->disturbed, 1);
	CHECK_NEAR(t->cpu_mhz_min, 1200, 1e-9);
	CHECK_NEAR(t->cpu_mhz_sum / (double)t->cpu_mhz_n, (2950 + 2500 + 2990) / 3.0, 1e-9);
	char buf[300];
	results_noise_text(t, buf, sizeof buf);
	CHECK(strstr(buf, "clock drop (CPU clock min 1200 MHz, mean 2813 MHz)") != NULL);
	CHECK_STR(noise_reason_short(t), "slow");
	CHECK_INT(noise_reason_parse("clock drop"), NOISE_CLOCK);

	/* What a report holds: the written text parsed again (the numbers are raw text until then). */
	cJSON *w = cJSON_CreateObject();
	results_json_rigor(w, t);
	char *text = cJSON_PrintUnformatted(w);
	cJSON *o = cJSON_Parse(text);
	cJSON_free(text);
	cJSON_Delete(w);
	const cJSON *noise = cJSON_GetObjectItemCaseSensitive(o, "noise");
	const cJSON *mhz = cJSON_GetObjectItemCaseSensitive(noise, "cpu_mhz");
	CHECK(cJSON_IsObject(mhz));
	CHECK_NEAR(cJSON_GetObjectItemCaseSensitive(mhz, "min")->valuedouble, 1200, 1e-9);
	const cJSON *reasons = cJSON_GetObjectItemCaseSensitive(noise, "reasons");
	CHECK_STR(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(reasons, 0), "reason")->valuestring,
	          "clock drop");
	struct test_result back;   /* a report read back keeps the figures */
	memset(&back, 0, sizeof back);
	back.cpu_mhz_min = NAN;
	results_json_rigor_read(o, &back);
	CHECK_NEAR(back.cpu_mhz_min, 1200, 1e-9);
	CHECK_NEAR(back.cpu_mhz_sum / (double)back.cpu_mhz_n, (2950 + 2500 + 2990) / 3.0, 1e-9);
	CHECK_INT(back.noise_count[NOISE_CLOCK], 1);
	cJSON_Delete(o);
	results_free(&r);

	/* No clock measured: nothing flagged, no figures. */
	CHECK_INT(results_init(&r, &info, 1), 0);
	iteration(&r, 0, NAN, NAN);
	iteration(&r, 0, 0, 0);
	CHECK_INT(r.tests[0].cpu_mhz_n, 0);
	CHECK_INT(r.tests[0].noise_count[NOISE_CLOCK], 0);
	results_free(&r);
}

int main(void)
{
	snprintf(root, sizeof root, "%s/benchtop-clock.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(root)) {
		fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_probe();
	test_results();
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
	return check_result();
}
