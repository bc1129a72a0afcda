/* fake-nvml.c - a stand-in libnvidia-ml with two known GPUs, so tests run benchtop's real
 * NVML code without an NVIDIA GPU. It exports the entry points benchtop resolves, with
 * NVML's own calling conventions and struct layouts (declared here independently of
 * src/sources/source-nvml.c, so a layout mistake there shows up as a wrong value in the test),
 * and checks the version words of versioned structs as the real library does.
 *
 * Environment, read on every call so a test can change it between samples:
 *   FAKE_NVML_INIT_ERROR=N   nvmlInit fails with NVML error N (9: driver not loaded)
 *   FAKE_NVML_COUNT=N        report N GPUs (0, 1 or 2; default 2)
 *   FAKE_NVML_LOSE_AFTER=N   GPU 1 answers N utilization queries (one per sample), then
 *                            falls off the bus: every later call about it, that query
 *                            included, returns NVML_ERROR_GPU_IS_LOST (0: lost from the start)
 *   FAKE_NVML_UNSUPPORTED=a,b  these queries return NVML_ERROR_NOT_SUPPORTED:
 *                            util, memory, temp, power, clock, reasons, events
 *   FAKE_NVML_XID=N          the GPU of NVML index FAKE_NVML_XID_GPU (default 0) reports
 *                            Xid N to each event set registered for it, once, at the set's
 *                            FAKE_NVML_XID_AFTER-th wait (default 1)
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

typedef int nvmlReturn_t;

enum {
	NVML_SUCCESS = 0,
	NVML_ERROR_UNINITIALIZED = 1,
	NVML_ERROR_INVALID_ARGUMENT = 2,
	NVML_ERROR_NOT_SUPPORTED = 3,
	NVML_ERROR_INSUFFICIENT_SIZE = 7,
	NVML_ERROR_DRIVER_NOT_LOADED = 9,
	NVML_ERROR_TIMEOUT = 10,
	NVML_ERROR_GPU_IS_LOST = 15,
	NVML_ERROR_ARGUMENT_VERSION_MISMATCH = 25,
};

typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;
typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct { unsigned int version; unsigned long long total, reserved, free, used; } nvmlMemory_v2_t;
typedef struct {
	char busIdLegacy[16];
	unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
	char busId[32];
} nvmlPciInfo_t;
/* What the first nvmlDeviceGetPciInfo filled. */
typedef struct {
	char busId[16];
	unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
	unsigned int reserved0, reserved1, reserved2, reserved3;
} nvmlPciInfo_v1_t;
typedef struct { unsigned int version; int sensorType; int temperature; } nvmlTemperature_v1_t;

struct nvmlDevice_st {
	const char *name;
	const char *uuid;
	unsigned int domain, bus;
	unsigned int util, mem_util;
	unsigned long long total, reserved, used;
	int temp_c;
	unsigned int power_mw, sm_mhz;
	unsigned int util_queries;
};
typedef struct nvmlDevice_st *nvmlDevice_t;

static struct nvmlDevice_st fake_gpus[2] = {
	{ .name = "NVIDIA Fake A100", .uuid = "GPU-1f0e6a2c-3b00-4a11-9d52-0000000003b0", .domain = 0, .bus = 0x3b, .util = 37, .mem_util = 12,
	  .total = 40ULL << 30, .reserved = 512ULL << 20, .used = 12ULL << 30,
	  .temp_c = 61, .power_mw = 251500, .sm_mhz = 1410 },
	{ .name = "NVIDIA Fake T4", .uuid = "GPU-7a4c9e21-af00-4b22-8e63-0000000000af", .domain = 0, .bus = 0xaf, .util = 5, .mem_util = 1,
	  .total = 15ULL << 30, .reserved = 256ULL << 20, .used = 3ULL << 29,
	  .temp_c = 44, .power_mw = 27250, .sm_mhz = 585 },
};

static int fake_inits;

/* Prototypes of what this library exports. */
nvmlReturn_t nvmlInit_v2(void);
nvmlReturn_t nvmlInit(void);
nvmlReturn_t nvmlShutdown(void);
const char *nvmlErrorString(nvmlReturn_t rc);
nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count);
nvmlReturn_t nvmlDeviceGetCount(unsigned int *count);
nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *dev);
nvmlReturn_t nvmlDeviceGetHandleByIndex(unsigned int index, nvmlDevice_t *dev);
nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t dev, char *name, unsigned int length);
nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t dev, char *uuid, unsigned int length);
nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t dev, nvmlPciInfo_t *pci);
nvmlReturn_t nvmlDeviceGetPciInfo_v2(nvmlDevice_t dev, nvmlPciInfo_t *pci);
nvmlReturn_t nvmlDeviceGetPciInfo(nvmlDevice_t dev, nvmlPciInfo_v1_t *pci);
nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t dev, nvmlUtilization_t *u);
nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t dev, nvmlMemory_v2_t *m);
nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t dev, nvmlMemory_t *m);
nvmlReturn_t nvmlDeviceGetTemperatureV(nvmlDevice_t dev, nvmlTemperature_v1_t *t);
nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t dev, int sensor, unsigned int *temp);
nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t dev, unsigned int *mw);
nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t dev, int type, unsigned int *mhz);
nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t dev, unsigned long long *reasons);
/* Not NVML: lets a test see that benchtop shut NVML down. */
int fake_nvml_inits(void);

static int fake_env_int(const char *name, int dflt)
{
	const char *v = getenv(name);
	return v && *v ? atoi(v) : dflt;
}

static int fake_unsupported(const char *what)
{
	const char *v = getenv("FAKE_NVML_UNSUPPORTED");
	size_t n = strlen(what);
	for (const char *p = v; p && (p = strstr(p, what)); p += n)
		if ((p == v || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

static unsigned int fake_count(void)
{
	int n = fake_env_int("FAKE_NVML_COUNT", 2);
	return n < 0 ? 0 : n > 2 ? 2 : (unsigned int)n;
}

/* Success, or the error every call about dev gets now. */
static nvmlReturn_t fake_check(nvmlDevice_t dev)
{
	if (fake_inits <= 0)
		return NVML_ERROR_UNINITIALIZED;
	if (dev != &fake_gpus[0] && dev != &fake_gpus[1])
		return NVML_ERROR_INVALID_ARGUMENT;
	int after = fake_env_int("FAKE_NVML_LOSE_AFTER", -1);
	if (dev == &fake_gpus[1] && after >= 0 && (after == 0 || dev->util_queries > (unsigned int)after))
		return NVML_ERROR_GPU_IS_LOST;
	return NVML_SUCCESS;
}

nvmlReturn_t nvmlInit_v2(void)
{
	int err = fake_env_int("FAKE_NVML_INIT_ERROR", 0);
	if (err)
		return err;
	fake_inits++;
	return NVML_SUCCESS;
}

nvmlReturn_t nvmlInit(void) { return nvmlInit_v2(); }

nvmlReturn_t nvmlShutdown(void)
{
	if (fake_inits <= 0)
		return NVML_ERROR_UNINITIALIZED;
	if (--fake_inits == 0)
		for (int i = 0; i < 2; i++)
			fake_gpus[i].util_queries = 0;
	return NVML_SUCCESS;
}

int fake_nvml_inits(void) { return fake_inits; }

const char *nvmlErrorString(nvmlReturn_t rc)
{
	switch (rc) {
	case NVML_SUCCESS: return "Success";
	case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
	case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
	case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
	case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
	case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
	case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
	case NVML_ERROR_ARGUMENT_VERSION_MISMATCH: return "Argument version mismatch";
	default: return "Unknown Error";
	}
}

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count)
{
	if (fake_inits <= 0)
		return NVML_ERROR_UNINITIALIZED;
	if (!count)
		return NVML_ERROR_INVALID_ARGUMENT;
	*count = fake_count();
	return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetCount(unsigned int *count) { return nvmlDeviceGetCount_v2(count); }

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *dev)
{
	if (fake_inits <= 0)
		return NVML_ERROR_UNINITIALIZED;
	if (!dev || index >= fake_count())
		return NVML_ERROR_INVALID_ARGUMENT;
	nvmlReturn_t rc = fake_check(&fake_gpus[index]);
	if (rc == NVML_SUCCESS)
		*dev = &fake_gpus[index];
	return rc;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex(unsigned int index, nvmlDevice_t *dev)
{
	return nvmlDeviceGetHandleByIndex_v2(index, dev);
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t dev, char *name, unsigned int length)
{
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!name)
		return NVML_ERROR_INVALID_ARGUMENT;
	if (strlen(dev->name) + 1 > length)
		return NVML_ERROR_INSUFFICIENT_SIZE;
	strcpy(name, dev->name);
	return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t dev, char *uuid, unsigned int length)
{
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!uuid)
		return NVML_ERROR_INVALID_ARGUMENT;
	if (strlen(dev->uuid) + 1 > length)
		return NVML_ERROR_INSUFFICIENT_SIZE;
	strcpy(uuid, dev->uuid);
	return NVML_SUCCESS;
}

static void fake_hex_bus(char *buf, size_t len, int domain_digits, nvmlDevice_t dev)
{
	/* "00000000:3B:00.0" as _v3 writes it, "0000:3B:00.0" in the legacy field. */
	static const char hex[] = "0123456789ABCDEF";
	size_t i = 0;
	for (int d = domain_digits - 1; d >= 0 && i + 1 < len; d--)
		buf[i++] = hex[(dev->domain >> (4 * d)) & 15];
	const char tail[] = { ':', hex[(dev->bus >> 4) & 15], hex[dev->bus & 15], ':', '0', '0', '.', '0' };
	for (size_t k = 0; k < sizeof tail && i + 1 < len; k++)
		buf[i++] = tail[k];
	buf[i] = '\0';
}

nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t dev, nvmlPciInfo_t *pci)
{
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!pci)
		return NVML_ERROR_INVALID_ARGUMENT;
	memset(pci, 0, sizeof *pci);
	fake_hex_bus(pci->busIdLegacy, sizeof pci->busIdLegacy, 4, dev);
	fake_hex_bus(pci->busId, sizeof pci->busId, 8, dev);
	pci->domain = dev->domain;
	pci->bus = dev->bus;
	pci->pciDeviceId = 0x20b010de;
	return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPciInfo_v2(nvmlDevice_t dev, nvmlPciInfo_t *pci)
{
	return nvmlDeviceGetPciInfo_v3(dev, pci);
}

nvmlReturn_t nvmlDeviceGetPciInfo(nvmlDevice_t dev, nvmlPciInfo_v1_t *pci)
{
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!pci)
		return NVML_ERROR_INVALID_ARGUMENT;
	memset(pci, 0, sizeof *pci);
	fake_hex_bus(pci->busId, sizeof pci->busId, 4, dev);
	pci->domain = dev->domain;
	pci->bus = dev->bus;
	return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t dev, nvmlUtilization_t *u)
{
	if (fake_inits > 0 && (dev == &fake_gpus[0] || dev == &fake_gpus[1]))
		dev->util_queries++;
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!u)
		return NVML_ERROR_INVALID_ARGUMENT;
	if (fake_unsupported("util"))
		return NVML_ERROR_NOT_SUPPORTED;
	u->gpu = dev->util;
	u->memory = dev->mem_util;
	return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t dev, nvmlMemory_v2_t *m)
{
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!m)
		return NVML_ERROR_INVALID_ARGUMENT;
	if (m->version != (unsigned int)(sizeof(nvmlMemory_v2_t) | 2u << 24))
		return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
	if (fake_unsupported("memory"))
		return NVML_ERROR_NOT_SUPPORTED;
	m->total = dev->total;
	m->reserved = dev->reserved;
	m->used = dev->used;
	m->free = dev->total - dev->reserved - dev->used;
	return NVML_SUCCESS;
}

/* The first API counts reserved memory as used, so its figure differs from nvidia-smi's. */
nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t dev, nvmlMemory_t *m)
{
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!m)
		return NVML_ERROR_INVALID_ARGUMENT;
	if (fake_unsupported("memory"))
		return NVML_ERROR_NOT_SUPPORTED;
	m->total = dev->total;
	m->used = dev->used + dev->reserved;
	m->free = dev->total - m->used;
	return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTemperatureV(nvmlDevice_t dev, nvmlTemperature_v1_t *t)
{
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!t || t->sensorType != 0)
		return NVML_ERROR_INVALID_ARGUMENT;
	if (t->version != (unsigned int)(sizeof(nvmlTemperature_v1_t) | 1u << 24))
		return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
	if (fake_unsupported("temp"))
		return NVML_ERROR_NOT_SUPPORTED;
	t->temperature = dev->temp_c;
	return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t dev, int sensor, unsigned int *temp)
{
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!temp || sensor != 0)
		return NVML_ERROR_INVALID_ARGUMENT;
	if (fake_unsupported("temp"))
		return NVML_ERROR_NOT_SUPPORTED;
	*temp = (unsigned int)dev->temp_c;
	return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t dev, unsigned int *mw)
{
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!mw)
		return NVML_ERROR_INVALID_ARGUMENT;
	if (fake_unsupported("power"))
		return NVML_ERROR_NOT_SUPPORTED;
	*mw = dev->power_mw;
	return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t dev, int type, unsigned int *mhz)
{
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!mhz || type < 0 || type > 3)
		return NVML_ERROR_INVALID_ARGUMENT;
	if (fake_unsupported("clock"))
		return NVML_ERROR_NOT_SUPPORTED;
	/* Only the SM clock (type 1) is served; others are 0 so a wrong type shows. */
	*mhz = type == 1 ? dev->sm_mhz : 0;
	return NVML_SUCCESS;
}

/* FAKE_NVML_REASONS: the reasons bit mask every GPU reports (0 when unset). */
nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t dev, unsigned long long *reasons)
{
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!reasons)
		return NVML_ERROR_INVALID_ARGUMENT;
	if (fake_unsupported("reasons"))
		return NVML_ERROR_NOT_SUPPORTED;
	const char *v = getenv("FAKE_NVML_REASONS");
	*reasons = v && *v ? strtoull(v, NULL, 0) : 0;
	return NVML_SUCCESS;
}

/* ---- events: an Xid, when FAKE_NVML_XID asks (nvml.h's event set and data layouts) ---- */

#define FAKE_XID_EVENT 0x8ULL   /* nvmlEventTypeXidCriticalError */

struct nvmlEventSet_st {
	nvmlDevice_t dev;
	unsigned long long types;
	int waits, sent;
};
typedef struct nvmlEventSet_st *nvmlEventSet_t;
typedef struct {
	nvmlDevice_t device;
	unsigned long long eventType, eventData;
	unsigned int gpuInstanceId, computeInstanceId;
} nvmlEventData_t;

nvmlReturn_t nvmlEventSetCreate(nvmlEventSet_t *set);
nvmlReturn_t nvmlDeviceRegisterEvents(nvmlDevice_t dev, unsigned long long types, nvmlEventSet_t set);
nvmlReturn_t nvmlEventSetWait_v2(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutms);
nvmlReturn_t nvmlEventSetFree(nvmlEventSet_t set);

nvmlReturn_t nvmlEventSetCreate(nvmlEventSet_t *set)
{
	if (fake_inits <= 0)
		return NVML_ERROR_UNINITIALIZED;
	if (!set)
		return NVML_ERROR_INVALID_ARGUMENT;
	*set = calloc(1, sizeof **set);
	return *set ? NVML_SUCCESS : NVML_ERROR_INVALID_ARGUMENT;
}

nvmlReturn_t nvmlDeviceRegisterEvents(nvmlDevice_t dev, unsigned long long types, nvmlEventSet_t set)
{
	nvmlReturn_t rc = fake_check(dev);
	if (rc)
		return rc;
	if (!set || (set->dev && set->dev != dev))
		return NVML_ERROR_INVALID_ARGUMENT;
	if (fake_unsupported("events"))
		return NVML_ERROR_NOT_SUPPORTED;
	set->dev = dev;
	set->types |= types;
	return NVML_SUCCESS;
}

/* A set belongs to the thread that waits on it, as NVML's callers use them. */
nvmlReturn_t nvmlEventSetWait_v2(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutms)
{
	(void)timeoutms;   /* never waits: a test's Xid is due at once or not at all */
	if (!set || !data)
		return NVML_ERROR_INVALID_ARGUMENT;
	int xid = fake_env_int("FAKE_NVML_XID", 0);
	nvmlDevice_t dev = &fake_gpus[fake_env_int("FAKE_NVML_XID_GPU", 0) == 1];
	if (xid > 0 && set->dev == dev && (set->types & FAKE_XID_EVENT) && !set->sent &&
	    ++set->waits >= fake_env_int("FAKE_NVML_XID_AFTER", 1)) {
		set->sent = 1;
		memset(data, 0, sizeof *data);
		data->device = dev;
		data->eventType = FAKE_XID_EVENT;
		data->eventData = (unsigned long long)xid;
		data->gpuInstanceId = data->computeInstanceId = 0xFFFFFFFFu;
		return NVML_SUCCESS;
	}
	return NVML_ERROR_TIMEOUT;
}

nvmlReturn_t nvmlEventSetFree(nvmlEventSet_t set)
{
	free(set);
	return NVML_SUCCESS;
}
