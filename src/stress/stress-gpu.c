/* stress-gpu.c - the gpu generator: one worker per NVIDIA GPU, through the CUDA driver API
 * (cuda-api.h, loaded at run time), holding the GPU busy for load % of each 100 ms period as
 * CUDA events measure its kernels (nvidia-smi's utilization is the share of time a kernel ran).
 *
 * Every launch computes something checked on the GPU itself, as gpu-burn does: the fma method
 * recomputes bt_fma_f32 with the same input and compares it bit for bit with a reference made
 * (and checked against the host's replay) at the start; the bandwidth method copies a pattern
 * and compares the copy with it. A mismatch is an error: counted per GPU, said in the log as
 * it happens, shown in the panel, and summed up per GPU (stress_device_verdict): in the log
 * when the GPU's worker is turned off or paused, in the stress summary at the end.
 * A CUDA error (a launch failure, an Xid, a GPU that fell off the bus) stops that GPU's worker
 * with one message; the others go on. The GPU stays STOPPED, with the error, for the rest of
 * the run: turning the generator off and on again does not make it look sound.
 *
 * Row: target = load %, achieved = the mean over the GPUs that ran in the interval of each
 * one's busy %: the kernel time its worker adds to its work counter (ns) over the interval's
 * length, at most 100 %. A step's time is added when the step ends, so what overflows one
 * interval is carried to the next. stress_detail gives a line per GPU with that busy %, its
 * TFLOP/s or GB/s, errors, and NVML's temperature, power and SM clock (matched by bus id).
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cuda-api.h"
#include "cuda-device.h"
#include "fmt-units.h"
#include "nvml-peer.h"
#include "stress-duty.h"
#include "stress-gpu.h"
#include "util.h"

static const char *const gpu_method_names[] = { "fma", "bandwidth", "mixed", NULL };

static double bits_d(uint64_t b) { double d; memcpy(&d, &b, sizeof d); return d; }
static uint64_t d_bits(double d) { uint64_t b; memcpy(&b, &d, sizeof b); return b; }
static void put(_Atomic uint64_t *a, double v) { atomic_store_explicit(a, d_bits(v), memory_order_relaxed); }
static double get(const _Atomic uint64_t *a) { return bits_d(atomic_load_explicit(a, memory_order_relaxed)); }

static int gpu_available(char *why, size_t whylen)
{
	const struct cuda_api *api = cuda_api_get(why, whylen);
	if (!api)
		return -1;
	int n = cuda_device_count(api, why, whylen);
	if (n == 0)
		c_snprintf(why, whylen, "no CUDA device");
	return n > 0 ? 0 : -1;
}

enum { GPU_WORKERS, GPU_LOAD, GPU_METHOD, GPU_BYTES_PARAM, GPU_BLOCKS };

static const struct stress_param gpu_params[] = {
	{ .name = "", .type = SPARAM_COUNT, .def = 0, .min = 0, .max = CUDA_MAX_DEVICES, .arg = "N|all",
	  .help = "GPU stressors: the first N NVIDIA GPUs (0 or all: every one)" },
	{ .name = "load", .type = SPARAM_NUMBER, .def = 100, .min = 1, .max = 100, .unit = "%", .arg = "PCT",
	  .help = "percent of each GPU's time busy with kernels, 1..100 (default 100)" },
	{ .name = "method", .type = SPARAM_CHOICE, .def = GPU_MIXED, .choices = "fma,bandwidth,mixed", .arg = "NAME",
	  .help = "GPU work: fma, bandwidth or mixed" },
	{ .name = "bytes", .type = SPARAM_SIZE, .def = GPU_BYTES, .min = 4096, .max = 64.0 * (1ULL << 30),
	  .unit = "bytes", .arg = "SIZE", .help = "bandwidth buffer per GPU (default 256M)" },
	{ .name = "blocks", .type = SPARAM_COUNT, .def = 0, .min = 0, .max = 1 << 20, .arg = "N",
	  .help = "blocks per launch (default 0: 8 per SM for fma, 4 for the copy)" },
	{ .name = NULL },
};

static int gpu_init(struct stress_gen *g, const struct stress_value *v, const struct stress_config *cfg,
                    char *why, size_t whylen)
{
	(void)cfg;
	struct gpu_settings *st = calloc(1, sizeof *st);
	if (!st) {
		c_snprintf(why, whylen, "gpu: out of memory");
		return -1;
	}
	g->priv = st;
	st->method = (enum gpu_method)stress_choice(&gpu_params[GPU_METHOD], &v[GPU_METHOD]);
	st->bytes = v[GPU_BYTES_PARAM].num > 0 ? v[GPU_BYTES_PARAM].num : GPU_BYTES;
	st->blocks = v[GPU_BLOCKS].num > 0 ? (int)v[GPU_BLOCKS].num : 0;
	atomic_store(&g->level, llround(v[GPU_LOAD].num * STRESS_LOAD_LEVEL));
	g->workers = (int)v[GPU_WORKERS].num;   /* 0: every GPU, counted at plan */
	return 0;
}

static int gpu_plan(struct stress_gen *g, char *why, size_t whylen)
{
	struct gpu_settings *st = g->priv;
	char reason[200];
	g->want = 0;
	const struct cuda_api *api = cuda_api_get(reason, sizeof reason);
	int n = api ? cuda_device_count(api, reason, sizeof reason) : -1;
	if (n == 0)
		c_snprintf(reason, sizeof reason, "no CUDA device");
	if (n <= 0) {
		stress_say(g->s, "gpu: unavailable: %s", reason);
		return 0;
	}
	if (g->workers > n)
		stress_say(g->s, "gpu: %d GPUs asked for, %d found: using %d", g->workers, n, n);
	int want = g->workers > 0 && g->workers < n ? g->workers : n;
	for (int i = 0; i < want; i++) {
		struct gpu_slot *sl = &st->slot[i];
		struct cuda_device d;
		sl->lost[0] = '\0';
		if (cuda_device_get(api, i, &d, reason, sizeof reason) == 0) {
			sl->d = d;
		} else if (i < st->nknown) {   /* a GPU that was there: its worker says it failed */
			str_copy(sl->lost, reason, sizeof sl->lost);
		} else {
			stress_say(g->s, "gpu: %s: left out", reason);
			want = i;
			break;
		}
		atomic_store(&sl->failed, 0);
		atomic_store(&sl->ended, 0);
		sl->verdict_said = 0;
		put(&st->slot[i].busy_pct, NAN);
		put(&st->slot[i].tflops, NAN);
		put(&st->slot[i].gbps, NAN);
		put(&st->slot[i].temp, NAN);
		put(&st->slot[i].power, NAN);
		put(&st->slot[i].clock, NAN);
	}
	st->ndev = want;
	if (want > st->nknown)
		st->nknown = want;
	g->want = want;
	(void)why, (void)whylen;
	return 0;
}

static void *gpu_run(void *arg)
{
	struct stress_worker *w = arg;
	struct stress_gen *g = w->gen;
	struct gpu_settings *st = g->priv;
	struct gpu_slot *slot = &st->slot[w->index];
	struct gpu_work x = { .slot = slot, .w = w, .dev = slot->d.dev };
	char name[160];
	c_snprintf(name, sizeof name, "GPU %d %s (%s)", slot->d.ordinal, slot->d.name, slot->d.bus_id);
	stress_worker_begin(w);
	x.api = cuda_api_get(NULL, 0);
	if (slot->lost[0])
		str_copy(x.why, slot->lost, sizeof x.why);
	if (!x.api || slot->lost[0] || gpu_ready(&x, st) < 0)
		goto failed;

	struct stress_duty d;
	stress_duty_init(&d, GPU_PERIOD, 1e3);            /* the budget in ms of kernel time */
	double next_nvml = d.start;
	int period = w->index;           /* mixed: GPUs start on different methods */
	while (!stress_stopping(g)) {
		stress_duty_period(&d, g);
		double busy = 0, work = 0;
		int fma = st->method == GPU_FMA || (st->method == GPU_MIXED && period % 2 == 0);
		while (stress_duty_more(&d, g, busy)) {
			double units, ms = fma ? gpu_fma_step(&x, &units) : gpu_bw_step(&x, &units);
			if (ms < 0)
				goto failed;
			busy += ms;
			work += units;
			stress_worker_add(w, llround(ms * 1e6));   /* GPU busy ns: the row's achieved % */
		}
		double now = now_mono();
		if (busy > 0)
			put(fma ? &slot->tflops : &slot->gbps, work / (busy * 1e-3) / (fma ? 1e12 : 1e9));
		if (now >= next_nvml) {
			double t, p, c;
			long long xid = nvml_peer_xid(x.peer);
			if (xid) {   /* the driver saw the GPU fail, whether or not our launches did yet */
				const char *m = nvml_xid_meaning(xid);
				c_snprintf(x.why, sizeof x.why, "Xid %lld from the driver%s%s", xid, *m ? ": " : "", m);
				goto failed;
			}
			nvml_peer_read(x.peer, &t, &p, &c);
			put(&slot->temp, t);
			put(&slot->power, p);
			put(&slot->clock, c);
			next_nvml = now + 1;
		}
		stress_duty_rest(&d, g, busy);
		period++;
	}
	gpu_release_work(&x);
	atomic_store_explicit(&slot->ended, 1, memory_order_release);   /* gpu_hear says the verdict */
	return stress_worker_end(w);
failed:
	str_copy(slot->why, x.why[0] ? x.why : "libcuda is not usable", sizeof slot->why);
	atomic_store_explicit(&slot->failed, 1, memory_order_release);
	long long e = atomic_load(&slot->errors), c = atomic_load(&slot->checks);
	stress_worker_fail(w, "gpu: %s stopped: %s (%lld error%s in %lld check%s before)", name, slot->why, e,
	                   e == 1 ? "" : "s", c, c == 1 ? "" : "s");
	stress_worker_quit(w);   /* before the release, which may take a while on a sick GPU */
	gpu_release_work(&x);
	return stress_worker_end(w);
}

/* One GPU's figures for the summary and the reports: its failure stays, once seen. */
static void gpu_device(const struct gpu_slot *s, struct stress_device *out)
{
	memset(out, 0, sizeof *out);
	c_snprintf(out->name, sizeof out->name, "GPU %d %s", s->d.ordinal, s->d.bus_id);
	out->errors = atomic_load(&s->errors);
	out->checks = atomic_load(&s->checks);
	out->failed = s->died || atomic_load_explicit(&s->failed, memory_order_acquire);
	if (out->failed)
		str_copy(out->why, s->died ? s->died_why : s->why, sizeof out->why);
}

/* Main thread. Says new mismatches, once a sampling interval at most (the log keeps the count
 * live); keeps the first failure of each GPU; and, for a worker stopped when asked, the GPU's
 * verdict, after its last mismatches, unless the run's summary is about to say it. */
static void gpu_hear(struct stress_gen *g)
{
	struct gpu_settings *st = g->priv;
	for (int i = 0; st && i < st->nknown; i++) {
		struct gpu_slot *s = &st->slot[i];
		/* Before the errors: what a worker counted before it stopped is seen with it. */
		int failed = atomic_load_explicit(&s->failed, memory_order_acquire);
		int ended = atomic_load_explicit(&s->ended, memory_order_acquire);
		long long e = atomic_load_explicit(&s->errors, memory_order_relaxed);
		if (e > s->heard) {
			stress_say(g->s, "gpu: GPU %d (%s): %lld result mismatch%s (%lld in all)", s->d.ordinal, s->d.bus_id,
			           e - s->heard, e - s->heard == 1 ? "" : "es", e);
			s->heard = e;
		}
		if (failed && !s->died) {
			s->died = 1;
			str_copy(s->died_why, s->why, sizeof s->died_why);
		}
		if (ended && !s->verdict_said) {
			s->verdict_said = 1;
			struct stress_device d;
			char v[256];
			gpu_device(s, &d);
			if (!stress_ending(g->s))
				stress_say(g->s, "gpu: GPU %d %s (%s): %s", s->d.ordinal, s->d.name, s->d.bus_id,
				           stress_device_verdict(&d, v, sizeof v));
		}
	}
}

static int gpu_detail(const struct stress_gen *g, int i, char *buf, size_t len)
{
	const struct gpu_settings *st = g->priv;
	if (!st || i < 0 || i >= st->nknown)
		return -1;
	const struct gpu_slot *s = &st->slot[i];
	long long errors = atomic_load(&s->errors);
	if (atomic_load_explicit(&s->failed, memory_order_acquire) || (s->died && i >= st->ndev)) {
		c_snprintf(buf, len, "GPU %d %s  STOPPED: %s  %lld error%s", s->d.ordinal, s->d.bus_id,
		           atomic_load_explicit(&s->failed, memory_order_acquire) ? s->why : s->died_why, errors,
		           errors == 1 ? "" : "s");
		return 0;
	}
	char rate[64] = "", nv[64] = "";
	double tf = get(&s->tflops), gb = get(&s->gbps), t = get(&s->temp), p = get(&s->power), c = get(&s->clock);
	int n = 0;
	if (isfinite(tf))
		n += c_snprintf(rate + n, sizeof rate - (size_t)n, "%.2f TFLOP/s ", tf);
	if (isfinite(gb) && n < (int)sizeof rate) {   /* in the stressors' one rate unit: MiB/s and up */
		char bw[32];
		c_snprintf(rate + n, sizeof rate - (size_t)n, "%s ", fmt_unit(bw, sizeof bw, gb * 1e9 / 1048576.0, "MiB/s", 0));
	}
	n = 0;
	if (isfinite(t))
		n += c_snprintf(nv + n, sizeof nv - (size_t)n, "%.0f°C ", t);
	if (isfinite(p) && n < (int)sizeof nv)
		n += c_snprintf(nv + n, sizeof nv - (size_t)n, "%.0f W ", p);
	if (isfinite(c) && n < (int)sizeof nv)
		c_snprintf(nv + n, sizeof nv - (size_t)n, "%.0f MHz", c);
	double busy = get(&s->busy_pct);
	char busy_text[24] = "-";
	if (isfinite(busy))
		c_snprintf(busy_text, sizeof busy_text, "%.1f %%", busy);
	c_snprintf(buf, len, "GPU %d %s  %.0f %% -> %s  %s%lld error%s%s  %s", s->d.ordinal, s->d.bus_id,
	           stress_load_target(g), busy_text, rate, errors, errors == 1 ? "" : "s", errors ? " FAULTY" : "", nv);
	return 0;
}

/* Sampler thread: GPU i's busy % over the last dt seconds, from the kernel time (ns) its worker
 * added. A step's time lands when the step ends, possibly past the interval it ran in: what
 * overflows is carried to the next intervals (a few at most), and dropped once the worker ends. */
static double gpu_worker_rate(struct stress_gen *g, int i, double dt, long long dwork, int running)
{
	struct gpu_settings *st = g->priv;
	struct gpu_slot *s = &st->slot[i];
	double cap = dt * 1e9, total = (double)dwork + s->carry_ns;
	double fit = total < cap ? total : cap;
	s->carry_ns = running ? fmin(total - fit, 4 * cap) : 0;
	double pct = 100 * fit / cap;
	put(&s->busy_pct, pct);
	return pct;
}

static void gpu_summary(const struct stress_gen *g, char *buf, size_t len)
{
	const struct gpu_settings *st = g->priv;
	if (g->workers > 0)
		c_snprintf(buf, len, "%d x %s %g %%", g->workers, gpu_method_names[st->method], stress_load_target(g));
	else
		c_snprintf(buf, len, "all x %s %g %%", gpu_method_names[st->method], stress_load_target(g));
}

/* Every slot's mismatches, across restarts: only atomics, as the sampler thread calls it. */
static long long gpu_errors(const struct stress_gen *g)
{
	const struct gpu_settings *st = g->priv;
	long long sum = 0;
	for (int i = 0; st && i < CUDA_MAX_DEVICES; i++)
		sum += atomic_load_explicit(&st->slot[i].errors, memory_order_relaxed);
	return sum;
}

/* Every GPU the run had, with its checks and failure, for the summary and the reports. */
static int gpu_devices(const struct stress_gen *g, struct stress_device *out, int max)
{
	const struct gpu_settings *st = g->priv;
	int n = 0;
	for (int i = 0; st && i < st->nknown && n < max; i++)
		gpu_device(&st->slot[i], &out[n++]);
	return n;
}

static void gpu_release(struct stress_gen *g)
{
	free(g->priv);
	g->priv = NULL;
}

const struct stressor_class stressor_gpu = {
	.name = "gpu",
	.unit = "%",
	.help = "NVIDIA GPUs (CUDA driver): fma, bandwidth or mixed kernels, checked, busy load % of the time",
	.params = gpu_params,
	.init = gpu_init,
	.plan = gpu_plan,
	.run = gpu_run,
	.adjust = stress_load_adjust,
	.target = stress_load_target,
	.worker_rate = gpu_worker_rate,
	.summary = gpu_summary,
	.release = gpu_release,
	.hear = gpu_hear,
	.detail = gpu_detail,
	.available = gpu_available,
	.errors = gpu_errors,
	.devices = gpu_devices,
};
