/* test-stress-gpu.c - the gpu stressor (src/stress/stress-gpu.c) on the fake libcuda and fake NVML:
 * one worker per GPU, results checked with mismatches counted per GPU, a launch failure and a
 * GPU that falls off the bus each stopping only their worker with one message and staying
 * STOPPED across a restart, each GPU's verdict said once, the busy % within 0..100, the
 * bandwidth method, the per-GPU lines, and bad settings refused. Timing is never asserted
 * tightly: the fake "runs" kernels on a loaded CPU. */
#include "config.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "frame.h"
#include "stress.h"

static long (*fake_launches)(int);
static int (*fake_refs)(int);

static char said[64][256];
static int nsaid;

static void collect(void *arg, const char *line)
{
	(void)arg;
	if (nsaid < 64)
		snprintf(said[nsaid++], sizeof said[0], "%s", line);
}

static void ignore(void *arg, const char *line)
{
	(void)arg, (void)line;
}

static int said_count(const char *a, const char *b)
{
	int n = 0;
	for (int i = 0; i < nsaid; i++)
		n += strstr(said[i], a) && (!b || strstr(said[i], b));
	return n;
}

static void dump_said(void)
{
	for (int i = 0; i < nsaid; i++)
		fprintf(stderr, "  said: %s\n", said[i]);
}

static void nap(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	nanosleep(&ts, NULL);
}

#define STRESS_GPU stress_find("gpu")

/* One setting as the command line gives it; the test fails when it is refused. */
static void gset(struct stress_config *cfg, const char *option, const char *text)
{
	char why[256];
	if (stress_config_set(cfg, option, text, why, sizeof why) < 0) {
		fprintf(stderr, "--%s %s: %s\n", option, text, why);
		CHECK(0);
	}
}

/* Small work, so that the fake's CPU "kernels" take milliseconds. */
static void small(struct stress_config *cfg, const char *method)
{
	stress_config_init(cfg);
	gset(cfg, "gpu", "all");
	gset(cfg, "gpu-method", method);
	gset(cfg, "gpu-blocks", "4");
	gset(cfg, "gpu-bytes", "64K");
	gset(cfg, "gpu-load", "100");
}

/* Waits up to secs for the device's launches to pass n. */
static int wait_launches(int dev, long n, double secs)
{
	for (double t = 0; t < secs; t += 0.05) {
		if (fake_launches(dev) >= n)
			return 1;
		nap(0.05);
	}
	return 0;
}

/* Waits up to 30 s for one of the two GPU workers to have stopped. */
static int wait_one_worker_left(struct stress *s)
{
	struct frame_stress d;
	for (double t = 0; t < 30; t += 0.05) {
		nap(0.05);
		stress_describe(s, STRESS_GPU, &d);
		if (d.workers == 1)
			return 1;
	}
	return 0;
}

static void test_runs_and_checks(void)
{
	struct stress_config cfg;
	struct stress *s;
	char why[256], line[256];
	small(&cfg, "mixed");
	gset(&cfg, "gpu-load", "60");
	CHECK_INT(stress_available(STRESS_GPU, why, sizeof why), 0);
	long l0 = fake_launches(0), l1 = fake_launches(1);
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	CHECK(wait_launches(0, l0 + 40, 30) && wait_launches(1, l1 + 40, 30));
	struct frame f;
	frame_clear(&f);
	stress_fill_frame(s, &f);
	nap(0.3);
	frame_clear(&f);
	stress_fill_frame(s, &f);
	CHECK_INT(f.nstress, 4);
	CHECK_STR(f.stress[STRESS_GPU].name, "gpu");
	CHECK_STR(f.stress[STRESS_GPU].unit, "%");
	CHECK_INT(f.stress[STRESS_GPU].workers, 2);
	CHECK_NEAR(f.stress[STRESS_GPU].target, 60, 0);
	CHECK(f.stress[STRESS_GPU].achieved > 0 && f.stress[STRESS_GPU].achieved <= 100.5);
	CHECK_INT(fake_refs(0), 1);
	CHECK_INT(fake_refs(1), 1);
	stress_summary(s, STRESS_GPU, line, sizeof line);
	CHECK_STR(line, "all x mixed 60 %");
	/* A line per GPU: the fake NVML's figures for the card at the same bus id. */
	CHECK_INT(stress_detail(s, STRESS_GPU, 0, line, sizeof line), 0);
	CHECK(strstr(line, "GPU 0 0000:AF:00.0  60 % -> ") != NULL);
	CHECK(strstr(line, " 0 errors  44°C 27 W 585 MHz") != NULL);
	if (!strstr(line, "585 MHz"))
		fprintf(stderr, "detail 0: %s\n", line);
	CHECK_INT(stress_detail(s, STRESS_GPU, 1, line, sizeof line), 0);
	CHECK(strstr(line, "GPU 1 0000:3B:00.0") && strstr(line, "61°C 252 W 1410 MHz"));
	CHECK_INT(stress_detail(s, STRESS_GPU, 2, line, sizeof line), -1);
	CHECK_INT(stress_adjust(s, STRESS_GPU, -1), 0);
	struct frame_stress d;
	stress_describe(s, STRESS_GPU, &d);
	CHECK_NEAR(d.target, 50, 0);
	/* Turned off: each GPU's verdict, in the log once. */
	unsigned seen = 0;
	stress_each_message(s, &seen, ignore, NULL);
	CHECK_INT(stress_toggle(s, STRESS_GPU), 0);
	nsaid = 0;
	stress_each_message(s, &seen, collect, NULL);
	CHECK_INT(said_count("gpu: GPU 0 NVIDIA Fake T4 (0000:AF:00.0): OK, 0 errors in ", NULL), 1);
	CHECK_INT(said_count("gpu: GPU 1 NVIDIA Fake A100 (0000:3B:00.0): OK, 0 errors in ", NULL), 1);
	CHECK_INT(said_count("mismatch", NULL), 0);
	stress_describe(s, STRESS_GPU, &d);
	CHECK_INT(d.on, 0);
	CHECK_INT(fake_refs(0), 0);
	CHECK_INT(fake_refs(1), 0);
	/* Toggled back on: the same GPUs again. */
	CHECK_INT(stress_toggle(s, STRESS_GPU), 0);
	stress_describe(s, STRESS_GPU, &d);
	CHECK_INT(d.workers, 2);
	/* Stopped at the end: the summary gives the verdicts, the log does not say them again. */
	stress_stop(s);
	nsaid = 0;
	stress_each_message(s, &seen, collect, NULL);
	CHECK_INT(said_count("errors in", NULL), 0);
	struct stress_device dev[4];
	char text[256];
	CHECK_INT(stress_devices(s, STRESS_GPU, dev, 4), 2);
	CHECK(strstr(stress_device_text(&dev[0], text, sizeof text), "GPU 0 0000:AF:00.0: OK, 0 errors in ") == text);
	CHECK_INT(dev[1].failed, 0);
	struct stress_outcome o;
	stress_outcome(s, STRESS_GPU, &o);
	CHECK_INT(o.configured, 1);
	CHECK_INT(o.ran, 1);
	CHECK_INT(o.quits, 0);
	if (check_failures)
		dump_said();
	stress_free(s);
	CHECK_INT(fake_refs(0), 0);
}

static void test_mismatches_counted(void)
{
	struct stress_config cfg;
	struct stress *s;
	char why[256], line[256];
	small(&cfg, "fma");
	setenv("FAKE_CUDA_DEVICE", "1", 1);
	setenv("FAKE_CUDA_CORRUPT_EVERY", "4", 1);
	long l1 = fake_launches(1);
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	CHECK(wait_launches(1, l1 + 60, 30));
	nsaid = 0;
	stress_each_message(s, NULL, collect, NULL);
	CHECK(said_count("gpu: GPU 1 (0000:3B:00.0): ", "result mismatch") >= 1);
	CHECK_INT(said_count("gpu: GPU 0 (0000:AF:00.0): ", "mismatch"), 0);
	CHECK_INT(stress_detail(s, STRESS_GPU, 1, line, sizeof line), 0);
	CHECK(strstr(line, " 0 errors") == NULL && strstr(line, " FAULTY") != NULL);
	CHECK_INT(stress_toggle(s, STRESS_GPU), 0);   /* off: the verdicts */
	nsaid = 0;
	stress_each_message(s, NULL, collect, NULL);
	CHECK_INT(said_count("gpu: GPU 1 NVIDIA Fake A100 (0000:3B:00.0): FAULTY, ", " errors in "), 1);
	CHECK_INT(said_count("gpu: GPU 0 NVIDIA Fake T4 (0000:AF:00.0): OK, 0 errors in ", NULL), 1);
	/* The last mismatches come before the verdict that sums them up. */
	int verdict = -1, last_mismatch = -1;
	for (int i = 0; i < nsaid; i++) {
		if (strstr(said[i], "FAULTY"))
			verdict = i;
		if (strstr(said[i], "result mismatch"))
			last_mismatch = i;
	}
	CHECK(verdict > last_mismatch);
	struct stress_device dev[4];
	CHECK_INT(stress_devices(s, STRESS_GPU, dev, 4), 2);
	CHECK_INT(stress_device_state(&dev[1]), SDEV_FAULTY);
	CHECK_INT(stress_device_state(&dev[0]), SDEV_OK);
	if (check_failures)
		dump_said();
	stress_free(s);
	unsetenv("FAKE_CUDA_CORRUPT_EVERY");
	unsetenv("FAKE_CUDA_DEVICE");
}

/* A launch failure on one GPU, then one that falls off the bus: that worker stops with one
 * message, the other goes on. */
static void test_one_gpu_stops(const char *env, const char *error)
{
	struct stress_config cfg;
	struct stress *s;
	char why[256], n[32];
	small(&cfg, "fma");
	snprintf(n, sizeof n, "%ld", fake_launches(0) + 30);
	setenv("FAKE_CUDA_DEVICE", "0", 1);
	setenv(env, n, 1);
	long l1 = fake_launches(1);
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	CHECK(wait_one_worker_left(s));
	long at = fake_launches(1);
	CHECK(at > l1);
	CHECK(wait_launches(1, at + 20, 30));       /* the other GPU goes on */
	nsaid = 0;
	stress_each_message(s, NULL, collect, NULL);
	CHECK_INT(said_count("gpu: GPU 0 NVIDIA Fake T4 (0000:AF:00.0) stopped: cuLaunchKernel: ", error), 1);
	char line[256], text[256];
	CHECK_INT(stress_detail(s, STRESS_GPU, 0, line, sizeof line), 0);
	CHECK(strstr(line, "GPU 0 0000:AF:00.0  STOPPED: cuLaunchKernel: ") && strstr(line, error));
	/* Off and on again: the lost GPU fails again, and stays listed as it first failed. */
	unsigned seen = 0;
	stress_each_message(s, &seen, ignore, NULL);
	CHECK_INT(stress_toggle(s, STRESS_GPU), 0);
	CHECK_INT(stress_toggle(s, STRESS_GPU), 0);
	CHECK(wait_one_worker_left(s));
	stress_stop(s);
	nsaid = 0;
	stress_each_message(s, &seen, collect, NULL);
	CHECK_INT(said_count("gpu: GPU 1 NVIDIA Fake A100 (0000:3B:00.0): OK", NULL), 1);   /* turned off */
	CHECK_INT(said_count("gpu: GPU 0 NVIDIA Fake T4 (0000:AF:00.0): ", NULL), 0);    /* it had stopped */
	CHECK_INT(said_count("errors in", "OK"), 1);
	struct stress_device dev[4];
	CHECK_INT(stress_devices(s, STRESS_GPU, dev, 4), 2);
	CHECK_INT(stress_device_state(&dev[0]), SDEV_STOPPED);
	CHECK(strstr(stress_device_text(&dev[0], text, sizeof text), "GPU 0 0000:AF:00.0: STOPPED, 0 errors in ") == text &&
	      strstr(text, error));
	CHECK_INT(stress_device_state(&dev[1]), SDEV_OK);
	struct stress_outcome o;
	stress_outcome(s, STRESS_GPU, &o);
	CHECK(o.quits >= 1 && strstr(o.why, "gpu: GPU 0 NVIDIA Fake T4 (0000:AF:00.0) stopped: ") == o.why);
	if (check_failures)
		dump_said();
	stress_free(s);
	unsetenv(env);
	unsetenv("FAKE_CUDA_DEVICE");
	CHECK_INT(fake_refs(0), 0);
}

/* An Xid the driver reports for one GPU (NVML's events; the fake NVML's index 1 is the card
 * at 0000:AF:00.0, CUDA's GPU 0) stops that GPU's worker with the Xid and what it means;
 * the other GPU goes on. */
static void test_xid_stops_one_gpu(void)
{
	struct stress_config cfg;
	struct stress *s;
	char why[256];
	small(&cfg, "fma");
	setenv("FAKE_NVML_XID", "79", 1);
	setenv("FAKE_NVML_XID_GPU", "1", 1);
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	CHECK(wait_one_worker_left(s));
	long at = fake_launches(1);
	CHECK(wait_launches(1, at + 20, 30));       /* the other GPU goes on */
	nsaid = 0;
	stress_each_message(s, NULL, collect, NULL);
	CHECK_INT(said_count("gpu: GPU 0 NVIDIA Fake T4 (0000:AF:00.0) stopped: Xid 79 from the driver: "
	                     "the GPU fell off the bus (", NULL), 1);
	stress_stop(s);
	struct stress_device dev[4];
	char text[256];
	CHECK_INT(stress_devices(s, STRESS_GPU, dev, 4), 2);
	CHECK(strstr(stress_device_text(&dev[0], text, sizeof text), "GPU 0 0000:AF:00.0: STOPPED, 0 errors in ") == text &&
	      strstr(text, ": Xid 79 from the driver: the GPU fell off the bus"));
	CHECK_INT(stress_device_state(&dev[1]), SDEV_OK);
	if (check_failures) {
		fprintf(stderr, "device 0: %s\n", text);
		dump_said();
	}
	stress_free(s);
	unsetenv("FAKE_NVML_XID");
	unsetenv("FAKE_NVML_XID_GPU");
	CHECK_INT(fake_refs(0), 0);
}

/* The busy % of a GPU's line over the last interval; NAN when the line has none (stopped). */
static double line_busy(struct stress *s, int i)
{
	char line[256];
	double v = NAN;
	if (stress_detail(s, STRESS_GPU, i, line, sizeof line) == 0 && strstr(line, "-> "))
		sscanf(strstr(line, "-> ") + 3, "%lf", &v);
	return v;
}

/* Sampled far more often than a step lasts, and with a GPU that dies on the way: each GPU's busy %
 * stays within 0..100, and the row is their mean (not the busy time over the workers left). */
static void test_busy_within_bounds(void)
{
	struct stress_config cfg;
	struct stress *s;
	char why[256], n[32];
	small(&cfg, "fma");
	snprintf(n, sizeof n, "%ld", fake_launches(0) + 80);
	setenv("FAKE_CUDA_DEVICE", "0", 1);
	setenv("FAKE_CUDA_FAIL_AFTER", n, 1);
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	double most = 0, least = 0, worst_gap = 0;
	int both = 0;
	struct frame f;
	for (int k = 0; k < 150; k++) {
		nap(0.02);
		frame_clear(&f);
		stress_fill_frame(s, &f);
		double row = f.stress[STRESS_GPU].achieved, b0 = line_busy(s, 0), b1 = line_busy(s, 1);
		most = fmax(most, fmax(row, fmax(isfinite(b0) ? b0 : 0, isfinite(b1) ? b1 : 0)));
		least = fmin(least, fmin(row, fmin(isfinite(b0) ? b0 : 0, isfinite(b1) ? b1 : 0)));
		if (isfinite(b0) && isfinite(b1) && f.stress[STRESS_GPU].workers == 2) {   /* %.1f in the lines */
			worst_gap = fmax(worst_gap, fabs(row - (b0 + b1) / 2));
			both++;
		}
	}
	CHECK(most <= 100 + 1e-9);
	CHECK(least >= 0);
	CHECK(both > 0 && worst_gap <= 0.1 + 1e-9);
	if (check_failures)
		fprintf(stderr, "busy: most %.2f, least %.2f, row against the lines' mean: %.3f in %d samples\n", most,
		        least, worst_gap, both);
	stress_free(s);
	unsetenv("FAKE_CUDA_FAIL_AFTER");
	unsetenv("FAKE_CUDA_DEVICE");
}

static void test_bandwidth(void)
{
	struct stress_config cfg;
	struct stress *s;
	char why[256], line[256];
	small(&cfg, "bandwidth");
	gset(&cfg, "gpu", "1");
	gset(&cfg, "gpu-blocks", "0");              /* the default: 4 an SM, never a grid of none */
	long l0 = fake_launches(0), l1 = fake_launches(1);
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	CHECK(wait_launches(0, l0 + 40, 30));
	CHECK_INT(fake_launches(1), l1);            /* --gpu 1: the first GPU only */
	for (double t = 0; t < 30; t += 0.05) {   /* published at the end of a 100 ms period */
		CHECK_INT(stress_detail(s, STRESS_GPU, 0, line, sizeof line), 0);
		if (strstr(line, "iB/s "))
			break;
		nap(0.05);
	}
	CHECK(strstr(line, "iB/s ") && strstr(line, " 0 errors"));
	if (!strstr(line, "iB/s "))
		fprintf(stderr, "detail: %s\n", line);
	CHECK_INT(stress_detail(s, STRESS_GPU, 1, line, sizeof line), -1);
	stress_summary(s, STRESS_GPU, line, sizeof line);
	CHECK_STR(line, "1 x bandwidth 100 %");
	stress_free(s);

	/* More GPUs than there are: capped, with a message. */
	gset(&cfg, "gpu", "5");
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	nsaid = 0;
	stress_each_message(s, NULL, collect, NULL);
	CHECK_INT(said_count("gpu: 5 GPUs asked for, 2 found: using 2", NULL), 1);
	stress_free(s);
}

static void test_bad_settings(void)
{
	struct stress_config cfg;
	struct stress *s;
	char why[256];
	small(&cfg, "fma");
	CHECK_INT(stress_config_set(&cfg, "gpu", "two", why, sizeof why), -1);
	CHECK(strstr(why, "'two'") && strstr(why, "or all"));
	CHECK_INT(stress_config_set(&cfg, "gpu-load", "0", why, sizeof why), -1);
	CHECK(strstr(why, "'0'") && strstr(why, "1 to 100"));
	stress_config_init(&cfg);
	gset(&cfg, "gpu", "all");
	CHECK_INT(stress_config_set(&cfg, "gpu-method", "tensor", why, sizeof why) == 0 &&
	          stress_start(&s, &cfg, why, sizeof why) == 0, 0);
	CHECK(strstr(why, "tensor") != NULL);
}

int main(void)
{
	const char *b = getenv("top_builddir");
	char lib[1024], nvml[1024];
	snprintf(lib, sizeof lib, "%s/tests/libcuda-fake.so", b && *b ? b : ".");
	snprintf(nvml, sizeof nvml, "%s/tests/libnvidia-ml-fake.so", b && *b ? b : ".");
	setenv("BENCHTOP_CUDA_LIB", lib, 1);
	setenv("BENCHTOP_NVML_LIB", nvml, 1);
	void *self = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	if (!self) {
		fprintf(stderr, "%s\n", dlerror());
		return 99;
	}
	fake_launches = (long (*)(int))dlsym(self, "fake_cuda_launches");
	fake_refs = (int (*)(int))dlsym(self, "fake_cuda_ctx_refs");
	if (!fake_launches || !fake_refs)
		return 99;
	test_bad_settings();
	test_runs_and_checks();
	test_mismatches_counted();
	test_one_gpu_stops("FAKE_CUDA_FAIL_AFTER", "CUDA_ERROR_LAUNCH_FAILED: unspecified launch failure");
	test_one_gpu_stops("FAKE_CUDA_LOSE_AFTER", "CUDA_ERROR_UNKNOWN: unknown error");
	test_xid_stops_one_gpu();
	test_busy_within_bounds();
	test_bandwidth();
	dlclose(self);
	return check_result();
}
