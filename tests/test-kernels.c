/* test-kernels - the built-in kernel table and every kernel's behaviour with small params:
 * a finite positive result on one thread and on two, a correct matrix product, latency
 * that grows with the buffer, no file left in the scratch directory, a prompt stop, and
 * stress steps that do work. */
#include "config.h"

#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "kernel-cpu-matmul.h"
#include "kernel.h"
#include "util.h"

static char scratch[256];

/* Small params that make each kernel's iteration take milliseconds. */
static const struct tiny {
	const char *kernel, *param;
	double value;
} tiny[] = {
	{ "cpu.int", "ops", 1e6 },
	{ "cpu.int", "threads", 2 },
	{ "cpu.float", "flops", 1e6 },
	{ "cpu.float", "threads", 2 },
	{ "cpu.matmul", "n", 40 },
	{ "cpu.matmul", "reps", 2 },
	{ "cpu.matmul", "threads", 2 },
	{ "memory.bandwidth", "size", 1 << 20 },
	{ "memory.bandwidth", "passes", 2 },
	{ "memory.bandwidth", "threads", 2 },
	{ "memory.latency", "size", 1 << 16 },
	{ "memory.latency", "loads", 10000 },
	{ "memory.latency", "threads", 2 },
	{ "memory.pattern", "size", 1 << 20 },
	{ "memory.pattern", "passes", 2 },
	{ "memory.pattern", "threads", 2 },
	{ "disk.seq", "size", 4 << 20 },
	{ "disk.seq", "block", 1 << 20 },
	{ "disk.seq", "threads", 2 },
	{ "disk.random", "size", 1 << 20 },
	{ "disk.random", "reads", 200 },
	{ "disk.random", "threads", 2 },
	{ "threads.switch", "switches", 2000 },
	{ "threads.switch", "threads", 2 },
	{ "gpu.fma", "iters", 8 },
	{ "gpu.fma", "blocks", 2 },
	{ "gpu.fma", "launches", 2 },
	{ "gpu.bandwidth", "size", 1 << 20 },
	{ "gpu.bandwidth", "passes", 2 },
	{ "gpu.transfer", "size", 1 << 20 },
	{ "gpu.transfer", "copies", 3 },
	{ NULL, NULL, 0 },
};

static int ctx_tiny(struct kernel_ctx *k, const struct kernel_class *cls, const atomic_int *stop)
{
	int known = 0;
	kernel_ctx_init(k, cls, stop);
	k->tmpdir = scratch;
	for (const struct tiny *t = tiny; t->kernel; t++) {
		if (strcmp(t->kernel, cls->name))
			continue;
		int i = kernel_param_index(cls, t->param);
		CHECK(i >= 0);
		if (i >= 0)
			k->param[i] = t->value;
		known = 1;
	}
	return known;
}

static int set_param(struct kernel_ctx *k, const char *name, double v)
{
	int i = kernel_param_index(k->cls, name);
	CHECK(i >= 0);
	if (i < 0)
		return -1;
	k->param[i] = v;
	return 0;
}

/* Sets up, runs one iteration, tears down; the iteration's value (NAN on failure). */
static double run_once(struct kernel_ctx *k)
{
	double v = NAN;
	if (k->cls->setup && k->cls->setup(k) < 0) {
		fprintf(stderr, "%s: setup: %s\n", k->cls->name, k->why);
		return NAN;
	}
	if (k->cls->iterate(k, &v) < 0) {
		fprintf(stderr, "%s: iterate: %s\n", k->cls->name, k->why);
		v = NAN;
	}
	if (k->cls->teardown)
		k->cls->teardown(k);
	return v;
}

static int dir_entries(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void test_table(void)
{
	int count = 0;
	for (int i = 0; kernel_table[i]; i++, count++) {
		const struct kernel_class *c = kernel_table[i];
		CHECK(c->name && *c->name);
		CHECK(c->help && *c->help);
		CHECK(c->metric && *c->metric);
		CHECK(c->unit && *c->unit);
		CHECK(c->iterate != NULL);
		CHECK(c->higher_is_better == 0 || c->higher_is_better == 1);
		CHECK(!c->step || (c->step_unit && *c->step_unit));
		CHECK(kernel_find(c->name) == c);
		for (int j = 0; j < i; j++)
			CHECK(strcmp(kernel_table[j]->name, c->name) != 0);
		CHECK(c->params != NULL);
		int np = 0;
		for (const struct kernel_param *p = c->params; p && p->name; p++, np++) {
			CHECK(p->help && *p->help);
			CHECK(p->unit != NULL);
			CHECK(p->min <= p->def && p->def <= p->max);
			if (p->type != KPARAM_DOUBLE)
				CHECK(floor(p->def) == p->def && floor(p->min) == p->min);
			CHECK_INT(kernel_param_index(c, p->name), np);
			for (const struct kernel_param *q = c->params; q != p; q++)
				CHECK(strcmp(q->name, p->name) != 0);
			/* CPU kernels' threads; the GPU kernels' is threads per block. */
			if (!strcmp(p->name, "threads") && strncmp(c->name, "gpu.", 4)) {
				CHECK_INT(p->def, 1);
				CHECK_INT(p->min, 1);
				CHECK_INT(p->max, 256);
			}
		}
		CHECK(np <= KERNEL_MAX_PARAMS);
		CHECK_INT(kernel_param_index(c, "no-such-param"), -1);

		struct kernel_ctx k;
		kernel_ctx_init(&k, c, NULL);
		CHECK(k.cls == c);
		CHECK(k.stop == NULL && k.priv == NULL && k.tmpdir == NULL);
		for (int j = 0; j < np; j++)
			CHECK_NEAR(k.param[j], c->params[j].def, 0);
	}
	CHECK(count >= 8);
	CHECK(kernel_find("no.such.kernel") == NULL);
	CHECK(kernel_find(NULL) == NULL);
	const char *names[] = { "cpu.int", "cpu.float", "cpu.matmul", "memory.bandwidth",
				"memory.latency", "disk.seq", "disk.random", "threads.switch" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		CHECK(kernel_find(names[i]) != NULL);
	for (const char **n = (const char *[]){ "cpu.int", "cpu.float", "cpu.matmul",
						 "memory.bandwidth", "memory.pattern", NULL }; *n; n++)
		CHECK(kernel_find(*n) && kernel_find(*n)->step);
}

/* Kernels this machine cannot run (GPU kernels without libcuda; tests/test-cuda runs them
 * against a fake driver). */
static int unavailable(const struct kernel_class *c)
{
	char why[200];
	return c->available && c->available(why, sizeof why) < 0;
}

static void test_each_iterates(void)
{
	for (int i = 0; kernel_table[i]; i++) {
		struct kernel_ctx k;
		const struct kernel_class *c = kernel_table[i];
		if (unavailable(c))
			continue;
		if (!ctx_tiny(&k, c, NULL)) {
			fprintf(stderr, "%s: no small params in this test\n", c->name);
			CHECK(0);
			continue;
		}
		double v = run_once(&k);
		if (!(isfinite(v) && v > 0))
			fprintf(stderr, "%s: value %g\n", c->name, v);
		CHECK(isfinite(v) && v > 0);
	}
	/* Every STREAM op. */
	for (int op = 0; op <= 3; op++) {
		struct kernel_ctx k;
		ctx_tiny(&k, kernel_find("memory.bandwidth"), NULL);
		set_param(&k, "op", op);
		double v = run_once(&k);
		CHECK(isfinite(v) && v > 0);
	}
	/* Both directions of disk.seq. */
	struct kernel_ctx k;
	ctx_tiny(&k, kernel_find("disk.seq"), NULL);
	set_param(&k, "read", 1);
	double v = run_once(&k);
	CHECK(isfinite(v) && v > 0);
	/* Every kernel on one thread too (the small params above use two where they can). */
	for (int i = 0; kernel_table[i]; i++) {
		const struct kernel_class *c = kernel_table[i];
		if (unavailable(c) || !strcmp(c->name, "gpu.transfer"))   /* copy engines: no threads */
			continue;
		CHECK(kernel_param_index(c, "threads") >= 0);
		ctx_tiny(&k, c, NULL);
		set_param(&k, "threads", 1);
		v = run_once(&k);
		if (!(isfinite(v) && v > 0))
			fprintf(stderr, "%s threads=1: value %g\n", c->name, v);
		CHECK(isfinite(v) && v > 0);
	}
}

static void test_matmul_product(void)
{
	const int sizes[] = { 1, 7, 33, 64, 100, 300 };
	uint64_t rng = 12345;
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		int n = sizes[s];
		size_t nn = (size_t)n * n;
		float *a = malloc(nn * sizeof *a), *b = malloc(nn * sizeof *b), *c = malloc(nn * sizeof *c);
		double *want = malloc(nn * sizeof *want);
		CHECK(a && b && c && want);
		if (!a || !b || !c || !want)
			return;
		for (size_t i = 0; i < nn; i++) {
			rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
			a[i] = (float)((double)(rng >> 40) / (1 << 24) - 0.5);
			rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
			b[i] = (float)((double)(rng >> 40) / (1 << 24) - 0.5);
			c[i] = (float)(i % 3);   /* C += A B keeps what C held */
		}
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				double sum = c[(size_t)i * n + j];
				for (int kk = 0; kk < n; kk++)
					sum += (double)a[(size_t)i * n + kk] * b[(size_t)kk * n + j];
				want[(size_t)i * n + j] = sum;
			}
		CHECK_INT(cpu_matmul_product(n, a, b, c), 0);
		double worst = 0;
		for (size_t i = 0; i < nn; i++)
			if (fabs(c[i] - want[i]) > worst)
				worst = fabs(c[i] - want[i]);
		/* float sums of n terms below 0.25 each */
		if (!(worst <= 1e-5 * n + 1e-5))
			fprintf(stderr, "matmul n=%d: worst error %g\n", n, worst);
		CHECK(worst <= 1e-5 * n + 1e-5);
		free(a);
		free(b);
		free(c);
		free(want);
	}
}

static void test_latency_grows(void)
{
	const struct kernel_class *c = kernel_find("memory.latency");
	double small = INFINITY, big = INFINITY;
	/* Best of three, so that a preempted run does not decide. */
	for (int r = 0; r < 3; r++) {
		struct kernel_ctx k;
		kernel_ctx_init(&k, c, NULL);
		set_param(&k, "loads", 200000);
		set_param(&k, "size", 16 * 1024);
		double v = run_once(&k);
		if (v < small)
			small = v;
	}
	struct kernel_ctx k;
	kernel_ctx_init(&k, c, NULL);
	set_param(&k, "loads", 200000);
	set_param(&k, "size", 64.0 * 1024 * 1024);
	CHECK(c->setup(&k) == 0);
	for (int r = 0; r < 3; r++) {
		double v = NAN;
		CHECK(c->iterate(&k, &v) == 0);
		if (v < big)
			big = v;
	}
	c->teardown(&k);
	if (!(big > 2 * small))
		fprintf(stderr, "memory.latency: 16K %g ns, 64M %g ns\n", small, big);
	CHECK(big > 2 * small);
}

static void test_disk_leaves_nothing(void)
{
	const char *names[] = { "disk.seq", "disk.random" };
	for (size_t i = 0; i < 2; i++) {
		for (int mode = 0; mode < 2; mode++) {
			const struct kernel_class *c = kernel_find(names[i]);
			struct kernel_ctx k;
			ctx_tiny(&k, c, NULL);
			if (i == 0)
				set_param(&k, "read", mode);
			CHECK_INT(c->setup(&k), 0);
			CHECK_INT(dir_entries(scratch), 0);   /* anonymous even while open */
			double v = 0;
			CHECK_INT(c->iterate(&k, &v), 0);
			if (c->step)
				CHECK(c->step(&k) > 0);
			c->teardown(&k);
			CHECK_INT(dir_entries(scratch), 0);
		}
	}
	/* A directory that is not there is an error with a reason, not a crash. */
	struct kernel_ctx k;
	ctx_tiny(&k, kernel_find("disk.seq"), NULL);
	k.tmpdir = "/nonexistent/benchtop-test";
	CHECK_INT(k.cls->setup(&k), -1);
	CHECK(strstr(k.why, "/nonexistent/benchtop-test") != NULL);
}

struct stopper {
	atomic_int *flag;
	int delay_ms;
};

static void *stopper_main(void *arg)
{
	struct stopper *s = arg;
	struct timespec ts = { .tv_sec = 0, .tv_nsec = s->delay_ms * 1000000L };
	nanosleep(&ts, NULL);
	atomic_store(s->flag, 1);
	return NULL;
}

static void test_stop(void)
{
	/* Params that would take minutes, if nothing stopped them. */
	static const struct tiny huge[] = {
		{ "cpu.int", "ops", 1e13 },
		{ "cpu.float", "flops", 1e14 },
		{ "cpu.matmul", "reps", 1000 },
		{ "memory.bandwidth", "passes", 1e6 },
		{ "memory.latency", "loads", 1e12 },
		{ "disk.random", "reads", 1e9 },
		{ "threads.switch", "switches", 1e10 },
		{ NULL, NULL, 0 },
	};
	for (const struct tiny *h = huge; h->kernel; h++) {
		const struct kernel_class *c = kernel_find(h->kernel);
		atomic_int stop = 0;
		struct kernel_ctx k;
		ctx_tiny(&k, c, &stop);
		set_param(&k, h->param, h->value);
		if (!strcmp(h->kernel, "cpu.matmul"))
			set_param(&k, "n", 512);
		if (c->setup && c->setup(&k) < 0) {
			fprintf(stderr, "%s: setup: %s\n", c->name, k.why);
			CHECK(0);
			continue;
		}
		struct stopper s = { .flag = &stop, .delay_ms = 30 };
		pthread_t tid;
		CHECK_INT(pthread_create(&tid, NULL, stopper_main, &s), 0);
		double v = 0, t0 = now_mono();
		int rc = c->iterate(&k, &v);
		double took = now_mono() - t0;
		pthread_join(tid, NULL);
		if (rc != -1 || took > 5)
			fprintf(stderr, "%s: stop: rc %d after %.3f s\n", c->name, rc, took);
		CHECK_INT(rc, -1);
		CHECK_STR(k.why, "stopped");
		CHECK(took < 5);   /* without the flag, minutes */

		/* Already set: gives up at once. */
		k.why[0] = 0;
		CHECK_INT(c->iterate(&k, &v), -1);
		CHECK_STR(k.why, "stopped");
		if (c->teardown)
			c->teardown(&k);
	}
}

static void test_steps(void)
{
	for (int i = 0; kernel_table[i]; i++) {
		const struct kernel_class *c = kernel_table[i];
		if (!c->step)
			continue;
		struct kernel_ctx k;
		ctx_tiny(&k, c, NULL);
		int t = kernel_param_index(c, "threads");
		if (t >= 0)
			k.param[t] = 1;   /* as stress workers set it up */
		CHECK_INT(c->setup(&k), 0);
		double work = 0;
		for (int s = 0; s < 20; s++) {
			double w = c->step(&k);
			CHECK(isfinite(w) && w > 0);
			work += w;
		}
		CHECK(work > 0);
		c->teardown(&k);
	}
}

int main(void)
{
	const char *base = getenv("TMPDIR");
	int len = snprintf(scratch, sizeof scratch, "%s/benchtop-kernels-......",
			   base && *base ? base : "/tmp");
	if (len < 0 || len >= (int)sizeof scratch)
		return 99;
	memset(scratch + len - 6, 'X', 6);   /* the six characters mkdtemp replaces */
	if (!mkdtemp(scratch)) {
		perror("mkdtemp");
		return 99;
	}
	test_table();
	test_each_iterates();
	test_matmul_product();
	test_latency_grows();
	test_disk_leaves_nothing();
	test_stop();
	test_steps();
	CHECK_INT(dir_entries(scratch), 0);
	rmdir(scratch);
	return check_result();
}
