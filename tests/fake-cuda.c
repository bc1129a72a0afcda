/* fake-cuda.c - a stand-in libcuda with two known GPUs, so tests run benchtop's real CUDA code
 * without an NVIDIA GPU. It exports the driver API entry points benchtop resolves, under their
 * versioned names, with the driver's calling conventions (declared here independently of
 * src/cuda-api.h). Device memory is host memory; kernels "run" at launch, on the CPU, by the
 * semantics documented in src/cuda-ptx.h, so the real code's result checks see real results.
 * Every call is counted (fake_cuda_calls), and the primary context current on the calling
 * thread is enforced: memory of another device, or no context at all, is refused as a driver
 * would refuse it.
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

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct { char bytes[16]; } CUuuid;

struct CUctx_st { int dev; int refs; int lost; };
struct CUfunc_st { int dev; char name[32]; };
struct CUmod_st { int dev; struct CUfunc_st fn[8]; int n; };
struct CUstream_st { int dev; };
struct CUevent_st { int dev; double t; int recorded; };
typedef struct CUctx_st *CUcontext;
typedef struct CUmod_st *CUmodule;
typedef struct CUfunc_st *CUfunction;
typedef struct CUstream_st *CUstream;
typedef struct CUevent_st *CUevent;

struct fake_gpu {
	const char *name, *bus;
	int cc_major, cc_minor, sms, clock_khz, mem_khz, width;
	unsigned long long total;
	unsigned char uuid0;
};

static const struct fake_gpu fake_gpus[2] = {
	{ "NVIDIA Fake T4", "0000:AF:00.0", 7, 5, 40, 1590000, 5001000, 256, 15ULL << 30, 0x7a },
	{ "NVIDIA Fake A100", "0000:3B:00.0", 8, 0, 108, 1410000, 1215000, 5120, 40ULL << 30, 0xa1 },
};

struct fake_alloc {
	void *p;
	size_t n;
	int dev;
	struct fake_alloc *next;
};

static pthread_mutex_t fake_mu = PTHREAD_MUTEX_INITIALIZER;
static int fake_inited;
static struct CUctx_st fake_ctx[2] = { { 0, 0, 0 }, { 1, 0, 0 } };
static long fake_launches[2], fake_fma_launches[2];
static struct fake_alloc *fake_allocs;
static long fake_live_objects;
static _Thread_local struct CUctx_st *fake_current;

/* Calls counted by name. */
#define FAKE_MAX_NAMES 64
static struct { const char *name; long n; } fake_counts[FAKE_MAX_NAMES];

static void fake_count(const char *name)
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

static int fake_env(const char *name, int dflt)
{
	const char *v = getenv(name);
	return v && *v ? atoi(v) : dflt;
}

static int fake_ndev(void)
{
	int n = fake_env("FAKE_CUDA_COUNT", 2);
	return n < 0 ? 0 : n > 2 ? 2 : n;
}

static double fake_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The device's state now: 0, 999 when it fell off the bus, 719 when its context was lost. */
static CUresult fake_dev_state(int dev)
{
	if (dev == fake_env("FAKE_CUDA_DEVICE", 0)) {
		int lose = fake_env("FAKE_CUDA_LOSE_AFTER", -1);
		if (lose >= 0 && fake_launches[dev] >= lose)
			return 999;
	}
	return fake_ctx[dev].lost ? 719 : 0;
}

/* Success when a context is current and its device is well; the device in *dev. */
static CUresult fake_in_ctx(const char *name, int *dev)
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

/* For calls that release things: a lost context still lets them go (and says it is lost). */
static CUresult fake_in_ctx_release(const char *name, int *dev, int *may_free)
{
	CUresult rc = fake_in_ctx(name, dev);
	*may_free = rc == 0 || rc == 719 || rc == 999;
	return rc;
}

/* The host address behind a device pointer of device dev, with n bytes there; NULL if none. */
static void *fake_dptr(int dev, CUdeviceptr p, size_t n)
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
long fake_cuda_calls(const char *name);
int fake_cuda_ctx_refs(int dev);
long fake_cuda_launches(int dev);
long fake_cuda_live(void);

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

long fake_cuda_live(void)
{
	pthread_mutex_lock(&fake_mu);
	long n = fake_live_objects;
	for (struct fake_alloc *a = fake_allocs; a; a = a->next)
		n++;
	pthread_mutex_unlock(&fake_mu);
	return n;
}

/* The driver API, as libcuda.so.1 exports it. */
CUresult cuInit(unsigned flags);
CUresult cuDriverGetVersion(int *v);
CUresult cuGetErrorName(CUresult rc, const char **s);
CUresult cuGetErrorString(CUresult rc, const char **s);
CUresult cuDeviceGetCount(int *n);
CUresult cuDeviceGet(CUdevice *d, int ordinal);
CUresult cuDeviceGetName(char *name, int len, CUdevice d);
CUresult cuDeviceGetAttribute(int *v, int attr, CUdevice d);
CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice d);
CUresult cuDeviceGetPCIBusId(char *bus, int len, CUdevice d);
CUresult cuDeviceGetUuid_v2(CUuuid *u, CUdevice d);
CUresult cuDevicePrimaryCtxRetain(CUcontext *c, CUdevice d);
CUresult cuDevicePrimaryCtxRelease_v2(CUdevice d);
CUresult cuCtxSetCurrent(CUcontext c);
CUresult cuCtxSynchronize(void);
CUresult cuCtxCreate_v2(CUcontext *c, unsigned flags, CUdevice d);
CUresult cuMemAlloc(unsigned *p, unsigned n);
CUresult cuModuleLoadDataEx(CUmodule *m, const void *image, unsigned n, int *opts, void **vals);
CUresult cuModuleGetFunction(CUfunction *f, CUmodule m, const char *name);
CUresult cuModuleUnload(CUmodule m);
CUresult cuMemAlloc_v2(CUdeviceptr *p, size_t n);
CUresult cuMemFree_v2(CUdeviceptr p);
CUresult cuMemsetD32_v2(CUdeviceptr p, unsigned v, size_t n);
CUresult cuMemHostAlloc(void **p, size_t n, unsigned flags);
CUresult cuMemFreeHost(void *p);
CUresult cuMemcpyHtoD_v2(CUdeviceptr d, const void *h, size_t n);
CUresult cuMemcpyDtoH_v2(void *h, CUdeviceptr d, size_t n);
CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr d, const void *h, size_t n, CUstream s);
CUresult cuMemcpyDtoHAsync_v2(void *h, CUdeviceptr d, size_t n, CUstream s);
CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by,
                        unsigned bz, unsigned shmem, CUstream s, void **params, void **extra);
CUresult cuStreamCreate(CUstream *s, unsigned flags);
CUresult cuStreamWaitEvent(CUstream s, CUevent e, unsigned flags);
CUresult cuStreamSynchronize(CUstream s);
CUresult cuStreamDestroy_v2(CUstream s);
CUresult cuEventCreate(CUevent *e, unsigned flags);
CUresult cuEventRecord(CUevent e, CUstream s);
CUresult cuEventSynchronize(CUevent e);
CUresult cuEventElapsedTime(float *ms, CUevent a, CUevent b);
CUresult cuEventElapsedTime_v2(float *ms, CUevent a, CUevent b);
CUresult cuEventDestroy_v2(CUevent e);

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

/* The PTX ISA this fake driver's JIT knows, x 10. */
static int fake_driver_isa(void)
{
	int v = fake_env("FAKE_CUDA_DRIVER", 12040), major = v / 1000, minor = v % 1000 / 10;
	if (major >= 13)
		return 90;
	if (major == 12)
		return minor <= 5 ? 80 + minor : 79 + minor;
	if (major == 11)
		return 70 + minor;
	return 60;
}

static CUresult fake_jit_fail(CUresult rc, const char *log, unsigned n, int *opts, void **vals)
{
	char *buf = NULL;
	size_t *sizep = NULL, size = 0;
	for (unsigned i = 0; i < n; i++) {
		if (opts[i] == 5)
			buf = vals[i];
		if (opts[i] == 6) {
			sizep = (size_t *)&vals[i];
			size = (size_t)(uintptr_t)vals[i];
		}
	}
	if (buf && size) {
		snprintf(buf, size, "%s", log);
		*sizep = strlen(log) + 1 < size ? strlen(log) + 1 : size;
	}
	return rc;
}

CUresult cuModuleLoadDataEx(CUmodule *m, const void *image, unsigned n, int *opts, void **vals)
{
	int dev;
	CUresult rc = fake_in_ctx("cuModuleLoadDataEx", &dev);
	if (rc)
		return rc;
	const char *ptx = image;
	char log[256];
	if (fake_env("FAKE_CUDA_JIT_FAIL", 0))
		return fake_jit_fail(218, "ptxas application ptx input, line 42; error   : Unknown symbol 'bt_nope'\n"
		                          "ptxas fatal   : Ptx assembly aborted due to errors\n", n, opts, vals);
	const char *ver = strstr(ptx, "\n.version "), *tgt = strstr(ptx, "\n.target sm_");
	int vmaj = 0, vmin = 0, sm = 0;
	if (!ver || sscanf(ver, "\n.version %d.%d", &vmaj, &vmin) != 2 || !tgt ||
	    sscanf(tgt, "\n.target sm_%d", &sm) != 1 || !strstr(ptx, "\n.address_size 64"))
		return fake_jit_fail(218, "ptxas application ptx input, line 1; fatal   : Missing .version directive\n",
		                     n, opts, vals);
	if (vmaj * 10 + vmin > fake_driver_isa()) {
		snprintf(log, sizeof log, "ptxas application ptx input, line 5; fatal   : Unsupported .version %d.%d; "
		         "current version is '%d.%d'\n", vmaj, vmin, fake_driver_isa() / 10, fake_driver_isa() % 10);
		return fake_jit_fail(222, log, n, opts, vals);
	}
	if (sm > fake_gpus[dev].cc_major * 10 + fake_gpus[dev].cc_minor) {
		snprintf(log, sizeof log, "ptxas application ptx input, line 6; error   : Target sm_%d is newer than "
		         "this GPU\n", sm);
		return fake_jit_fail(218, log, n, opts, vals);
	}
	struct CUmod_st *mod = calloc(1, sizeof *mod);
	if (!mod)
		return 2;
	mod->dev = dev;
	for (const char *p = ptx; (p = strstr(p, ".entry ")) && mod->n < 8; p++) {
		mod->fn[mod->n].dev = dev;
		sscanf(p, ".entry %31[A-Za-z0-9_$](", mod->fn[mod->n++].name);
	}
	pthread_mutex_lock(&fake_mu);
	fake_live_objects++;
	pthread_mutex_unlock(&fake_mu);
	*m = mod;
	return 0;
}

CUresult cuModuleGetFunction(CUfunction *f, CUmodule m, const char *name)
{
	int dev;
	CUresult rc = fake_in_ctx("cuModuleGetFunction", &dev);
	if (rc)
		return rc;
	if (!m || m->dev != dev)
		return 400;                    /* INVALID_HANDLE */
	for (int i = 0; i < m->n; i++)
		if (!strcmp(m->fn[i].name, name)) {
			*f = &m->fn[i];
			return 0;
		}
	return 500;
}

CUresult cuModuleUnload(CUmodule m)
{
	int dev;
	int may_free;
	CUresult rc = fake_in_ctx_release("cuModuleUnload", &dev, &may_free);
	if (!may_free)
		return rc;
	free(m);
	pthread_mutex_lock(&fake_mu);
	fake_live_objects--;
	pthread_mutex_unlock(&fake_mu);
	return rc;
}

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

/* The kernels of src/cuda-ptx.h, on the CPU. */
static void fake_fma32(float *out, unsigned threads, unsigned iters, float b, float c)
{
	for (unsigned t = 0; t < threads; t++) {
		float x[8], sum;
		for (int j = 0; j < 8; j++)
			x[j] = (float)(t + (unsigned)j) * 0x1p-24f;
		for (unsigned i = 0; i < iters * 4; i++)
			for (int j = 0; j < 8; j++)
				x[j] = fmaf(x[j], b, c);
		sum = x[0];
		for (int j = 1; j < 8; j++)
			sum += x[j];
		out[t] = sum;
	}
}

static void fake_fma64(double *out, unsigned threads, unsigned iters, double b, double c)
{
	for (unsigned t = 0; t < threads; t++) {
		double x[8], sum;
		for (int j = 0; j < 8; j++)
			x[j] = (double)(t + (unsigned)j) * 0x1p-24;
		for (unsigned i = 0; i < iters * 4; i++)
			for (int j = 0; j < 8; j++)
				x[j] = fma(x[j], b, c);
		sum = x[0];
		for (int j = 1; j < 8; j++)
			sum += x[j];
		out[t] = sum;
	}
}

static CUresult fake_run(int dev, const char *name, unsigned threads, void **p)
{
	if (!strcmp(name, "bt_fma_f32") || !strcmp(name, "bt_fma_f64")) {
		int f64 = name[8] == '6';
		size_t each = f64 ? 8 : 4;
		void *out = fake_dptr(dev, *(CUdeviceptr *)p[0], threads * each);
		if (!out)
			return 700;
		unsigned iters = *(unsigned *)p[1];
		if (f64)
			fake_fma64(out, threads, iters, *(double *)p[2], *(double *)p[3]);
		else
			fake_fma32(out, threads, iters, *(float *)p[2], *(float *)p[3]);
		int every = fake_env("FAKE_CUDA_CORRUPT_EVERY", 0);
		pthread_mutex_lock(&fake_mu);
		long nth = ++fake_fma_launches[dev];
		pthread_mutex_unlock(&fake_mu);
		if (every > 0 && dev == fake_env("FAKE_CUDA_DEVICE", 0) && nth % every == 0) {
			if (f64)
				((double *)out)[threads / 2] += 1.0;
			else
				((float *)out)[threads / 2] += 1.0f;
		}
		return 0;
	}
	if (!strcmp(name, "bt_copy")) {
		unsigned long long n = *(unsigned long long *)p[2];
		void *dst = fake_dptr(dev, *(CUdeviceptr *)p[0], n * 16), *src = fake_dptr(dev, *(CUdeviceptr *)p[1], n * 16);
		if (!dst || !src)
			return 700;
		memmove(dst, src, n * 16);
		return 0;
	}
	if (!strcmp(name, "bt_triad")) {
		unsigned long long n = *(unsigned long long *)p[3];
		float *a = fake_dptr(dev, *(CUdeviceptr *)p[0], n * 16), *b = fake_dptr(dev, *(CUdeviceptr *)p[1], n * 16);
		float *c = fake_dptr(dev, *(CUdeviceptr *)p[2], n * 16), s = *(float *)p[4];
		if (!a || !b || !c)
			return 700;
		for (unsigned long long i = 0; i < n * 4; i++)
			a[i] = fmaf(c[i], s, b[i]);
		return 0;
	}
	if (!strcmp(name, "bt_compare")) {
		unsigned long long n = *(unsigned long long *)p[2];
		uint32_t *ref = fake_dptr(dev, *(CUdeviceptr *)p[0], n * 4), *got = fake_dptr(dev, *(CUdeviceptr *)p[1], n * 4);
		uint32_t *count = fake_dptr(dev, *(CUdeviceptr *)p[3], 4);
		if (!ref || !got || !count)
			return 700;
		for (unsigned long long i = 0; i < n; i++)
			*count += ref[i] != got[i];
		return 0;
	}
	return 1;
}

CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by,
                        unsigned bz, unsigned shmem, CUstream s, void **params, void **extra)
{
	int dev;
	CUresult rc = fake_in_ctx("cuLaunchKernel", &dev);
	if (rc)
		return rc;
	if (!f || f->dev != dev || (s && s->dev != dev))
		return 400;
	if (!gx || !bx || bx > 1024 || gy != 1 || gz != 1 || by != 1 || bz != 1 || extra || !params)
		return 1;
	pthread_mutex_lock(&fake_mu);
	long nth = ++fake_launches[dev];
	int fail = dev == fake_env("FAKE_CUDA_DEVICE", 0) ? fake_env("FAKE_CUDA_FAIL_AFTER", -1) : -1;
	if (fail >= 0 && nth > fail)
		fake_ctx[dev].lost = 1;
	rc = fake_dev_state(dev);
	pthread_mutex_unlock(&fake_mu);
	if (rc)
		return rc;
	return fake_run(dev, f->name, gx * bx, params);
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
