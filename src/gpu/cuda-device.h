/* cuda-device.h - CUDA devices: what each one is, and which ones a user's words name.
 *
 * CUDA numbers devices fastest first (unless CUDA_DEVICE_ORDER=PCI_BUS_ID) and
 * CUDA_VISIBLE_DEVICES renumbers them; NVML numbers by PCI bus. Devices are therefore matched
 * to NVML and to the GPU gauges by PCI bus id, compared as numbers, never by index.
 * Any thread may call these; nothing here needs a context.
 */
#ifndef BENCHTOP_CUDA_DEVICE_H
#define BENCHTOP_CUDA_DEVICE_H

#include <stddef.h>

#include "cuda-api.h"

#define CUDA_MAX_DEVICES 64

struct cuda_device {
	int ordinal;                 /* CUDA's number for it in this process */
	CUdevice dev;
	char name[96];
	char bus_id[32];             /* as the driver writes it: "0000:3B:00.0" */
	char uuid[48];               /* "GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", or "" */
	int sms, cc_major, cc_minor;
	double clock_mhz;            /* the attribute's boost clock; NAN when unknown */
	double mem_clock_mhz;        /* NAN when unknown */
	int bus_width_bits;          /* 0 when unknown */
	double total_bytes;
	int exec_timeout;            /* a display watchdog limits kernel run time */
};

/* Fills d from the driver. 0, or -1 with why. */
int cuda_device_get(const struct cuda_api *api, int ordinal, struct cuda_device *d, char *why, size_t whylen);
/* The number of devices; -1 with why when the driver cannot say. */
int cuda_device_count(const struct cuda_api *api, char *why, size_t whylen);

/* Ordinals named by spec: "all", an index ("0"), a PCI bus id in any of the usual spellings
 * ("0000:3b:00.0", "00000000:3B:00.0", "3b:00.0") or a UUID ("GPU-5f1e...", prefix allowed when
 * it names one device). Returns how many were put in out (at most max), or -1 with why. */
int cuda_device_select(const struct cuda_api *api, const char *spec, int *out, int max, char *why, size_t whylen);

/* Whether spec is spelled as one of the forms above, before any device is asked: 0, or -1
 * with why (for validating suite files and the command line). */
int cuda_device_spec_check(const char *spec, char *why, size_t whylen);

/* Parses a PCI bus id into domain, bus, device and function; 0, or -1 when it is not one. */
int cuda_bus_id_parse(const char *text, unsigned *domain, unsigned *bus, unsigned *dev, unsigned *fn);
/* Whether two bus id strings name the same PCI function (1) or not (0); unparsable: 0. */
int cuda_bus_id_same(const char *a, const char *b);

/* Peak FP32 and FP64 vector FLOP/s at an SM clock (MHz) from the SM count and the lanes per
 * SM of the compute capability; NAN when the capability is not in the table. */
double cuda_device_peak_flops(const struct cuda_device *d, int fp64, double sm_clock_mhz);
/* Peak memory bandwidth, bytes/s, from memory clock and bus width (double data rate). NAN
 * when unknown. */
double cuda_device_peak_bandwidth(const struct cuda_device *d);

#endif
