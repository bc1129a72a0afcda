/* fake-cuda.c - a stand-in libcuda with two known GPUs, so tests run benchtop's real CUDA code
 * without an NVIDIA GPU. It exports the driver API entry points benchtop resolves, under their
 * versioned names, with the driver's calling conventions (declared here independently of
 * src/gpu/cuda-api.h). Device memory is host memory; kernels "run" at launch, on the CPU, by the
 * semantics documented in src/gpu/cuda-ptx.h, so the real code's result checks see real results.
 * Every call is counted (fake_cuda_calls), and the primary context current on the calling
 * thread is enforced: memory of another device, or no context at all, is refused as a driver
 * would refuse it. This file: state, devices, contexts and errors; fake-cuda-run.c: modules
 * and launches; fake-cuda-mem.c: memory, copies, streams and events.
 *
 * The devices, in CUDA's order (fastest first is not PCI order: NVML's fake lists them the
 * other way round):
 *   0  NVIDIA Fake T4    0000:AF:00.0  cc 7.5   40 SMs  1590 MHz  5001 MHz x 256 bit
 *   1  NVIDIA Fake A100  0000:3B:00.0  cc 8.0  108 SMs  1410 MHz  1215 MHz x 5120 bit
 *
 * Environment, read on every call:
 *   FAKE_CUDA_INIT_ERROR=N       cuInit fails with N (100: no device)
 *   FAKE_CUDA_COUNT=N            0, 1 or 2 devices (default 2)
 *   FAKE_CUDA_DRIVER=N           cuDriverGetVersion (default 12040); the JIT accepts PTX ISA
 *                                up to this CUDA's and targets up to the device's
 *   FAKE_CUDA_JIT_FAIL=1         every module load fails with 218 and a ptxas-style log
 *   FAKE_CUDA_DEVICE=N           the device the next three act on (default 0)
 *   FAKE_CUDA_FAIL_AFTER=N       that device's launch N+1 fails with 719, and its context
 *                                is lost: every later call in it returns 719
 *   FAKE_CUDA_LOSE_AFTER=N       after N launches the device falls off the bus: every later
 *                                call about it returns 999 (CUDA_ERROR_UNKNOWN)
 *   FAKE_CUDA_CORRUPT_EVERY=N    every Nth bt_fma_* launch on it writes one wrong element
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fake-cuda.h"

const struct fake_gpu fake_gpus[2] = {
	{ "NVIDIA Fake T4", "0000:AF:00.0", 7, 5, 40, 1590000, 5001000, 256, 15ULL << 30, 0x7a },
	{ "NVIDIA Fake A100", "0000:3B:00.0", 8, 0, 108, 1410000, 1215000, 5120, 40ULL << 30, 0xa1 },
};

pthread_mutex_t fake_mu = PTHREAD_MUTEX_INITIALIZER;
int fake_inited;
struct CUctx_st fake_ctx[2] = { { 0, 0, 0 }, { 1, 0, 0 } };
long fake_launches[2], fake_fma_launches[2];
unsigned fake_fma_iters[2];
struct fake_alloc *fake_allocs;
long fake_live_objects;
_Thread_local struct CUctx_st *fake_current;

/* Calls counted by name. */
#define FAKE_MAX_NAMES 64
static struct { const char *name; long n; } fake_counts[FAKE_MAX_NAMES];

void fake_count(const char *name)
{
	pthread_mutex_lock(&fake_mu);
	for (int i = 0; i < FAKE_MAX_NAMES; i++) {
		if (!fake_counts[i].name)
			fake_counts[i].name = name;
		if (fake_counts[i].name == name || !strcmp(fake_counts[i].name, name)) {
			fake_counts[i].n++;
			break;
		}
	}
	pthread_mutex_unlock(&fake_mu);
}

int fake_env(const char *name, int dflt)
{
	const char *v = getenv(name);
	return v && *v ? atoi(v) : dflt;
}

int fake_ndev(void)
{
	int n = fake_env("FAKE_CUDA_COUNT", 2);
	return n < 0 ? 0 : n > 2 ? 2 : n;
}

double fake_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

CUresult fake_dev_state(int dev)
{
	if (dev == fake_env("FAKE_CUDA_DEVICE", 0)) {
		int lose = fake_env("FAKE_CUDA_LOSE_AFTER", -1);
		if (lose >= 0 && fake_launches[dev] >= lose)
			return 999;
	}
	return fake_ctx[dev].lost ? 719 : 0;
}

CUresult fake_in_ctx(const char *name, int *dev)
{
	fake_count(name);
	if (!fake_inited)
		return 3;                         /* NOT_INITIALIZED */
	if (!fake_current || fake_current->refs <= 0)
		return 201;                       /* INVALID_CONTEXT */
	*dev = fake_current->dev;
	pthread_mutex_lock(&fake_mu);
	CUresult rc = fake_dev_state(*dev);
	pthread_mutex_unlock(&fake_mu);
	return rc;
}

CUresult fake_in_ctx_release(const char *name, int *dev, int *may_free)
{
	CUresult rc = fake_in_ctx(name, dev);
	*may_free = rc == 0 || rc == 719 || rc == 999;
	return rc;
}

void *fake_dptr(int dev, CUdeviceptr p, size_t n)
{
	void *r = NULL;
	pthread_mutex_lock(&fake_mu);
	for (struct fake_alloc *a = fake_allocs; a; a = a->next) {
		uintptr_t base = (uintptr_t)a->p;
		if (a->dev == dev && p >= base && p + n <= base + a->n) {
			r = (void *)(uintptr_t)p;
			break;
		}
	}
	pthread_mutex_unlock(&fake_mu);
	return r;
}

/* What benchtop's tests read back. */
long fake_cuda_calls(const char *name)
{
	long n = 0;
	pthread_mutex_lock(&fake_mu);
	for (int i = 0; i < FAKE_MAX_NAMES && fake_counts[i].name; i++)
		if (!strcmp(fake_counts[i].name, name))
			n = fake_counts[i].n;
	pthread_mutex_unlock(&fake_mu);
	return n;
}

int fake_cuda_ctx_refs(int dev) { return dev >= 0 && dev < 2 ? fake_ctx[dev].refs : -1; }

long fake_cuda_launches(int dev)
{
	pthread_mutex_lock(&fake_mu);
	long n = dev >= 0 && dev < 2 ? fake_launches[dev] : -1;
	pthread_mutex_unlock(&fake_mu);
	return n;
}

unsigned fake_cuda_fma_iters(int dev)
{
	pthread_mutex_lock(&fake_mu);
	unsigned n = dev >= 0 && dev < 2 ? fake_fma_iters[dev] : 0;
	pthread_mutex_unlock(&fake_mu);
	return n;
}

long fake_cuda_live(void)
{
	pthread_mutex_lock(&fake_mu);
	long n = fake_live_objects;
	for (struct fake_alloc *a = fake_allocs; a; a = a->next)
		n++;
	pthread_mutex_unlock(&fake_mu);
	return n;
}

CUresult cuInit(unsigned flags)
{
	fake_count("cuInit");
	int err = fake_env("FAKE_CUDA_INIT_ERROR", 0);
	if (err)
		return err;
	if (flags != 0)
		return 1;
	fake_inited = 1;
	return 0;
}

CUresult cuDriverGetVersion(int *v)
{
	fake_count("cuDriverGetVersion");
	*v = fake_env("FAKE_CUDA_DRIVER", 12040);
	return 0;
}

static const struct { CUresult rc; const char *name, *text; } fake_errors[] = {
	{ 0, "CUDA_SUCCESS", "no error" },
	{ 1, "CUDA_ERROR_INVALID_VALUE", "invalid argument" },
	{ 3, "CUDA_ERROR_NOT_INITIALIZED", "initialization error" },
	{ 100, "CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected" },
	{ 101, "CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal" },
	{ 201, "CUDA_ERROR_INVALID_CONTEXT", "invalid device context" },
	{ 218, "CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed" },
	{ 222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION", "the provided PTX was compiled with an unsupported toolchain." },
	{ 500, "CUDA_ERROR_NOT_FOUND", "named symbol not found" },
	{ 700, "CUDA_ERROR_ILLEGAL_ADDRESS", "an illegal memory access was encountered" },
	{ 719, "CUDA_ERROR_LAUNCH_FAILED", "unspecified launch failure" },
	{ 999, "CUDA_ERROR_UNKNOWN", "unknown error" },
};

CUresult cuGetErrorName(CUresult rc, const char **s)
{
	for (size_t i = 0; i < sizeof fake_errors / sizeof *fake_errors; i++)
		if (fake_errors[i].rc == rc) {
			*s = fake_errors[i].name;
			return 0;
		}
	*s = NULL;
	return 1;
}

CUresult cuGetErrorString(CUresult rc, const char **s)
{
	for (size_t i = 0; i < sizeof fake_errors / sizeof *fake_errors; i++)
		if (fake_errors[i].rc == rc) {
			*s = fake_errors[i].text;
			return 0;
		}
	*s = NULL;
	return 1;
}

CUresult cuDeviceGetCount(int *n)
{
	fake_count("cuDeviceGetCount");
	if (!fake_inited)
		return 3;
	*n = fake_ndev();
	return 0;
}

static CUresult fake_dev_ok(CUdevice d)
{
	if (!fake_inited)
		return 3;
	if (d < 0 || d >= fake_ndev())
		return 101;
	pthread_mutex_lock(&fake_mu);
	CUresult rc = fake_dev_state(d) == 999 ? 999 : 0;
	pthread_mutex_unlock(&fake_mu);
	return rc;
}

CUresult cuDeviceGet(CUdevice *d, int ordinal)
{
	fake_count("cuDeviceGet");
	CUresult rc = fake_dev_ok(ordinal);
	if (!rc)
		*d = ordinal;
	return rc;
}

CUresult cuDeviceGetName(char *name, int len, CUdevice d)
{
	fake_count("cuDeviceGetName");
	CUresult rc = fake_dev_ok(d);
	if (!rc)
		snprintf(name, (size_t)len, "%s", fake_gpus[d].name);
	return rc;
}

CUresult cuDeviceGetAttribute(int *v, int attr, CUdevice d)
{
	fake_count("cuDeviceGetAttribute");
	CUresult rc = fake_dev_ok(d);
	if (rc)
		return rc;
	const struct fake_gpu *g = &fake_gpus[d];
	switch (attr) {
	case 13: *v = g->clock_khz; break;
	case 16: *v = g->sms; break;
	case 17: *v = 0; break;
	case 36: *v = g->mem_khz; break;
	case 37: *v = g->width; break;
	case 38: *v = 4 << 20; break;
	case 75: *v = g->cc_major; break;
	case 76: *v = g->cc_minor; break;
	default: return 1;
	}
	return 0;
}

CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice d)
{
	fake_count("cuDeviceTotalMem_v2");
	CUresult rc = fake_dev_ok(d);
	if (!rc)
		*bytes = (size_t)fake_gpus[d].total;
	return rc;
}

CUresult cuDeviceGetPCIBusId(char *bus, int len, CUdevice d)
{
	fake_count("cuDeviceGetPCIBusId");
	CUresult rc = fake_dev_ok(d);
	if (!rc)
		snprintf(bus, (size_t)len, "%s", fake_gpus[d].bus);
	return rc;
}

CUresult cuDeviceGetUuid_v2(CUuuid *u, CUdevice d)
{
	fake_count("cuDeviceGetUuid_v2");
	CUresult rc = fake_dev_ok(d);
	if (!rc)
		for (int i = 0; i < 16; i++)
			u->bytes[i] = (char)(fake_gpus[d].uuid0 + i);
	return rc;
}

CUresult cuDevicePrimaryCtxRetain(CUcontext *c, CUdevice d)
{
	fake_count("cuDevicePrimaryCtxRetain");
	CUresult rc = fake_dev_ok(d);
	if (rc)
		return rc;
	pthread_mutex_lock(&fake_mu);
	fake_ctx[d].refs++;
	pthread_mutex_unlock(&fake_mu);
	*c = &fake_ctx[d];
	return 0;
}

CUresult cuDevicePrimaryCtxRelease_v2(CUdevice d)
{
	fake_count("cuDevicePrimaryCtxRelease_v2");
	if (!fake_inited)
		return 3;
	if (d < 0 || d >= 2)
		return 101;
	pthread_mutex_lock(&fake_mu);
	CUresult rc = fake_ctx[d].refs > 0 ? 0 : 201;
	struct fake_alloc *dead = NULL;
	if (!rc && --fake_ctx[d].refs == 0) {
		fake_ctx[d].lost = 0;     /* the next retain makes a fresh context, */
		for (struct fake_alloc **a = &fake_allocs; *a;) {   /* without the old one's memory */
			if ((*a)->dev == d) {
				struct fake_alloc *x = *a;
				*a = x->next;
				x->next = dead;
				dead = x;
			} else {
				a = &(*a)->next;
			}
		}
	}
	pthread_mutex_unlock(&fake_mu);
	while (dead) {
		struct fake_alloc *x = dead;
		dead = x->next;
		free(x->p);
		free(x);
	}
	return rc;
}

CUresult cuCtxSetCurrent(CUcontext c)
{
	fake_count("cuCtxSetCurrent");
	if (!fake_inited)
		return 3;
	if (c && c != &fake_ctx[0] && c != &fake_ctx[1])
		return 201;
	fake_current = c;
	return 0;
}

CUresult cuCtxSynchronize(void)
{
	int dev;
	return fake_in_ctx("cuCtxSynchronize", &dev);
}

/* Neither is for benchtop: a context of its own, and the 32-bit ABI. Counted, so tests see. */
CUresult cuCtxCreate_v2(CUcontext *c, unsigned flags, CUdevice d)
{
	fake_count("cuCtxCreate_v2");
	return 1;
}

CUresult cuMemAlloc(unsigned *p, unsigned n)
{
	fake_count("cuMemAlloc");
	return 1;
}
