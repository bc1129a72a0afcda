/* nvml-abi.h - the part of NVML that benchtop uses, declared as nvml.h declares it.
 *
 * benchtop builds without NVIDIA's headers and loads libnvidia-ml.so.1 with dlopen, so the
 * types, constants and entry points it calls are declared here, with nvml.h's names, for the
 * 64-bit systems NVML ships for. tests/abi-nvidia.sh compiles the entry points' types below
 * against NVIDIA's own nvml.h (with BENCHTOP_ABI_NVIDIA defined, which leaves the first part
 * to nvml.h) and compares every size, offset and value of the first part with it.
 */
#ifndef BENCHTOP_NVML_ABI_H
#define BENCHTOP_NVML_ABI_H

#ifndef BENCHTOP_ABI_NVIDIA
typedef enum nvmlReturn_enum {
	NVML_SUCCESS = 0,
	NVML_ERROR_GPU_IS_LOST = 15,
	NVML_ERROR_UNKNOWN = 999,
} nvmlReturn_t;

typedef enum nvmlTemperatureSensors_enum { NVML_TEMPERATURE_GPU = 0 } nvmlTemperatureSensors_t;
typedef enum nvmlClockType_enum { NVML_CLOCK_SM = 1 } nvmlClockType_t;

typedef struct nvmlDevice_st *nvmlDevice_t;
typedef struct nvmlEventSet_st *nvmlEventSet_t;

#define NVML_DEVICE_NAME_V2_BUFFER_SIZE 96

typedef struct nvmlUtilization_st {
	unsigned int gpu, memory;         /* percent of the last sample period */
} nvmlUtilization_t;

typedef struct nvmlMemory_st {
	unsigned long long total, free, used;
} nvmlMemory_t;

typedef struct nvmlMemory_v2_st {
	unsigned int version;
	unsigned long long total, reserved, free, used;
} nvmlMemory_v2_t;

/* The layout of nvmlDeviceGetPciInfo_v2 and _v3. The first nvmlDeviceGetPciInfo wrote
 * a 16-byte busId at offset 0, which is where busIdLegacy lies. */
typedef struct nvmlPciInfo_st {
	char busIdLegacy[16];
	unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
	char busId[32];
} nvmlPciInfo_t;

typedef struct {
	unsigned int version;
	nvmlTemperatureSensors_t sensorType;
	int temperature;
} nvmlTemperature_v1_t;

typedef struct nvmlEventData_st {
	nvmlDevice_t device;
	unsigned long long eventType;
	unsigned long long eventData;     /* the Xid, for nvmlEventTypeXidCriticalError */
	unsigned int gpuInstanceId, computeInstanceId;
} nvmlEventData_t;

#define nvmlEventTypeXidCriticalError 0x0000000000000008LL

/* Why the clocks are held down (renamed nvmlClocksEventReason* in driver 535, same bits). */
#define nvmlClocksThrottleReasonSwPowerCap           0x0000000000000004LL
#define nvmlClocksThrottleReasonHwSlowdown           0x0000000000000008LL
#define nvmlClocksThrottleReasonSwThermalSlowdown    0x0000000000000020LL
#define nvmlClocksThrottleReasonHwThermalSlowdown    0x0000000000000040LL
#define nvmlClocksThrottleReasonHwPowerBrakeSlowdown 0x0000000000000080LL
#endif

/* A versioned struct's version field: its size in the low bits, the version in the top byte
 * (nvml.h's NVML_STRUCT_VERSION, which takes a name fragment instead of the type). */
#define NVML_VERSION_OF(type, ver) ((unsigned int)(sizeof(type) | (unsigned int)(ver) << 24))

/* The entry points, as the types of the pointers dlsym gives; the symbols each is loaded
 * from are named where it is loaded. */
typedef nvmlReturn_t (*nvml_void_fn)(void);                        /* nvmlInit_v2, nvmlShutdown */
typedef const char *(*nvml_errstr_fn)(nvmlReturn_t);
typedef nvmlReturn_t (*nvml_count_fn)(unsigned int *);
typedef nvmlReturn_t (*nvml_handle_fn)(unsigned int, nvmlDevice_t *);
typedef nvmlReturn_t (*nvml_name_fn)(nvmlDevice_t, char *, unsigned int);    /* name, UUID */
typedef nvmlReturn_t (*nvml_pci_fn)(nvmlDevice_t, nvmlPciInfo_t *);
typedef nvmlReturn_t (*nvml_util_fn)(nvmlDevice_t, nvmlUtilization_t *);
typedef nvmlReturn_t (*nvml_mem_fn)(nvmlDevice_t, nvmlMemory_t *);
typedef nvmlReturn_t (*nvml_mem2_fn)(nvmlDevice_t, nvmlMemory_v2_t *);
typedef nvmlReturn_t (*nvml_temp_fn)(nvmlDevice_t, nvmlTemperatureSensors_t, unsigned int *);
typedef nvmlReturn_t (*nvml_uint_fn)(nvmlDevice_t, unsigned int *);         /* power, mW */
typedef nvmlReturn_t (*nvml_clock_fn)(nvmlDevice_t, nvmlClockType_t, unsigned int *);
typedef nvmlReturn_t (*nvml_reasons_fn)(nvmlDevice_t, unsigned long long *);
typedef nvmlReturn_t (*nvml_evset_fn)(nvmlEventSet_t *);
typedef nvmlReturn_t (*nvml_register_fn)(nvmlDevice_t, unsigned long long, nvmlEventSet_t);
typedef nvmlReturn_t (*nvml_wait_fn)(nvmlEventSet_t, nvmlEventData_t *, unsigned int);
typedef nvmlReturn_t (*nvml_evfree_fn)(nvmlEventSet_t);
/* nvmlTemperature_v1_t is newer than some nvml.h still in use, which lack it and its call. */
#if !defined(BENCHTOP_ABI_NVIDIA) || defined(nvmlTemperature_v1)
typedef nvmlReturn_t (*nvml_tempv_fn)(nvmlDevice_t, nvmlTemperature_v1_t *);
#endif

#endif
