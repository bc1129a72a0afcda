/* kgpu.c - devices, contexts, module and timing for the GPU kernels (kgpu.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cuda-ptx.h"
#include "kgpu.h"
#include "kutil.h"
#include "util.h"

int kgpu_available(char *why, size_t whylen)
{
	const struct cuda_api *api = cuda_api_get(why, whylen);
	if (!api)
		return -1;
	int n = cuda_device_count(api, why, whylen);
	if (n == 0)
		c_snprintf(why, whylen, "no CUDA device");
	return n > 0 ? 0 : -1;
}

int kgpu_device_check(const char *text, char *why, size_t whylen)
{
	return cuda_device_spec_check(text, why, whylen);
}

int kgpu_fail(struct kgpu *g, int i, const char *what, CUresult rc)
{
	struct kgpu_dev *dev = &g->dev[i];
	char err[160];
	c_snprintf(dev->why, sizeof dev->why, "GPU %d (%s): %s: %s", dev->d.ordinal, dev->d.bus_id, what,
	         cuda_error_text(g->api, rc, err, sizeof err));
	return -1;
}

int kgpu_use(struct kgpu *g, int i)
{
	return kgpu_ok(g, i, "cuCtxSetCurrent", g->api->CtxSetCurrent(g->dev[i].ctx));
}

double kgpu_elapsed_ms(struct kgpu *g, int i, CUevent start, CUevent stop)
{
	float ms = 0;
	if (kgpu_ok(g, i, "cuEventSynchronize", g->api->EventSynchronize(stop)) < 0 ||
	    kgpu_ok(g, i, "cuEventElapsedTime", g->api->EventElapsedTime(&ms, start, stop)) < 0)
		return -1;
	return ms;
}

/* Context, module (when needed), streams and events of one device. 0, or -1 with dev->why. */
static int kgpu_open_dev(struct kgpu *g, int i, enum kgpu_need need)
{
	const struct cuda_api *api = g->api;
	struct kgpu_dev *dev = &g->dev[i];
	CUresult rc = api->PrimaryCtxRetain(&dev->ctx, dev->d.dev);
	if (rc != CUDA_SUCCESS) {
		dev->ctx = NULL;
		return kgpu_fail(g, i, "cuDevicePrimaryCtxRetain", rc);
	}
	if (kgpu_use(g, i) < 0)
		return -1;
	char why[sizeof dev->why];
	if (need == KGPU_MODULE && cuda_ptx_load(api, dev->d.cc_major, dev->d.cc_minor, &dev->mod, why, sizeof why) < 0) {
		dev->mod = NULL;
		c_snprintf(dev->why, sizeof dev->why, "GPU %d (%s): %s", dev->d.ordinal, dev->d.bus_id, why);
		return -1;
	}
	if (kgpu_ok(g, i, "cuStreamCreate", api->StreamCreate(&dev->stream, CU_STREAM_NON_BLOCKING)) < 0 ||
	    kgpu_ok(g, i, "cuStreamCreate", api->StreamCreate(&dev->stream2, CU_STREAM_NON_BLOCKING)) < 0)
		return -1;
	for (int e = 0; e < 4; e++)
		if (kgpu_ok(g, i, "cuEventCreate", api->EventCreate(&dev->ev[e], CU_EVENT_BLOCKING_SYNC)) < 0)
			return -1;
	char pwhy[200];
	dev->peer = nvml_peer_open(dev->d.bus_id, pwhy, sizeof pwhy);
	return 0;
}

int kgpu_open(struct kernel_ctx *k, int device_param, enum kgpu_need need, struct kgpu **out)
{
	char why[200];
	const struct cuda_api *api = cuda_api_get(why, sizeof why);
	if (!api)
		return kutil_fail(k, "%s", why);
	int ord[CUDA_MAX_DEVICES];
	int n = cuda_device_select(api, k->text[device_param], ord, CUDA_MAX_DEVICES, why, sizeof why);
	if (n < 0)
		return kutil_fail(k, "%s", why);
	struct kgpu *g = calloc(1, sizeof *g);
	if (g)
		g->dev = calloc((size_t)n, sizeof *g->dev);
	if (!g || !g->dev) {
		free(g);
		return kutil_fail(k, "out of memory");
	}
	g->api = api;
	g->k = k;
	for (int i = 0; i < n; i++) {
		if (cuda_device_get(api, ord[i], &g->dev[i].d, why, sizeof why) < 0) {
			kgpu_close(g, NULL);
			return kutil_fail(k, "%s", why);
		}
		g->dev[i].sm_clock_mhz = NAN;
		g->n = i + 1;
		if (kgpu_open_dev(g, i, need) < 0) {
			kutil_fail(k, "%s", g->dev[i].why);
			kgpu_close(g, NULL);
			return -1;
		}
	}
	*out = g;
	return 0;
}

void kgpu_close(struct kgpu *g, void (*free_priv)(struct kgpu *g, int i))
{
	if (!g)
		return;
	const struct cuda_api *api = g->api;
	for (int i = 0; i < g->n; i++) {
		struct kgpu_dev *dev = &g->dev[i];
		if (!dev->ctx)
			continue;
		/* A lost context refuses everything; the release below still frees what it can. */
		if (api->CtxSetCurrent(dev->ctx) == CUDA_SUCCESS) {
			if (free_priv && dev->priv)
				free_priv(g, i);
			for (int e = 0; e < 4; e++)
				if (dev->ev[e])
					api->EventDestroy(dev->ev[e]);
			if (dev->stream)
				api->StreamDestroy(dev->stream);
			if (dev->stream2)
				api->StreamDestroy(dev->stream2);
			if (dev->mod)
				api->ModuleUnload(dev->mod);
		}
		api->CtxSetCurrent(NULL);
		api->PrimaryCtxRelease(dev->d.dev);
		nvml_peer_close(dev->peer);
	}
	free(g->dev);
	free(g);
}

struct kgpu_job {
	struct kgpu *g;
	int (*body)(struct kgpu *g, int i);
};

static void kgpu_run_one(void *arg, int i)
{
	struct kgpu_job *job = arg;
	job->g->dev[i].why[0] = '\0';
	job->g->dev[i].value = NAN;
	if (kgpu_use(job->g, i) == 0)
		job->body(job->g, i);
}

int kgpu_each(struct kgpu *g, int (*body)(struct kgpu *g, int i))
{
	struct kgpu_job job = { g, body };
	if (kutil_run(g->k, g->n, kgpu_run_one, &job) < 0)
		return -1;
	for (int i = 0; i < g->n; i++)
		if (g->dev[i].why[0])
			return kutil_fail(g->k, "%s", g->dev[i].why);
	if (kutil_stopped(g->k))
		return kutil_fail(g->k, "stopped");
	return 0;
}

double kgpu_total(const struct kgpu *g)
{
	double t = 0;
	for (int i = 0; i < g->n; i++)
		t += g->dev[i].value;
	return t;
}

unsigned kgpu_blocks(const struct kgpu_dev *dev, double param, int per_sm)
{
	if (param > 0)
		return (unsigned)param;
	return (unsigned)(per_sm * (dev->d.sms > 0 ? dev->d.sms : 1));
}

double kgpu_time_launches(struct kgpu *g, int i, CUfunction fn, unsigned blocks, unsigned threads, void **args,
                          unsigned launches)
{
	struct kgpu_dev *dev = &g->dev[i];
	const struct cuda_api *api = g->api;
	if (kgpu_ok(g, i, "cuEventRecord", api->EventRecord(dev->ev[0], dev->stream)) < 0)
		return -1;
	for (unsigned l = 0; l < launches; l++)
		if (kgpu_ok(g, i, "cuLaunchKernel", api->LaunchKernel(fn, blocks, 1, 1, threads, 1, 1, 0, dev->stream,
		                                                     args, NULL)) < 0)
			return -1;
	if (kgpu_ok(g, i, "cuEventRecord", api->EventRecord(dev->ev[1], dev->stream)) < 0)
		return -1;
	dev->sm_clock_mhz = nvml_peer_sm_clock(dev->peer);   /* while the launches run */
	return kgpu_elapsed_ms(g, i, dev->ev[0], dev->ev[1]);
}

char *kgpu_on(const struct kgpu *g, char *buf, size_t len)
{
	const struct kgpu_dev *d0 = &g->dev[0];
	if (g->n == 1)
		c_snprintf(buf, len, "GPU %d %s (%s)", d0->d.ordinal, d0->d.name, d0->d.bus_id);
	else
		c_snprintf(buf, len, "%d GPUs", g->n);
	return buf;
}

int kgpu_iterate(struct kgpu *g, int (*body)(struct kgpu *g, int i), void (*note)(struct kernel_ctx *k),
                 double *value)
{
	if (kutil_stopped(g->k))
		return kutil_fail(g->k, "stopped");
	if (kgpu_each(g, body) < 0)
		return -1;
	*value = kgpu_total(g);
	note(g->k);
	return 0;
}
