/* stress-gpu-work.c - a gpu stressor worker's CUDA work (stress-gpu.h): its context, the JIT'd
 * module, a stream and events; the fma reference, made once and checked against the host's
 * replay; the bandwidth pattern; and the steps, each launch followed by a compare on the GPU
 * whose mismatches are counted for the GPU. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cuda-ptx.h"
#include "cuda-size.h"
#include "stress-gpu.h"
#include "util.h"

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

double gpu_fma_step(struct gpu_work *x, double *flop)
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

double gpu_bw_step(struct gpu_work *x, double *bytes)
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

int gpu_ready(struct gpu_work *x, const struct gpu_settings *st)
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

void gpu_release_work(struct gpu_work *x)
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
