/* cuda-api.h - the CUDA driver API, loaded with dlopen at run time; no toolkit at build time.
 *
 * The few types, constants and entry points benchtop uses are declared here with cuda.h's
 * layout for 64-bit systems. cuda_api_get loads libcuda.so.1 (or $BENCHTOP_CUDA_LIB) and
 * runs cuInit(0) once per process, from any thread; the library stays loaded until exit,
 * since contexts may outlive any one user. Every pointer in struct cuda_api is set
 * (required names) or the load fails with a reason, except where marked optional.
 *
 * A CUDA context is current per host thread: each thread that works on a device calls
 * cuda_ctx_enter (retain the primary context, make it current) and cuda_ctx_leave.
 */
#ifndef BENCHTOP_CUDA_API_H
#define BENCHTOP_CUDA_API_H

#include <stddef.h>

/* Types and constants with cuda.h's names and values. tests/abi-nvidia.sh compiles this
 * header's entry points against NVIDIA's own cuda.h (with BENCHTOP_ABI_NVIDIA defined, which
 * leaves the declarations below to cuda.h) and compares every value and size here with it. */
#ifndef BENCHTOP_ABI_NVIDIA
typedef enum cudaError_enum {
	CUDA_SUCCESS = 0,
	CUDA_ERROR_INVALID_VALUE = 1,
	CUDA_ERROR_OUT_OF_MEMORY = 2,
	CUDA_ERROR_NOT_INITIALIZED = 3,
	CUDA_ERROR_DEINITIALIZED = 4,
	CUDA_ERROR_STUB_LIBRARY = 34,
	CUDA_ERROR_NO_DEVICE = 100,
	CUDA_ERROR_INVALID_DEVICE = 101,
	CUDA_ERROR_ECC_UNCORRECTABLE = 214,
	CUDA_ERROR_INVALID_PTX = 218,
	CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222,
	CUDA_ERROR_NOT_FOUND = 500,
	CUDA_ERROR_NOT_READY = 600,
	CUDA_ERROR_ILLEGAL_ADDRESS = 700,
	CUDA_ERROR_LAUNCH_TIMEOUT = 702,
	CUDA_ERROR_ASSERT = 710,
	CUDA_ERROR_HARDWARE_STACK_ERROR = 714,
	CUDA_ERROR_ILLEGAL_INSTRUCTION = 715,
	CUDA_ERROR_MISALIGNED_ADDRESS = 716,
	CUDA_ERROR_INVALID_ADDRESS_SPACE = 717,
	CUDA_ERROR_INVALID_PC = 718,
	CUDA_ERROR_LAUNCH_FAILED = 719,
	CUDA_ERROR_UNKNOWN = 999,
} CUresult;

typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct CUctx_st *CUcontext;
typedef struct CUmod_st *CUmodule;
typedef struct CUfunc_st *CUfunction;
typedef struct CUstream_st *CUstream;
typedef struct CUevent_st *CUevent;
typedef struct CUuuid_st { char bytes[16]; } CUuuid;

typedef enum CUdevice_attribute_enum {
	CU_DEVICE_ATTRIBUTE_CLOCK_RATE = 13,                 /* kHz */
	CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16,
	CU_DEVICE_ATTRIBUTE_KERNEL_EXEC_TIMEOUT = 17,
	CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE = 36,          /* kHz */
	CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH = 37,    /* bits */
	CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE = 38,              /* bytes */
	CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75,
	CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76,
} CUdevice_attribute;

typedef enum CUjit_option_enum {
	CU_JIT_INFO_LOG_BUFFER = 3,
	CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4,
	CU_JIT_ERROR_LOG_BUFFER = 5,
	CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6,
} CUjit_option;

typedef enum CUevent_flags_enum {
	CU_EVENT_BLOCKING_SYNC = 1,      /* the host sleeps in cuEventSynchronize */
} CUevent_flags;
typedef enum CUstream_flags_enum {
	CU_STREAM_NON_BLOCKING = 1,
} CUstream_flags;
#define CU_MEMHOSTALLOC_PORTABLE 0x01
#endif

struct cuda_api {
	int driver_version;              /* 12040 = CUDA 12.4 */
	CUresult (*DeviceGetCount)(int *);
	CUresult (*DeviceGet)(CUdevice *, int);
	CUresult (*DeviceGetName)(char *, int, CUdevice);
	CUresult (*DeviceGetAttribute)(int *, CUdevice_attribute, CUdevice);
	CUresult (*DeviceTotalMem)(size_t *, CUdevice);
	CUresult (*DeviceGetPCIBusId)(char *, int, CUdevice);
	CUresult (*DeviceGetUuid)(CUuuid *, CUdevice);           /* optional */
	CUresult (*PrimaryCtxRetain)(CUcontext *, CUdevice);
	CUresult (*PrimaryCtxRelease)(CUdevice);
	CUresult (*CtxSetCurrent)(CUcontext);
	CUresult (*CtxSynchronize)(void);
	CUresult (*ModuleLoadDataEx)(CUmodule *, const void *, unsigned, CUjit_option *, void **);
	CUresult (*ModuleGetFunction)(CUfunction *, CUmodule, const char *);
	CUresult (*ModuleUnload)(CUmodule);
	CUresult (*MemAlloc)(CUdeviceptr *, size_t);
	CUresult (*MemFree)(CUdeviceptr);
	CUresult (*MemsetD32)(CUdeviceptr, unsigned, size_t);
	CUresult (*MemHostAlloc)(void **, size_t, unsigned);
	CUresult (*MemFreeHost)(void *);
	CUresult (*MemcpyHtoD)(CUdeviceptr, const void *, size_t);
	CUresult (*MemcpyDtoH)(void *, CUdeviceptr, size_t);
	CUresult (*MemcpyHtoDAsync)(CUdeviceptr, const void *, size_t, CUstream);
	CUresult (*MemcpyDtoHAsync)(void *, CUdeviceptr, size_t, CUstream);
	CUresult (*LaunchKernel)(CUfunction, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned,
	                         unsigned, CUstream, void **, void **);
	CUresult (*StreamCreate)(CUstream *, unsigned);
	CUresult (*StreamWaitEvent)(CUstream, CUevent, unsigned);
	CUresult (*StreamSynchronize)(CUstream);
	CUresult (*StreamDestroy)(CUstream);
	CUresult (*EventCreate)(CUevent *, unsigned);
	CUresult (*EventRecord)(CUevent, CUstream);
	CUresult (*EventSynchronize)(CUevent);
	CUresult (*EventElapsedTime)(float *, CUevent, CUevent);
	CUresult (*EventDestroy)(CUevent);
	CUresult (*GetErrorName)(CUresult, const char **);       /* optional */
	CUresult (*GetErrorString)(CUresult, const char **);     /* optional */
};

/* The loaded API, or NULL with why ("libcuda.so.1 not found", "CUDA: no CUDA-capable
 * device is detected (CUDA_ERROR_NO_DEVICE)"). The answer is the same for the whole process. */
const struct cuda_api *cuda_api_get(char *why, size_t whylen);

/* "CUDA_ERROR_LAUNCH_FAILED: unspecified launch failure", or "CUDA error 719". */
const char *cuda_error_text(const struct cuda_api *api, CUresult rc, char *buf, size_t len);

/* Errors after which the context is lost and the GPU is not to be used again by this process
 * (cuda.h: "the process must be terminated and relaunched"). */
int cuda_error_is_sticky(CUresult rc);

/* Retains the device's primary context and makes it current on this thread. 0, or -1 with why. */
int cuda_ctx_enter(const struct cuda_api *api, CUdevice dev, char *why, size_t whylen);
void cuda_ctx_leave(const struct cuda_api *api, CUdevice dev);

#endif
