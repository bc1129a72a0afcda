/* report-fixture.h - a small scripted run for the results, journal and export tests:
 * a command that passes, a kernel that misses its throughput target (and whose name needs
 * escaping in every format), a command that errors, and a test the run never reached. */
#ifndef BENCHTOP_REPORT_FIXTURE_H
#define BENCHTOP_REPORT_FIXTURE_H

#include <math.h>
#include <string.h>

#include "results.h"
#include "util.h"

#define FIXTURE_NTESTS 4
#define FIXTURE_T0 1714564800.0   /* 2024-05-01T12:00:00Z */

static inline struct test_info fixture_info(const char *suite, const char *name, const char *kind,
                                     const char *variant, const char *metric, const char *unit,
                                     int higher)
{
	struct test_info in;
	memset(&in, 0, sizeof in);
	str_copy(in.suite, suite, sizeof in.suite);
	str_copy(in.name, name, sizeof in.name);
	str_copy(in.kind, kind, sizeof in.kind);
	str_copy(in.variant, variant, sizeof in.variant);
	str_copy(in.metric, metric, sizeof in.metric);
	str_copy(in.unit, unit, sizeof in.unit);
	in.higher_is_better = higher;
	in.iterations = 5;
	in.warmup = 1;
	in.min_time = NAN;
	in.timeout = 10;
	in.max_mean = NAN;
	in.min_throughput = NAN;
	return in;
}

static inline void fixture_infos(struct test_info *in)
{
	in[0] = fixture_info("quick", "sleep", "command", "{\"ms\": 10, \"mode\": \"cpu\"}",
	                     "wall_time", "s", 0);
	in[0].max_mean = 1.0;
	in[1] = fixture_info("quick", "float <&\"'>, |x|", "cpu.float", "{}", "throughput", "GFLOP/s", 1);
	in[1].min_throughput = 1000;
	in[2] = fixture_info("other", "crash", "shell", "{}", "wall_time", "s", 0);
	in[3] = fixture_info("other", "never", "cpu.int", "{}", "throughput", "Gop/s", 1);
}

static inline struct run_event fixture_state(int test, enum test_status s, double t, const char *text)
{
	struct run_event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = EV_TEST_STATE;
	ev.test = test;
	ev.status = s;
	ev.t = t;
	str_copy(ev.text, text ? text : "", sizeof ev.text);
	return ev;
}

static inline struct run_event fixture_iter(int test, int k, int warmup, double t, double value, int command)
{
	struct run_event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = EV_ITERATION;
	ev.test = test;
	ev.iteration = k;
	ev.warmup = warmup;
	ev.t = t;
	ev.value = value;
	ev.wall_s = command ? value : NAN;
	ev.user_s = command ? value * 0.25 : NAN;
	ev.sys_s = command ? value * 0.125 : NAN;
	ev.maxrss = command ? 2048.0 * 1024 * (k + 1) : NAN;
	return ev;
}

/* The events of the run, in order, into ev (room for 64); returns how many. */
static inline int fixture_events(struct run_event *ev)
{
	/* Values with long decimal expansions, so precision losses would show. */
	static const double sleep_s[] = { 0.0101234567891234, 0.0109876543219876, 0.0102,
	                                  0.0104444444444444, 0.0113333333333333 };
	static const double gflops[] = { 10.1, 9.87654321, 10.5, 11.25, 9.999 };
	double t = FIXTURE_T0;
	int n = 0;
	ev[n++] = fixture_state(0, TS_WARMUP, t += 0.1, NULL);
	ev[n++] = fixture_iter(0, 1, 1, t += 0.1, 0.5, 1);
	ev[n++] = fixture_state(0, TS_RUNNING, t += 0.1, NULL);
	for (int k = 0; k < 5; k++)
		ev[n++] = fixture_iter(0, k + 1, 0, t += 0.1, sleep_s[k], 1);
	ev[n++] = fixture_state(0, TS_PASS, t += 0.1, NULL);
	ev[n++] = fixture_state(1, TS_RUNNING, t += 0.1, NULL);
	for (int k = 0; k < 5; k++)
		ev[n++] = fixture_iter(1, k + 1, 0, t += 0.1, gflops[k], 0);
	ev[n++] = fixture_state(1, TS_PASS, t += 0.1, NULL);
	ev[n++] = fixture_state(2, TS_RUNNING, t += 0.1, NULL);
	ev[n++] = fixture_iter(2, 1, 0, t += 0.1, 0.25, 1);
	ev[n++] = fixture_state(2, TS_ERROR, t += 0.1, "exit status 3: \"boom\" <stderr> & more");
	return n;
}

/* A frame with the CPU at cpu percent and one GPU. */
static inline struct frame fixture_frame(double cpu, double mem, double gpu_util)
{
	struct frame f;
	frame_clear(&f);
	f.cpu.total = cpu;
	f.mem.used = mem;
	f.ngpus = 1;
	str_copy(f.gpus[0].name, "Test GPU 9000", sizeof f.gpus[0].name);
	f.gpus[0].util = gpu_util;
	f.gpus[0].mem_used = 1e9;
	f.gpus[0].mem_total = 8e9;
	return f;
}

/* The fixture run, events applied (frames while the first two tests run), not finished. */
static inline int fixture_run(struct run_results *r)
{
	struct test_info in[FIXTURE_NTESTS];
	struct run_event ev[64];
	fixture_infos(in);
	if (results_init(r, in, FIXTURE_NTESTS) < 0)
		return -1;
	r->started_t = FIXTURE_T0;
	str_copy(r->system.hostname, "bench-01", sizeof r->system.hostname);
	str_copy(r->system.cpu_model, "Fixture CPU @ 3.00GHz", sizeof r->system.cpu_model);
	r->system.cores = 8;
	r->system.mem_total = 16.0 * 1024 * 1024 * 1024;
	str_copy(r->system.kernel, "Linux 6.1.0", sizeof r->system.kernel);
	r->system.ngpus = 1;
	str_copy(r->system.gpus[0], "Test GPU 9000", sizeof r->system.gpus[0]);
	int n = fixture_events(ev);
	for (int i = 0; i < n; i++) {
		results_apply(r, &ev[i]);
		struct frame f = fixture_frame(40 + i, 1e9 + i * 1e6, 10 + i);
		results_frame(r, &f);
	}
	return 0;
}

#endif
