/* frame.h - one sample of the whole machine, as the sampler hands it to the main thread.
 *
 * A frame is plain data, copied by value through the frame queue. Every figure is in
 * SI base units (bytes, bytes/s, percent 0..100, degrees C, watts) except clocks in MHz;
 * a figure the machine does not offer is NAN (frame_clear sets them all). Counts say how
 * many entries of each array are valid. Sources fill their own fields and touch no others.
 */
#ifndef BENCHTOP_FRAME_H
#define BENCHTOP_FRAME_H

#include <stdint.h>

#define FRAME_MAX_CORES   128
#define FRAME_MAX_DISKS   16
#define FRAME_MAX_NETS    16
#define FRAME_MAX_FS      16
#define FRAME_MAX_GPUS    8
#define FRAME_MAX_SENSORS 24
#define FRAME_MAX_STRESS  8
#define FRAME_NAME        32

struct frame_cpu {
	double total, user, system, iowait, idle;   /* percent of all CPUs over the last interval */
	double nice, steal;                          /* ... of it niced, and taken by the hypervisor */
	double load1, load5, load15;
	int    ncores;
	float  core[FRAME_MAX_CORES];                /* percent busy, per core, /proc/stat */
	float  freq_mhz[FRAME_MAX_CORES];            /* current clock per core, sysfs cpufreq */
	double package_power_w;                      /* RAPL powercap, sum of packages */
	/* Thermal throttle events since the run began (sysfs thermal_throttle): all cores' summed,
	 * and the highest package's; NAN where the kernel has no such counters (VMs, non-x86). */
	double throttle_core, throttle_pkg;
};

struct frame_mem {
	double total, used, available, cached;       /* bytes */
	double swap_total, swap_used;                /* bytes */
};

struct frame_disk {
	char   name[FRAME_NAME];
	double read_bps, write_bps;                  /* bytes/s */
	double read_iops, write_iops;                /* operations/s */
};

struct frame_net {
	char   name[FRAME_NAME];
	double rx_bps, tx_bps;                       /* bytes/s */
};

struct frame_fs {
	char   mount[64];
	char   device[FRAME_NAME];
	double size, used, avail;                    /* bytes */
};

struct frame_gpu {
	char   name[64];
	char   bus_id[32];                           /* PCI bus id, the key that identifies a GPU */
	char   uuid[80];                             /* "GPU-8c1d...", where the source knows it; "" */
	char   backend[8];                           /* "nvml" or "amdgpu" */
	double util;                                 /* percent busy */
	double mem_used, mem_total;                  /* bytes */
	double temp_c, power_w, sm_clock_mhz;
	unsigned slowdown;                           /* FRAME_GPU_SLOW_* bits: why the clock is held now */
};

/* Why a GPU runs under its clock now, where the driver says (NVML's clock event reasons). */
enum {
	FRAME_GPU_SLOW_POWER   = 1 << 0,             /* power cap */
	FRAME_GPU_SLOW_THERMAL = 1 << 1,             /* too hot (software or hardware limit) */
	FRAME_GPU_SLOW_HW      = 1 << 2,             /* hardware slowdown or power brake */
};

struct frame_sensor {
	char   label[48];                            /* "coretemp: Package id 0", "thermal_zone0: x86_pkg_temp" */
	double temp_c;
};

/* One stress generator's state, filled by the sampler from the stressors' counters. */
struct frame_stress {
	char   name[FRAME_NAME];                     /* "cpu", "vm", "hdd" */
	char   unit[16];                             /* unit of achieved/target: "%", "MB/s", "ops/s" */
	int    workers;
	int    on;
	double target;                               /* NAN when the generator has no target */
	double achieved;
	double work;                                 /* done since the start, in work_unit; NAN: not counted */
	char   work_unit[8];                         /* "ops" (cpu kernel steps), "B" (vm, hdd) */
	double errors;                               /* result mismatches so far; NAN: results not checked */
	int    paused;                               /* held off by the thermal guard (--max-temp) */
	char   note[40];                             /* "paused: thermal", "under target: throttling"; "" */
};

struct frame {
	uint64_t seq;                                /* 1, 2, ... in the order sampled */
	double   t;                                  /* Unix seconds (CLOCK_REALTIME) */
	double   mono;                               /* CLOCK_MONOTONIC seconds */
	struct frame_cpu cpu;
	struct frame_mem mem;
	int ndisks, nnets, nfs, ngpus, nsensors, nstress;
	struct frame_disk   disks[FRAME_MAX_DISKS];
	struct frame_net    nets[FRAME_MAX_NETS];
	struct frame_fs     fs[FRAME_MAX_FS];
	struct frame_gpu    gpus[FRAME_MAX_GPUS];
	struct frame_sensor sensors[FRAME_MAX_SENSORS];
	struct frame_stress stress[FRAME_MAX_STRESS];
};

/* Sets every figure to NAN and every count to 0. */
void frame_clear(struct frame *f);
/* A frame that came from outside this process (a viewer's, from the run's socket): every count
 * brought into its array's bounds and every name ended inside its field, so that nothing
 * that reads the frame goes past it, whatever the bytes were. */
void frame_sanitize(struct frame *f);
void frame_stress_sanitize(struct frame_stress *s);

/* Sums over disks and interfaces (NAN when there are none). */
double frame_disk_read_bps(const struct frame *f);
double frame_disk_write_bps(const struct frame *f);
double frame_net_rx_bps(const struct frame *f);
double frame_net_tx_bps(const struct frame *f);
/* The hottest sensor, NAN when there is none. */
double frame_max_temp(const struct frame *f);
/* "throttled N core, M pkg": the thermal throttle events since the run began, in buf; "" when
 * there were none (or the kernel keeps no counters). Returns buf. */
const char *frame_throttle_words(const struct frame *f, char *buf, size_t len);
/* The words of a GPU's slowdown bits ("thermal", "power", "hw-slow"), joined by sep, in buf;
 * "" when the clock is not held down. Returns buf. */
const char *frame_gpu_slowdown_words(unsigned slowdown, const char *sep, char *buf, size_t len);

#endif
