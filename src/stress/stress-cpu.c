/* stress-cpu.c - the cpu generator: each worker runs a CPU kernel's stress step (about a
 * millisecond of work a call) in a duty cycle of 50 ms periods (stress-duty.h). A period is
 * busy until the thread's own CPU time (CLOCK_THREAD_CPUTIME_ID) reaches load % of it. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel.h"
#include "stress-duty.h"
#include "util.h"

#define CPU_PERIOD   0.05         /* seconds */

enum { CPU_WORKERS, CPU_LOAD, CPU_METHOD };

static const struct stress_param cpu_params[] = {
	{ .name = "", .type = SPARAM_COUNT, .def = 0, .min = 0, .max = STRESS_MAX_WORKERS, .arg = "N|all",
	  .help = "CPU stressors: N workers (0 or all: one per CPU)" },
	{ .name = "load", .type = SPARAM_NUMBER, .def = 100, .min = 1, .max = 100, .unit = "%", .arg = "PCT",
	  .help = "load of each CPU worker, 1..100 (default 100)" },
	{ .name = "method", .type = SPARAM_CHOICE, .def = 3, .choices = "int,float,matmul,mixed", .arg = "NAME",
	  .help = "CPU work: int, float, matmul or mixed" },
	{ .name = NULL },
};

/* In the order of cpu_params' choices. */
static const struct cpu_method {
	const char *name;
	const char *kernels[3];
} cpu_methods[] = {
	{ "int",    { "cpu.int" } },
	{ "float",  { "cpu.float" } },
	{ "matmul", { "cpu.matmul" } },
	{ "mixed",  { "cpu.int", "cpu.float", "cpu.matmul" } },   /* one per period, in turn */
	{ NULL,     { NULL } },
};

struct cpu_settings {
	const char *method;
	int nkernels;
	const struct kernel_class *kernels[3];
};

static int cpu_online(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > STRESS_MAX_WORKERS ? STRESS_MAX_WORKERS : (int)n;
}

static int cpu_init(struct stress_gen *g, const struct stress_value *v, const struct stress_config *cfg,
                    char *why, size_t whylen)
{
	(void)cfg;
	const struct cpu_method *m = &cpu_methods[stress_choice(&cpu_params[CPU_METHOD], &v[CPU_METHOD])];
	const char *name = m->name;
	int workers = (int)v[CPU_WORKERS].num;   /* within cpu_params' range: checked before init */
	struct cpu_settings *st = calloc(1, sizeof *st);
	if (!st) {
		c_snprintf(why, whylen, "cpu: out of memory");
		return -1;
	}
	g->priv = st;
	st->method = m->name;
	for (int i = 0; i < 3 && m->kernels[i]; i++) {
		const struct kernel_class *k = kernel_find(m->kernels[i]);
		if (!k || !k->step) {
			c_snprintf(why, whylen, "cpu method '%s': kernel %s %s", name, m->kernels[i],
			           k ? "has no stress mode" : "is not built in");
			return -1;
		}
		st->kernels[st->nkernels++] = k;
	}
	atomic_store(&g->level, llround(v[CPU_LOAD].num * STRESS_LOAD_LEVEL));
	g->workers = workers > 0 ? workers : cpu_online();
	return 0;
}

static int cpu_plan(struct stress_gen *g, char *why, size_t whylen)
{
	(void)why, (void)whylen;
	g->want = g->workers;
	return 0;
}

static void *cpu_run(void *arg)
{
	struct stress_worker *w = arg;
	struct stress_gen *g = w->gen;
	const struct cpu_settings *st = g->priv;
	struct kernel_ctx k[3];
	int nk = 0;

	stress_worker_begin(w);
	for (; nk < st->nkernels; nk++) {
		kernel_ctx_init(&k[nk], st->kernels[nk], &g->stop);
		if (k[nk].cls->setup && k[nk].cls->setup(&k[nk]) < 0) {
			stress_worker_fail(w, "cpu: worker %d stopped: %s: %s", w->index + 1, k[nk].cls->name, k[nk].why);
			goto out;
		}
	}

	int m = w->index % nk;                   /* mixed workers start on different kernels */
	struct stress_duty d;
	stress_duty_init(&d, CPU_PERIOD, 1e9);               /* the budget in ns of CPU time */
	long long cpu0 = stress_worker_busy(w);
	while (!stress_stopping(g)) {
		stress_duty_period(&d, g);
		long long used = 0, steps = 0;
		while (stress_duty_more(&d, g, (double)used)) {
			k[m].cls->step(&k[m]);
			steps++;
			used = stress_worker_busy(w) - cpu0;
		}
		stress_worker_add(w, steps);
		cpu0 += used;
		stress_duty_rest(&d, g, (double)used);
		m = (m + 1) % nk;
	}
out:
	while (nk-- > 0)
		if (k[nk].cls->teardown)
			k[nk].cls->teardown(&k[nk]);
	return stress_worker_end(w);
}

static double cpu_rate(double dt, long long dwork, long long dbusy_ns, int n)
{
	(void)dwork;
	return 100.0 * (double)dbusy_ns * 1e-9 / dt / n;
}

static void cpu_summary(const struct stress_gen *g, char *buf, size_t len)
{
	const struct cpu_settings *st = g->priv;
	c_snprintf(buf, len, "%d x %s %g %%", g->workers, st->method, stress_load_target(g));
}

static void cpu_release(struct stress_gen *g)
{
	free(g->priv);
	g->priv = NULL;
}

const struct stressor_class stressor_cpu = {
	.name = "cpu",
	.unit = "%",
	.help = "CPU kernels (int, float, matmul, mixed) in a duty cycle of load % of each worker's core",
	.params = cpu_params,
	.init = cpu_init,
	.plan = cpu_plan,
	.run = cpu_run,
	.adjust = stress_load_adjust,
	.target = stress_load_target,
	.rate = cpu_rate,
	.summary = cpu_summary,
	.release = cpu_release,
	.work_unit = "ops",
};
