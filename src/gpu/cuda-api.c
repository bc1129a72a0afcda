/* cuda-api.c - loads the CUDA driver API once per process (see cuda-api.h).
 *
 * Symbols are the exported versioned names that cuda.h's macros hide (cuMemAlloc_v2 ...):
 * the unsuffixed ones are the first, 32-bit ABI and must not be called on 64-bit systems.
 * Plain libcuda.so may be the toolkit's stub, whose every call returns 34, so the soname
 * libcuda.so.1 is what is loaded.
 */
#include "config.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cuda-api.h"
#include "util.h"

static pthread_once_t cuda_once = PTHREAD_ONCE_INIT;
static struct cuda_api cuda_loaded;
static const struct cuda_api *cuda_ready;
static char cuda_why[256];

static void *cuda_sym(void *lib, const char *const *names)
{
	for (; *names; names++) {
		void *p = dlsym(lib, *names);
		if (p)
			return p;
	}
	return NULL;
}

/* Resolves into a function pointer field; a required name missing fails the load. */
#define CUDA_SYM(field, ...) \
	do { \
		const char *const names_[] = { __VA_ARGS__, NULL }; \
		a->field = (__typeof__(a->field))cuda_sym(lib, names_); \
		if (!a->field && !missing) \
			missing = names_[0]; \
	} while (0)
#define CUDA_OPT(field, ...) \
	(a->field = (__typeof__(a->field))cuda_sym(lib, (const char *const[]){ __VA_ARGS__, NULL }))

static void cuda_load(void)
{
	const char *env = getenv("BENCHTOP_CUDA_LIB");
	const char *path = env && *env ? env : "libcuda.so.1";
	void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		const char *e = dlerror();
		if (strchr(path, '/') && access(path, F_OK) == 0)
			c_snprintf(cuda_why, sizeof cuda_why, "%s", e ? e : path);
		else
			c_snprintf(cuda_why, sizeof cuda_why, "%s not found (no NVIDIA driver)", path);
		return;
	}
	struct cuda_api *a = &cuda_loaded;
	const char *missing = NULL;
	CUresult (*init)(unsigned) = (CUresult (*)(unsigned))dlsym(lib, "cuInit");
	CUresult (*version)(int *) = (CUresult (*)(int *))dlsym(lib, "cuDriverGetVersion");
	CUDA_SYM(DeviceGetCount, "cuDeviceGetCount");
	CUDA_SYM(DeviceGet, "cuDeviceGet");
	CUDA_SYM(DeviceGetName, "cuDeviceGetName");
	CUDA_SYM(DeviceGetAttribute, "cuDeviceGetAttribute");
	CUDA_SYM(DeviceTotalMem, "cuDeviceTotalMem_v2");
	CUDA_SYM(DeviceGetPCIBusId, "cuDeviceGetPCIBusId");
	CUDA_OPT(DeviceGetUuid, "cuDeviceGetUuid_v2", "cuDeviceGetUuid");
	CUDA_SYM(PrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
	CUDA_SYM(PrimaryCtxRelease, "cuDevicePrimaryCtxRelease_v2");
	CUDA_SYM(CtxSetCurrent, "cuCtxSetCurrent");
	CUDA_SYM(CtxSynchronize, "cuCtxSynchronize");
	CUDA_SYM(ModuleLoadDataEx, "cuModuleLoadDataEx");
	CUDA_SYM(ModuleGetFunction, "cuModuleGetFunction");
	CUDA_SYM(ModuleUnload, "cuModuleUnload");
	CUDA_SYM(MemAlloc, "cuMemAlloc_v2");
	CUDA_SYM(MemFree, "cuMemFree_v2");
	CUDA_SYM(MemsetD32, "cuMemsetD32_v2");
	CUDA_SYM(MemHostAlloc, "cuMemHostAlloc");
	CUDA_SYM(MemFreeHost, "cuMemFreeHost");
	CUDA_SYM(MemcpyHtoD, "cuMemcpyHtoD_v2");
	CUDA_SYM(MemcpyDtoH, "cuMemcpyDtoH_v2");
	CUDA_SYM(MemcpyHtoDAsync, "cuMemcpyHtoDAsync_v2");
	CUDA_SYM(MemcpyDtoHAsync, "cuMemcpyDtoHAsync_v2");
	CUDA_SYM(LaunchKernel, "cuLaunchKernel");
	CUDA_SYM(StreamCreate, "cuStreamCreate");
	CUDA_SYM(StreamWaitEvent, "cuStreamWaitEvent");
	CUDA_SYM(StreamSynchronize, "cuStreamSynchronize");
	CUDA_SYM(StreamDestroy, "cuStreamDestroy_v2");
	CUDA_SYM(EventCreate, "cuEventCreate");
	CUDA_SYM(EventRecord, "cuEventRecord");
	CUDA_SYM(EventSynchronize, "cuEventSynchronize");
	/* _v2 appeared in CUDA 12.8 with the same signature; older drivers have the first. */
	CUDA_SYM(EventElapsedTime, "cuEventElapsedTime_v2", "cuEventElapsedTime");
	CUDA_SYM(EventDestroy, "cuEventDestroy_v2");
	CUDA_OPT(GetErrorName, "cuGetErrorName");
	CUDA_OPT(GetErrorString, "cuGetErrorString");
	if (!init || !version || missing) {
		c_snprintf(cuda_why, sizeof cuda_why, "%s lacks %s: not a usable CUDA driver", path,
		         !init ? "cuInit" : !version ? "cuDriverGetVersion" : missing);
		dlclose(lib);
		return;
	}
	CUresult rc = init(0);
	if (rc != CUDA_SUCCESS) {
		char err[160];
		c_snprintf(cuda_why, sizeof cuda_why, "CUDA: %s", cuda_error_text(a, rc, err, sizeof err));
		dlclose(lib);
		return;
	}
	if (version(&a->driver_version) != CUDA_SUCCESS)
		a->driver_version = 0;
	cuda_ready = a;   /* the library stays loaded: contexts live as long as the process */
}

const struct cuda_api *cuda_api_get(char *why, size_t whylen)
{
	pthread_once(&cuda_once, cuda_load);
	if (!cuda_ready && why)
		str_copy(why, cuda_why, whylen);
	return cuda_ready;
}

const char *cuda_error_text(const struct cuda_api *api, CUresult rc, char *buf, size_t len)
{
	const char *name = NULL, *text = NULL;
	if (api && api->GetErrorName && api->GetErrorName(rc, &name) != CUDA_SUCCESS)
		name = NULL;
	if (api && api->GetErrorString && api->GetErrorString(rc, &text) != CUDA_SUCCESS)
		text = NULL;
	if (name && text)
		c_snprintf(buf, len, "%s: %s", name, text);
	else if (name || text)
		c_snprintf(buf, len, "%s (CUDA error %d)", name ? name : text, rc);
	else
		c_snprintf(buf, len, "CUDA error %d", rc);
	return buf;
}

int cuda_error_is_sticky(CUresult rc)
{
	switch (rc) {
	case CUDA_ERROR_ILLEGAL_ADDRESS:
	case CUDA_ERROR_LAUNCH_TIMEOUT:
	case CUDA_ERROR_HARDWARE_STACK_ERROR:
	case CUDA_ERROR_ILLEGAL_INSTRUCTION:
	case CUDA_ERROR_MISALIGNED_ADDRESS:
	case CUDA_ERROR_INVALID_ADDRESS_SPACE:
	case CUDA_ERROR_INVALID_PC:
	case CUDA_ERROR_LAUNCH_FAILED:
	case CUDA_ERROR_ECC_UNCORRECTABLE:
	case CUDA_ERROR_DEINITIALIZED:
	case CUDA_ERROR_ASSERT:            /* a device-side assert */
	case CUDA_ERROR_UNKNOWN:
		return 1;
	default:
		return 0;
	}
}

int cuda_ctx_enter(const struct cuda_api *api, CUdevice dev, char *why, size_t whylen)
{
	CUcontext ctx = NULL;
	char err[160];
	CUresult rc = api->PrimaryCtxRetain(&ctx, dev);
	if (rc != CUDA_SUCCESS) {
		c_snprintf(why, whylen, "cuDevicePrimaryCtxRetain: %s", cuda_error_text(api, rc, err, sizeof err));
		return -1;
	}
	rc = api->CtxSetCurrent(ctx);
	if (rc != CUDA_SUCCESS) {
		c_snprintf(why, whylen, "cuCtxSetCurrent: %s", cuda_error_text(api, rc, err, sizeof err));
		api->PrimaryCtxRelease(dev);
		return -1;
	}
	return 0;
}

void cuda_ctx_leave(const struct cuda_api *api, CUdevice dev)
{
	api->CtxSetCurrent(NULL);
	api->PrimaryCtxRelease(dev);
}
