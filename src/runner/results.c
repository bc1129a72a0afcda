#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "results.h"
#include "util.h"

const char *test_status_name(enum test_status s)
{
	switch (s) {
	case TS_QUEUED:  return "queued";
	case TS_WARMUP:  return "warmup";
	case TS_RUNNING: return "running";
	case TS_PASS:    return "pass";
	case TS_FAIL:    return "fail";
	case TS_ERROR:   return "error";
	case TS_TIMEOUT: return "timeout";
	case TS_SKIPPED: return "skipped";
	case TS_STOPPED: return "stopped";
	}
	return "?";
}

int test_status_finished(enum test_status s)
{
	return s == TS_PASS || s == TS_FAIL || s == TS_ERROR || s == TS_TIMEOUT || s == TS_SKIPPED ||
	       s == TS_STOPPED;
}

void results_count_line(const struct run_results *r, int shrt, char *buf, size_t len)
{
	static const enum test_status rest[] = { TS_TIMEOUT, TS_SKIPPED, TS_STOPPED };
	size_t count[TS_LAST + 1] = { 0 };
	for (size_t i = 0; i < r->ntests; i++)
		count[r->tests[i].status]++;
	int n = snprintf(buf, len, "%zu pass, %zu fail, %zu error", count[TS_PASS], count[TS_FAIL], count[TS_ERROR]);
	for (size_t k = 0; k < sizeof rest / sizeof rest[0]; k++)
		if ((!shrt || count[rest[k]]) && n >= 0 && (size_t)n < len)
			n += snprintf(buf + n, len - (size_t)n, ", %zu %s", count[rest[k]], test_status_name(rest[k]));
}

static const char *const noise_names[NOISE_NREASONS] = {
	[NOISE_CPU] = "other processes", [NOISE_STEAL] = "steal",
	[NOISE_THROTTLE] = "throttling", [NOISE_SWAP] = "swapping", [NOISE_CLOCK] = "clock drop",
};

const char *noise_reason_name(int reason)
{
	return reason >= 0 && reason < NOISE_NREASONS ? noise_names[reason] : "?";
}

int noise_reason_parse(const char *name)
{
	for (int i = 0; i < NOISE_NREASONS; i++)
		if (strcmp(name, noise_names[i]) == 0)
			return i;
	return -1;
}

static void results_during_clear(struct test_during *d)
{
	memset(d, 0, sizeof *d);
	d->cpu_peak = d->mem_peak = d->gpu_mem_peak = NAN;
}

int results_init(struct run_results *r, const struct test_info *infos, size_t n)
{
	memset(r, 0, sizeof *r);
	r->started_t = now_real();
	str_copy(r->benchtop_version, PACKAGE_VERSION, sizeof r->benchtop_version);
	r->system.mem_total = NAN;
	r->tests = calloc(n ? n : 1, sizeof *r->tests);
	if (!r->tests)
		return -1;
	r->ntests = n;
	for (size_t i = 0; i < n; i++) {
		struct test_result *t = &r->tests[i];
		t->info = infos[i];
		t->status = TS_QUEUED;
		t->started_t = t->ended_t = NAN;
		t->precision_reached = NAN;
		t->cpu_mhz_min = NAN;
		results_during_clear(&t->during);
		stats_compute(NULL, 0, &t->stats);
	}
	return 0;
}

void results_free(struct run_results *r)
{
	for (size_t i = 0; i < r->ntests; i++) {
		struct test_result *t = &r->tests[i];
		free(t->samples);
		free(t->wall_s);
		free(t->user_s);
		free(t->sys_s);
		free(t->maxrss);
	}
	free(r->tests);
	r->tests = NULL;
	r->ntests = 0;
}

/* Grows every per-iteration array together; -1 when memory ran out (the sample is dropped). */
static int results_reserve(struct test_result *t)
{
	if (t->n < t->cap)
		return 0;
	size_t cap = t->cap ? t->cap * 2 : 16;
	double **arrays[] = { &t->samples, &t->wall_s, &t->user_s, &t->sys_s, &t->maxrss };
	for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) {
		double *p = realloc(*arrays[i], cap * sizeof *p);
		if (!p)
			return -1;
		*arrays[i] = p;
	}
	t->cap = cap;
	return 0;
}

/* An iteration's noise bits with NOISE_CLOCK added when its mean clock fell NOISE_CLOCK_DROP
 * below the test's best so far; the best then takes it in. */
static int results_clock_noise(struct test_result *t, const struct run_event *ev)
{
	int noise = ev->noise;
	if (!(ev->cpu_mhz_mean > 0))
		return noise;
	if (noise >= 0 && ev->cpu_mhz_mean < (1 - NOISE_CLOCK_DROP) * t->cpu_mhz_best)
		noise |= 1 << NOISE_CLOCK;
	if (ev->cpu_mhz_mean > t->cpu_mhz_best)
		t->cpu_mhz_best = ev->cpu_mhz_mean;
	return noise;
}

/* Each change that can move a test into or out of the finished ones comes here, so that
 * r->nfinished stays true (a threshold turning pass into fail does not). */
static void results_set_status(struct run_results *r, struct test_result *t, enum test_status s)
{
	r->nfinished -= (size_t)test_status_finished(t->status);
	r->nfinished += (size_t)test_status_finished(s);
	t->status = s;
}

void results_apply(struct run_results *r, const struct run_event *ev)
{
	if (ev->test < 0 || (size_t)ev->test >= r->ntests)
		return;
	struct test_result *t = &r->tests[ev->test];
	switch (ev->type) {
	case EV_TEST_STATE:
		if (ev->status == TS_QUEUED) {
			/* Queued again (run anew from the dashboard): it starts from nothing. */
			results_set_status(r, t, TS_QUEUED);
			t->warmups_done = 0;
			t->n = 0;
			t->error[0] = '\0';
			t->stop[0] = '\0';
			t->noise_n = t->disturbed = 0;
			memset(t->noise_count, 0, sizeof t->noise_count);
			t->cpu_mhz_min = NAN;
			t->cpu_mhz_sum = t->cpu_mhz_best = 0;
			t->cpu_mhz_n = 0;
			memset(&t->during, 0, sizeof t->during);
			t->started_t = t->ended_t = NAN;
			break;
		}
		results_set_status(r, t, ev->status);
		if (ev->status != TS_QUEUED && isnan(t->started_t))
			t->started_t = ev->t;
		if (test_status_finished(ev->status))
			t->ended_t = ev->t;
		if (ev->stop[0])
			str_copy(t->stop, ev->stop, sizeof t->stop);
		if ((ev->status == TS_ERROR || ev->status == TS_TIMEOUT || ev->status == TS_FAIL ||
		     ev->status == TS_SKIPPED || ev->status == TS_STOPPED) &&
		    ev->text[0])
			str_copy(t->error, ev->text, sizeof t->error);
		break;
	case EV_ITERATION: {
		if (isnan(t->started_t))
			t->started_t = ev->t;
		int noise = results_clock_noise(t, ev);
		if (ev->warmup) {
			t->warmups_done++;
			break;
		}
		if (results_reserve(t) < 0)
			break;
		t->samples[t->n] = ev->value;
		t->wall_s[t->n] = ev->wall_s;
		t->user_s[t->n] = ev->user_s;
		t->sys_s[t->n] = ev->sys_s;
		t->maxrss[t->n] = ev->maxrss;
		t->n++;
		if (ev->cpu_mhz_mean > 0) {
			t->cpu_mhz_min = isnan(t->cpu_mhz_min) || ev->cpu_mhz_min < t->cpu_mhz_min ? ev->cpu_mhz_min
			                                                                            : t->cpu_mhz_min;
			t->cpu_mhz_sum += ev->cpu_mhz_mean;
			t->cpu_mhz_n++;
		}
		if (noise >= 0) {
			t->noise_n++;
			t->disturbed += noise != 0;
			for (int k = 0; k < NOISE_NREASONS; k++)
				t->noise_count[k] += (noise >> k) & 1;
		}
		break;
	}
	case EV_LOG:
		break;
	}
}

/* The larger of two figures, where NAN means "none yet". */
static double results_peak(double peak, double v)
{
	if (isnan(v))
		return peak;
	return isnan(peak) || v > peak ? v : peak;
}

void results_frame(struct run_results *r, const struct frame *f)
{
	double gpu_util = NAN, gpu_mem = NAN;
	for (int g = 0; g < f->ngpus && g < FRAME_MAX_GPUS; g++) {
		gpu_util = results_peak(gpu_util, f->gpus[g].util);
		if (isfinite(f->gpus[g].mem_used))
			gpu_mem = (isnan(gpu_mem) ? 0 : gpu_mem) + f->gpus[g].mem_used;
	}
	for (size_t i = 0; i < r->ntests; i++) {
		struct test_result *t = &r->tests[i];
		if (t->status != TS_WARMUP && t->status != TS_RUNNING)
			continue;
		struct test_during *d = &t->during;
		if (isfinite(f->cpu.total)) {
			d->n++;
			d->cpu_sum += f->cpu.total;
			d->cpu_peak = results_peak(d->cpu_peak, f->cpu.total);
		}
		d->mem_peak = results_peak(d->mem_peak, f->mem.used);
		if (isfinite(gpu_util)) {
			d->gpu_n++;
			d->gpu_util_sum += gpu_util;
		}
		d->gpu_mem_peak = results_peak(d->gpu_mem_peak, gpu_mem);
	}
}

/* The throughput of a test with this mean: the mean itself when higher is better, else
 * operations per second from a time; NAN when it is neither. */
static double throughput_of(const struct test_info *in, double mean)
{
	static const struct { const char *unit; double seconds; } times[] = {
		{ "s", 1 }, { "ms", 1e-3 }, { "us", 1e-6 }, { "ns", 1e-9 },
	};
	if (!isfinite(mean))
		return NAN;
	if (in->higher_is_better)
		return mean;
	for (size_t i = 0; i < sizeof times / sizeof times[0]; i++)
		if (strcmp(in->unit, times[i].unit) == 0)
			return mean > 0 ? 1.0 / (mean * times[i].seconds) : NAN;
	return NAN;
}

double results_throughput(const struct test_result *t)
{
	return throughput_of(&t->info, t->stats.mean);
}

int results_threshold_missed(const struct test_info *in, double mean, char *why, size_t whylen)
{
	/* A limit met to the last bit of floating error is met: (0.1 + 0.2 + 0.6) / 3 is 0.3. */
	if (isfinite(in->max_mean) && isfinite(mean) && exceeds(mean, in->max_mean)) {
		c_snprintf(why, whylen, "mean %.6g %s is above max_mean %.6g %s by %.1f %%",
		           mean, in->unit, in->max_mean, in->unit,
		           in->max_mean != 0 ? (mean - in->max_mean) / fabs(in->max_mean) * 100 : INFINITY);
		return 1;
	}
	if (!isfinite(in->min_throughput))
		return 0;
	double tp = throughput_of(in, mean);
	const char *u = in->higher_is_better ? in->unit : "ops/s";
	if (isnan(tp)) {
		c_snprintf(why, whylen,
		           "min_throughput %.6g cannot be checked: metric %s in %s is neither higher-is-better nor a time",
		           in->min_throughput, in->metric, in->unit);
		return 1;
	}
	if (exceeds(in->min_throughput, tp)) {
		c_snprintf(why, whylen, "throughput %.6g %s is below min_throughput %.6g %s by %.1f %%",
		           tp, u, in->min_throughput, u,
		           in->min_throughput != 0 ? (in->min_throughput - tp) / fabs(in->min_throughput) * 100 : 0.0);
		return 1;
	}
	return 0;
}

/* A passed test that misses one of its thresholds fails, saying which and by how much. */
static void results_check_thresholds(struct test_result *t)
{
	if (results_threshold_missed(&t->info, t->stats.mean, t->error, sizeof t->error))
		t->status = TS_FAIL;
}

void results_finish(struct run_results *r)
{
	for (size_t i = 0; i < r->ntests; i++) {
		struct test_result *t = &r->tests[i];
		stats_compute(t->samples, t->n, &t->stats);
		t->precision_reached = t->stats.n >= 2 && isfinite(t->stats.ci95_hi) && t->stats.mean != 0
		                       ? (t->stats.ci95_hi - t->stats.mean) / fabs(t->stats.mean) : NAN;
		switch (t->status) {
		case TS_QUEUED:
			results_set_status(r, t, TS_SKIPPED);
			break;
		case TS_WARMUP:
		case TS_RUNNING:
			/* The run ended (signal, duration, kill -9 of a journal) in the middle of this
			 * test: what it measured stands, and it is not an error. */
			results_set_status(r, t, TS_STOPPED);
			if (!t->error[0]) {
				if (t->info.iterations > 0 && !(t->info.precision > 0))
					snprintf(t->error, sizeof t->error, "stopped after %zu of %d iterations", t->n,
					         t->info.iterations);
				else
					snprintf(t->error, sizeof t->error, "stopped after %zu iterations", t->n);
			}
			if (!t->stop[0])
				str_copy(t->stop, "stopped", sizeof t->stop);
			break;
		case TS_PASS:
			results_check_thresholds(t);
			break;
		default:
			break;
		}
	}
}

int results_exit_code(const struct run_results *r)
{
	for (size_t i = 0; i < r->ntests; i++) {
		enum test_status s = r->tests[i].status;
		if (s == TS_FAIL || s == TS_ERROR || s == TS_TIMEOUT)
			return 1;
	}
	return 0;
}

double results_noise_share(const struct test_result *t)
{
	return t->noise_n ? (double)t->disturbed / (double)t->noise_n : NAN;
}

int results_test_disturbed(const struct test_result *t)
{
	double share = results_noise_share(t);
	return t->disturbed > 0 && share >= RESULTS_DISTURBED_SHARE;
}

int results_disturbed(const struct run_results *r)
{
	for (size_t i = 0; i < r->ntests; i++)
		if (results_test_disturbed(&r->tests[i]))
			return 1;
	return 0;
}

const char *noise_reason_short(const struct test_result *t)
{
	static const char *const words[NOISE_NREASONS] = {
		[NOISE_CPU] = "busy", [NOISE_STEAL] = "steal", [NOISE_THROTTLE] = "hot", [NOISE_SWAP] = "swap",
		[NOISE_CLOCK] = "slow",
	};
	int best = 0;
	for (int k = 1; k < NOISE_NREASONS; k++)
		if (t->noise_count[k] > t->noise_count[best])
			best = k;
	return words[best];
}

char *results_noise_text(const struct test_result *t, char *buf, size_t len)
{
	if (!len)
		return buf;
	buf[0] = '\0';
	if (!results_test_disturbed(t))
		return buf;
	int n = snprintf(buf, len, "%.0f%% disturbed:", 100 * results_noise_share(t));
	const char *sep = " ";
	for (int k = 0; k < NOISE_NREASONS && n > 0 && (size_t)n < len; k++)
		if (t->noise_count[k]) {
			n += snprintf(buf + n, len - (size_t)n, "%s%s", sep, noise_reason_name(k));
			sep = ", ";
		}
	if (t->noise_count[NOISE_CLOCK] && t->cpu_mhz_n && n > 0 && (size_t)n < len)
		c_snprintf(buf + n, len - (size_t)n, " (CPU clock min %.0f MHz, mean %.0f MHz)", t->cpu_mhz_min,
		           t->cpu_mhz_sum / (double)t->cpu_mhz_n);
	return buf;
}

/* The value of "key : value" lines such as /proc/cpuinfo's; -1 when absent. */
static int results_proc_field(const char *path, const char *key, char *out, size_t len)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[512];
	size_t klen = strlen(key);
	int found = -1;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, key, klen) != 0)
			continue;
		char *p = line + klen;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != ':')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		p[strcspn(p, "\n")] = '\0';
		str_copy(out, p, len);
		found = 0;
		break;
	}
	fclose(f);
	return found;
}

void system_info_collect(struct system_info *si, const struct frame *f)
{
	memset(si, 0, sizeof *si);
	if (gethostname(si->hostname, sizeof si->hostname) < 0)
		str_copy(si->hostname, "unknown", sizeof si->hostname);
	si->hostname[sizeof si->hostname - 1] = '\0';

	struct utsname u;
	int have_uname = uname(&u) == 0;
	if (results_proc_field("/proc/cpuinfo", "model name", si->cpu_model, sizeof si->cpu_model) < 0 &&
	    results_proc_field("/proc/cpuinfo", "Model", si->cpu_model, sizeof si->cpu_model) < 0 &&
	    have_uname)
		str_copy(si->cpu_model, u.machine, sizeof si->cpu_model);

	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	si->cores = cores > 0 ? (int)cores : 0;

	char mem[64];
	double kb;
	si->mem_total = NAN;
	if (results_proc_field("/proc/meminfo", "MemTotal", mem, sizeof mem) == 0) {
		mem[strcspn(mem, " ")] = '\0';
		if (parse_double(mem, &kb) == 0)
			si->mem_total = kb * 1024.0;
	}
	if (isnan(si->mem_total)) {
		long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
		if (pages > 0 && page > 0)
			si->mem_total = (double)pages * (double)page;
	}
	if (have_uname)
		snprintf(si->kernel, sizeof si->kernel, "%.60s %.60s", u.sysname, u.release);

	if (f)
		for (int i = 0; i < f->ngpus && i < FRAME_MAX_GPUS; i++)
			str_copy(si->gpus[si->ngpus++], f->gpus[i].name, sizeof si->gpus[0]);
}
