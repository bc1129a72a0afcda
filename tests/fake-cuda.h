/* fake-cuda.h - what the parts of the fake libcuda share (tests/fake-cuda.c describes it):
 * the driver's types as the fake defines them, the two GPUs, the state behind one mutex, and
 * the checks every entry point makes. Only tests/fake-cuda*.c include it. */
#ifndef BENCHTOP_FAKE_CUDA_H
#define BENCHTOP_FAKE_CUDA_H

#include <pthread.h>
#include <stddef.h>

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

struct fake_alloc {
	void *p;
	size_t n;
	int dev;
	struct fake_alloc *next;
};

extern const struct fake_gpu fake_gpus[2];
extern pthread_mutex_t fake_mu;            /* guards what follows but fake_current */
extern int fake_inited;
extern struct CUctx_st fake_ctx[2];         /* the primary contexts */
extern long fake_launches[2], fake_fma_launches[2];
extern unsigned fake_fma_iters[2];   /* the last FMA launch's trip count */
extern struct fake_alloc *fake_allocs;
extern long fake_live_objects;              /* modules, streams, events, pinned buffers */
extern _Thread_local struct CUctx_st *fake_current;

void fake_count(const char *name);          /* counts a call by name */
int fake_env(const char *name, int dflt);
int fake_ndev(void);
double fake_now(void);
/* The device's state now: 0, 999 when it fell off the bus, 719 when its context was lost
 * (caller holds fake_mu). */
CUresult fake_dev_state(int dev);
/* Counts the call; success when a context is current and its device is well (device in *dev). */
CUresult fake_in_ctx(const char *name, int *dev);
/* For calls that release things: a lost context still lets them go (and says it is lost). */
CUresult fake_in_ctx_release(const char *name, int *dev, int *may_free);
/* The host address behind a device pointer of device dev, with n bytes there; NULL if none. */
void *fake_dptr(int dev, CUdeviceptr p, size_t n);

/* What benchtop's tests read back. */
long fake_cuda_calls(const char *name);
int fake_cuda_ctx_refs(int dev);
long fake_cuda_launches(int dev);
long fake_cuda_live(void);
unsigned fake_cuda_fma_iters(int dev);

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

#endif
