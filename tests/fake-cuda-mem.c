/* fake-cuda-mem.c - the fake libcuda's memory (device memory is host memory, owned by the
 * device whose context allocated it), copies, streams and events (timed by the host clock,
 * since launches run synchronously). */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake-cuda.h"

CUresult cuMemAlloc_v2(CUdeviceptr *p, size_t n)
{
	int dev;
	CUresult rc = fake_in_ctx("cuMemAlloc_v2", &dev);
	if (rc)
		return rc;
	struct fake_alloc *a = calloc(1, sizeof *a);
	if (a)
		a->p = calloc(1, n ? n : 1);
	if (!a || !a->p) {
		free(a);
		return 2;
	}
	a->n = n;
	a->dev = dev;
	pthread_mutex_lock(&fake_mu);
	a->next = fake_allocs;
	fake_allocs = a;
	pthread_mutex_unlock(&fake_mu);
	*p = (CUdeviceptr)(uintptr_t)a->p;
	return 0;
}

CUresult cuMemFree_v2(CUdeviceptr p)
{
	int dev;
	int may_free;
	CUresult rc = fake_in_ctx_release("cuMemFree_v2", &dev, &may_free);
	if (!may_free)
		return rc;
	pthread_mutex_lock(&fake_mu);
	for (struct fake_alloc **a = &fake_allocs; *a; a = &(*a)->next)
		if ((uintptr_t)(*a)->p == p && (*a)->dev == dev) {
			struct fake_alloc *dead = *a;
			*a = dead->next;
			pthread_mutex_unlock(&fake_mu);
			free(dead->p);
			free(dead);
			return rc;
		}
	pthread_mutex_unlock(&fake_mu);
	return rc ? rc : 1;
}

CUresult cuMemsetD32_v2(CUdeviceptr p, unsigned v, size_t n)
{
	int dev;
	CUresult rc = fake_in_ctx("cuMemsetD32_v2", &dev);
	if (rc)
		return rc;
	uint32_t *d = fake_dptr(dev, p, n * 4);
	if (!d)
		return 700;
	for (size_t i = 0; i < n; i++)
		d[i] = v;
	return 0;
}

CUresult cuMemHostAlloc(void **p, size_t n, unsigned flags)
{
	int dev;
	CUresult rc = fake_in_ctx("cuMemHostAlloc", &dev);
	if (rc)
		return rc;
	*p = malloc(n ? n : 1);
	if (!*p)
		return 2;
	pthread_mutex_lock(&fake_mu);
	fake_live_objects++;
	pthread_mutex_unlock(&fake_mu);
	return 0;
}

CUresult cuMemFreeHost(void *p)
{
	int dev;
	int may_free;
	CUresult rc = fake_in_ctx_release("cuMemFreeHost", &dev, &may_free);
	if (!may_free)
		return rc;
	free(p);
	pthread_mutex_lock(&fake_mu);
	fake_live_objects--;
	pthread_mutex_unlock(&fake_mu);
	return rc;
}

static CUresult fake_copy(const char *name, void *dst, const void *src, CUdeviceptr dp, size_t n, int to_dev)
{
	int dev;
	CUresult rc = fake_in_ctx(name, &dev);
	if (rc)
		return rc;
	void *d = fake_dptr(dev, dp, n);
	if (!d)
		return 700;
	memcpy(to_dev ? d : dst, to_dev ? src : d, n);
	return 0;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr d, const void *h, size_t n)
{
	return fake_copy("cuMemcpyHtoD_v2", NULL, h, d, n, 1);
}

CUresult cuMemcpyDtoH_v2(void *h, CUdeviceptr d, size_t n)
{
	return fake_copy("cuMemcpyDtoH_v2", h, NULL, d, n, 0);
}

CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr d, const void *h, size_t n, CUstream s)
{
	return fake_copy("cuMemcpyHtoDAsync_v2", NULL, h, d, n, 1);
}

CUresult cuMemcpyDtoHAsync_v2(void *h, CUdeviceptr d, size_t n, CUstream s)
{
	return fake_copy("cuMemcpyDtoHAsync_v2", h, NULL, d, n, 0);
}

CUresult cuStreamCreate(CUstream *s, unsigned flags)
{
	int dev;
	CUresult rc = fake_in_ctx("cuStreamCreate", &dev);
	if (rc)
		return rc;
	*s = calloc(1, sizeof **s);
	if (!*s)
		return 2;
	(*s)->dev = dev;
	pthread_mutex_lock(&fake_mu);
	fake_live_objects++;
	pthread_mutex_unlock(&fake_mu);
	return 0;
}

CUresult cuStreamWaitEvent(CUstream s, CUevent e, unsigned flags)
{
	int dev;
	CUresult rc = fake_in_ctx("cuStreamWaitEvent", &dev);
	return rc ? rc : (!s || !e || s->dev != dev) ? 400 : 0;
}

CUresult cuStreamSynchronize(CUstream s)
{
	int dev;
	return fake_in_ctx("cuStreamSynchronize", &dev);
}

CUresult cuStreamDestroy_v2(CUstream s)
{
	int dev;
	int may_free;
	CUresult rc = fake_in_ctx_release("cuStreamDestroy_v2", &dev, &may_free);
	if (!may_free)
		return rc;
	free(s);
	pthread_mutex_lock(&fake_mu);
	fake_live_objects--;
	pthread_mutex_unlock(&fake_mu);
	return rc;
}

CUresult cuEventCreate(CUevent *e, unsigned flags)
{
	int dev;
	CUresult rc = fake_in_ctx("cuEventCreate", &dev);
	if (rc)
		return rc;
	*e = calloc(1, sizeof **e);
	if (!*e)
		return 2;
	(*e)->dev = dev;
	pthread_mutex_lock(&fake_mu);
	fake_live_objects++;
	pthread_mutex_unlock(&fake_mu);
	return 0;
}

CUresult cuEventRecord(CUevent e, CUstream s)
{
	int dev;
	CUresult rc = fake_in_ctx("cuEventRecord", &dev);
	if (rc)
		return rc;
	if (!e || e->dev != dev)
		return 400;
	e->t = fake_now();
	e->recorded = 1;
	return 0;
}

CUresult cuEventSynchronize(CUevent e)
{
	int dev;
	CUresult rc = fake_in_ctx("cuEventSynchronize", &dev);
	return rc ? rc : e && e->recorded ? 0 : 400;
}

CUresult cuEventElapsedTime_v2(float *ms, CUevent a, CUevent b)
{
	int dev;
	CUresult rc = fake_in_ctx("cuEventElapsedTime_v2", &dev);
	if (rc)
		return rc;
	if (!a || !b || !a->recorded || !b->recorded)
		return 600;
	double d = (b->t - a->t) * 1e3;
	*ms = (float)(d > 1e-3 ? d : 1e-3);   /* the real resolution is about half a microsecond */
	return 0;
}

CUresult cuEventElapsedTime(float *ms, CUevent a, CUevent b)
{
	fake_count("cuEventElapsedTime");
	return cuEventElapsedTime_v2(ms, a, b);
}

CUresult cuEventDestroy_v2(CUevent e)
{
	int dev;
	int may_free;
	CUresult rc = fake_in_ctx_release("cuEventDestroy_v2", &dev, &may_free);
	if (!may_free)
		return rc;
	free(e);
	pthread_mutex_lock(&fake_mu);
	fake_live_objects--;
	pthread_mutex_unlock(&fake_mu);
	return rc;
}
