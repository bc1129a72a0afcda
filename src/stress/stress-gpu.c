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
#include "cuda-ptx.h"
#include "cuda-size.h"
#include "fmt-units.h"
#include "nvml-peer.h"
#include "stress-duty.h"
#include "util.h"

#define GPU_PERIOD    0.1            /* seconds */
#define GPU_STEP_MS   5.0            /* GPU time of one step (launches between two syncs) */
#define GPU_THREADS   256u
#define GPU_BYTES     (256.0 * 1024 * 1024)

enum gpu_method { GPU_FMA, GPU_BANDWIDTH, GPU_MIXED };
static const char *const gpu_method_names[] = { "fma", "bandwidth", "mixed", NULL };

/* One GPU: the device (main thread, before its worker starts) and what its worker publishes. */
struct gpu_slot {
	struct cuda_device d;
	_Atomic uint64_t busy_pct, tflops, gbps, temp, power, clock;   /* double bits */
	atomic_llong errors, checks;
	atomic_int failed;
	long long heard;                 /* main thread: errors already said */
};

struct gpu_settings {
	enum gpu_method method;
	double bytes;
	int blocks;
	int ndev;                        /* slots of the last plan */
	struct gpu_slot slot[CUDA_MAX_DEVICES];
};

/* A worker's CUDA objects. */
struct gpu_work {
	const struct cuda_api *api;
	struct gpu_slot *slot;
	struct stress_worker *w;
	CUdevice dev;
	int entered;
	CUmodule mod;
	CUfunction fma, copy, compare;
	CUstream stream;
	CUevent ev[2];
	CUdeviceptr ref, out, count, src, dst;
	unsigned blocks, iters;
	unsigned long long nref, vecs, words;   /* fma results; bandwidth vectors and words */
	int copies;                      /* copy+compare pairs per bandwidth step */
	int launches;                    /* fma+compare pairs per fma step */
	struct nvml_peer *peer;
	char why[200];
};

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

/* 0 when rc is success; else the worker's reason, naming the call. */
static int gpu_ok(struct gpu_work *x, const char *what, CUresult rc)
{
	if (rc == CUDA_SUCCESS)
		return 0;
	char err[160];
	c_snprintf(x->why, sizeof x->why, "%s: %s%s", what, cuda_error_text(x->api, rc, err, sizeof err),
	           cuda_error_is_sticky(rc) ? ", a fault that ends the GPU's context" : "");
	return -1;
}

/* Timed launches of fn with args, k times, each followed by a compare; ms, or -1. */
static double gpu_step(struct gpu_work *x, CUfunction fn, unsigned blocks, unsigned threads, void **args,
                       void **cmp_args, unsigned long long cmp_n, int k)
{
	const struct cuda_api *api = x->api;
	unsigned cmp_blocks = (unsigned)(cmp_n / GPU_THREADS + 1 < 4096 ? cmp_n / GPU_THREADS + 1 : 4096);
	if (gpu_ok(x, "cuEventRecord", api->EventRecord(x->ev[0], x->stream)) < 0)
		return -1;
	for (int i = 0; i < k; i++)
		if (gpu_ok(x, "cuLaunchKernel", api->LaunchKernel(fn, blocks, 1, 1, threads, 1, 1, 0, x->stream,
		                                                   args, NULL)) < 0 ||
		    gpu_ok(x, "cuLaunchKernel", api->LaunchKernel(x->compare, cmp_blocks, 1, 1, GPU_THREADS, 1, 1, 0,
		                                                   x->stream, cmp_args, NULL)) < 0)
			return -1;
	float ms = 0;
	if (gpu_ok(x, "cuEventRecord", api->EventRecord(x->ev[1], x->stream)) < 0 ||
	    gpu_ok(x, "cuEventSynchronize", api->EventSynchronize(x->ev[1])) < 0 ||
	    gpu_ok(x, "cuEventElapsedTime", api->EventElapsedTime(&ms, x->ev[0], x->ev[1])) < 0)
		return -1;
	/* Mismatches since the last look: read, and cleared only when there were some. */
	unsigned errors = 0;
	if (gpu_ok(x, "cuMemcpyDtoH", api->MemcpyDtoH(&errors, x->count, sizeof errors)) < 0)
		return -1;
	if (errors && (gpu_ok(x, "cuMemsetD32", api->MemsetD32(x->count, 0, 1)) < 0 ||
	               gpu_ok(x, "cuCtxSynchronize", api->CtxSynchronize()) < 0))
		return -1;
	atomic_fetch_add_explicit(&x->slot->errors, errors, memory_order_relaxed);
	atomic_fetch_add_explicit(&x->slot->checks, k, memory_order_relaxed);
	return ms;
}

static const float gpu_b = 0.999f, gpu_c = 0.001f;

static double gpu_fma_step(struct gpu_work *x, double *flop)
{
	float b = gpu_b, c = gpu_c;
	void *args[] = { &x->out, &x->iters, &b, &c };
	void *cmp[] = { &x->ref, &x->out, &x->nref, &x->count };
	double ms = gpu_step(x, x->fma, x->blocks, GPU_THREADS, args, cmp, x->nref, x->launches);
	*flop = (double)x->nref * x->iters * CUDA_PTX_FMA_PER_ITER * 2.0 * x->launches;
	if (ms > 0) {                    /* next time about GPU_STEP_MS */
		int k = (int)(x->launches * GPU_STEP_MS / ms);
		x->launches = k < 1 ? 1 : k > 256 ? 256 : k;
	}
	return ms;
}

static double gpu_bw_step(struct gpu_work *x, double *bytes)
{
	void *args[] = { &x->dst, &x->src, &x->vecs };
	void *cmp[] = { &x->src, &x->dst, &x->words, &x->count };
	double ms = gpu_step(x, x->copy, x->blocks, GPU_THREADS, args, cmp, x->words, x->copies);
	/* DRAM traffic: the copy reads and writes the buffer, the check reads both copies. */
	*bytes = 4.0 * 16.0 * (double)x->vecs * x->copies;
	if (ms > 0) {                    /* next time about GPU_STEP_MS */
		int k = (int)(x->copies * GPU_STEP_MS / ms);
		x->copies = k < 1 ? 1 : k > 256 ? 256 : k;
	}
	return ms;
}

/* The fma reference: iters sized for a launch of about GPU_STEP_MS, then the reference itself
 * made and checked against the host. 0, or -1 with why. */
static int gpu_fma_ready(struct gpu_work *x)
{
	const struct cuda_api *api = x->api;
	x->blocks = x->blocks ? x->blocks : 8u * (unsigned)(x->slot->d.sms > 0 ? x->slot->d.sms : 1);
	x->nref = (unsigned long long)x->blocks * GPU_THREADS;
	size_t bytes = (size_t)x->nref * 4;
	if (gpu_ok(x, "cuMemAlloc", api->MemAlloc(&x->ref, bytes)) < 0 ||
	    gpu_ok(x, "cuMemAlloc", api->MemAlloc(&x->out, bytes)) < 0)
		return -1;
	float b = gpu_b, c = gpu_c;
	void *args[] = { &x->ref, &x->iters, &b, &c };
	x->launches = 1;
	if (cuda_size_launch(api, x->fma, x->blocks, GPU_THREADS, x->stream, x->ev, args, &x->iters, 1u << 20,
	                     GPU_STEP_MS, x->why, sizeof x->why) < 0)
		return -1;
	if (gpu_ok(x, "cuLaunchKernel", api->LaunchKernel(x->fma, x->blocks, 1, 1, GPU_THREADS, 1, 1, 0, x->stream,
	                                                   args, NULL)) < 0 ||
	    gpu_ok(x, "cuStreamSynchronize", api->StreamSynchronize(x->stream)) < 0)
		return -1;
	float got[4];
	if (gpu_ok(x, "cuMemcpyDtoH", api->MemcpyDtoH(got, x->ref, sizeof got)) < 0)
		return -1;
	for (unsigned t = 0; t < 4; t++)
		if (got[t] != cuda_ptx_fma_f32_expect(t, x->iters, gpu_b, gpu_c)) {
			atomic_fetch_add(&x->slot->errors, 1);   /* a wrong reference: every check would pass */
			c_snprintf(x->why, sizeof x->why, "thread %u computed %.9g, expected %.9g", t, got[t],
			           cuda_ptx_fma_f32_expect(t, x->iters, gpu_b, gpu_c));
			return -1;
		}
	return 0;
}

/* The bandwidth source: a pattern that differs word to word, so a misplaced word shows. */
static int gpu_bw_ready(struct gpu_work *x, double bytes)
{
	const struct cuda_api *api = x->api;
	if (!x->blocks)   /* the copy strides over the buffer: 4 blocks an SM keep every SM's loads in flight */
		x->blocks = 4u * (unsigned)(x->slot->d.sms > 0 ? x->slot->d.sms : 1);
	double cap = x->slot->d.total_bytes / 8;
	if (isfinite(cap) && bytes > cap)
		bytes = cap;
	x->vecs = (unsigned long long)(bytes / 16);
	if (x->vecs < 1)
		x->vecs = 1;
	x->words = x->vecs * 4;
	size_t n = (size_t)x->vecs * 16;
	if (gpu_ok(x, "cuMemAlloc", api->MemAlloc(&x->src, n)) < 0 ||
	    gpu_ok(x, "cuMemAlloc", api->MemAlloc(&x->dst, n)) < 0)
		return -1;
	enum { CHUNK = 1 << 20 };
	uint32_t *h = malloc(CHUNK);
	if (!h) {
		c_snprintf(x->why, sizeof x->why, "out of memory");
		return -1;
	}
	int rc = 0;
	for (size_t off = 0; off < n && rc == 0; off += CHUNK) {
		size_t len = n - off < CHUNK ? n - off : CHUNK;
		for (size_t i = 0; i < len / 4; i++)
			h[i] = (uint32_t)((off / 4 + i) * 2654435761u);
		rc = gpu_ok(x, "cuMemcpyHtoD", api->MemcpyHtoD(x->src + off, h, len));
	}
	free(h);
	x->copies = 1;
	/* A pageable copy may return before its DMA ends, and the worker's stream does not wait
	 * for the legacy stream: wait here. */
	return rc ? rc : gpu_ok(x, "cuCtxSynchronize", api->CtxSynchronize());
}

static int gpu_ready(struct gpu_work *x, const struct gpu_settings *st)
{
	const struct cuda_api *api = x->api;
	char why[200];
	if (cuda_ctx_enter(api, x->dev, why, sizeof why) < 0) {
		str_copy(x->why, why, sizeof x->why);
		return -1;
	}
	x->entered = 1;
	if (cuda_ptx_load(api, x->slot->d.cc_major, x->slot->d.cc_minor, &x->mod, why, sizeof why) < 0) {
		x->mod = NULL;
		str_copy(x->why, why, sizeof x->why);
		return -1;
	}
	if (gpu_ok(x, "cuModuleGetFunction", api->ModuleGetFunction(&x->fma, x->mod, "bt_fma_f32")) < 0 ||
	    gpu_ok(x, "cuModuleGetFunction", api->ModuleGetFunction(&x->copy, x->mod, "bt_copy")) < 0 ||
	    gpu_ok(x, "cuModuleGetFunction", api->ModuleGetFunction(&x->compare, x->mod, "bt_compare")) < 0 ||
	    gpu_ok(x, "cuStreamCreate", api->StreamCreate(&x->stream, CU_STREAM_NON_BLOCKING)) < 0 ||
	    gpu_ok(x, "cuEventCreate", api->EventCreate(&x->ev[0], CU_EVENT_BLOCKING_SYNC)) < 0 ||
	    gpu_ok(x, "cuEventCreate", api->EventCreate(&x->ev[1], CU_EVENT_BLOCKING_SYNC)) < 0 ||
	    gpu_ok(x, "cuMemAlloc", api->MemAlloc(&x->count, 4)) < 0 ||
	    gpu_ok(x, "cuMemsetD32", api->MemsetD32(x->count, 0, 1)) < 0 ||
	    gpu_ok(x, "cuCtxSynchronize", api->CtxSynchronize()) < 0)
		return -1;
	x->blocks = (unsigned)st->blocks;
	if (st->method != GPU_BANDWIDTH && gpu_fma_ready(x) < 0)
		return -1;
	if (st->method != GPU_FMA && gpu_bw_ready(x, st->bytes) < 0)
		return -1;
	x->peer = nvml_peer_open(x->slot->d.bus_id, why, sizeof why);
	nvml_peer_watch_xid(x->peer);
	return 0;
}

static void gpu_release_work(struct gpu_work *x)
{
	const struct cuda_api *api = x->api;
	nvml_peer_close(x->peer);
	if (!x->entered)
		return;
	/* After a sticky error these fail; releasing the context frees what they could not. */
	CUdeviceptr *bufs[] = { &x->ref, &x->out, &x->count, &x->src, &x->dst };
	for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
		if (*bufs[i])
			api->MemFree(*bufs[i]);
	for (int i = 0; i < 2; i++)
		if (x->ev[i])
			api->EventDestroy(x->ev[i]);
	if (x->stream)
		api->StreamDestroy(x->stream);
	if (x->mod)
		api->ModuleUnload(x->mod);
	cuda_ctx_leave(api, x->dev);
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
