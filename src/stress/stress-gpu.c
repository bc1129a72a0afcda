/* stress-gpu.c - the gpu generator: one worker per NVIDIA GPU, through the CUDA driver API
 * (cuda-api.h, loaded at run time), holding the GPU busy for load % of each 100 ms period as
 * CUDA events measure its kernels (nvidia-smi's utilization is the share of time a kernel ran).
 *
 * Every launch computes something checked on the GPU itself, as gpu-burn does: the fma method
 * recomputes bt_fma_f32 with the same input and compares it bit for bit with a reference made
 * (and checked against the host's replay) at the start; the bandwidth method copies a pattern
 * and compares the copy with it. A mismatch is an error: counted per GPU, said in the log as
 * it happens, shown in the panel, and summed up in the worker's last word (OK or FAULTY).
 * A CUDA error (a launch failure, an Xid, a GPU that fell off the bus) stops that GPU's worker
 * with one message; the others go on.
 *
 * Row: target = load %, achieved = GPU busy % per worker, from the kernel time the workers add
 * to their work counters (ns). stress_detail gives a line per GPU with its TFLOP/s or GB/s,
 * errors, and NVML's temperature, power and SM clock (matched by bus id).
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
		if (cuda_device_get(api, i, &st->slot[i].d, reason, sizeof reason) < 0) {
			stress_say(g->s, "gpu: %s: left out", reason);
			want = i;
			break;
		}
		atomic_store(&st->slot[i].failed, 0);
		put(&st->slot[i].busy_pct, NAN);
		put(&st->slot[i].tflops, NAN);
		put(&st->slot[i].gbps, NAN);
		put(&st->slot[i].temp, NAN);
		put(&st->slot[i].power, NAN);
		put(&st->slot[i].clock, NAN);
	}
	st->ndev = want;
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
	if (!x.api || gpu_ready(&x, st) < 0)
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
		double now = now_mono(), wall = now - d.start;
		put(&slot->busy_pct, 100 * busy * 1e-3 / (wall > 0 ? wall : GPU_PERIOD));
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
	long long errors = atomic_load(&slot->errors), checks = atomic_load(&slot->checks);
	stress_worker_fail(w, "gpu: %s: %s, %lld error%s in %lld checks", name, errors ? "FAULTY" : "OK", errors,
	                   errors == 1 ? "" : "s", checks);
	gpu_release_work(&x);
	return stress_worker_end(w);
failed:
	atomic_store(&slot->failed, 1);
	stress_worker_fail(w, "gpu: %s stopped: %s (%lld errors in %lld checks before)", name,
	                   x.why[0] ? x.why : "libcuda is not usable", (long long)atomic_load(&slot->errors),
	                   (long long)atomic_load(&slot->checks));
	gpu_release_work(&x);
	return stress_worker_end(w);
}

/* Says new mismatches, once a sampling interval at most: the log keeps the count live. */
static void gpu_hear(struct stress_gen *g)
{
	struct gpu_settings *st = g->priv;
	for (int i = 0; st && i < st->ndev; i++) {
		struct gpu_slot *s = &st->slot[i];
		long long e = atomic_load_explicit(&s->errors, memory_order_relaxed);
		if (e > s->heard) {
			stress_say(g->s, "gpu: GPU %d (%s): %lld result mismatch%s (%lld in all)", s->d.ordinal, s->d.bus_id,
			           e - s->heard, e - s->heard == 1 ? "" : "es", e);
			s->heard = e;
		}
	}
}

static int gpu_detail(const struct stress_gen *g, int i, char *buf, size_t len)
{
	const struct gpu_settings *st = g->priv;
	if (!st || i < 0 || i >= st->ndev)
		return -1;
	const struct gpu_slot *s = &st->slot[i];
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
	long long errors = atomic_load(&s->errors);
	if (atomic_load(&s->failed))
		c_snprintf(buf, len, "GPU %d %s  stopped (see the log)  %lld errors", s->d.ordinal, s->d.bus_id, errors);
	else
		c_snprintf(buf, len, "GPU %d %s  %.0f %% -> %s  %s%lld errors  %s", s->d.ordinal, s->d.bus_id,
		           stress_load_target(g), busy_text, rate, errors, nv);
	return 0;
}

static double gpu_rate(double dt, long long dwork, long long dbusy_ns, int n)
{
	(void)dbusy_ns;
	return 100.0 * (double)dwork * 1e-9 / dt / n;
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

/* Every GPU of the last plan with its checks so far, for the summary and the reports. */
static int gpu_devices(const struct stress_gen *g, struct stress_device *out, int max)
{
	const struct gpu_settings *st = g->priv;
	int n = 0;
	for (int i = 0; st && i < st->ndev && n < max; i++) {
		const struct gpu_slot *s = &st->slot[i];
		c_snprintf(out[n].name, sizeof out[n].name, "GPU %d %s", s->d.ordinal, s->d.bus_id);
		out[n].errors = atomic_load(&s->errors);
		out[n].checks = atomic_load(&s->checks);
		n++;
	}
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
	.rate = gpu_rate,
	.summary = gpu_summary,
	.release = gpu_release,
	.hear = gpu_hear,
	.detail = gpu_detail,
	.available = gpu_available,
	.errors = gpu_errors,
	.devices = gpu_devices,
};
