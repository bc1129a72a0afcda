/* metrics-procstat.h - each CPU's time per mode since boot, from /proc/stat, for
 * node_cpu_seconds_total{cpu,mode} as node_exporter exports it: user, nice, system, idle,
 * iowait, irq, softirq, steal (guest time is inside user and nice, so it is left out), in
 * seconds (the kernel's USER_HZ ticks divided by sysconf(_SC_CLK_TCK)). Main thread.
 */
#ifndef BENCHTOP_METRICS_PROCSTAT_H
#define BENCHTOP_METRICS_PROCSTAT_H

#include "frame.h"

#define PROCSTAT_NMODES 8

extern const char *const procstat_modes[PROCSTAT_NMODES];   /* "user", "nice", ... "steal" */

struct procstat_cpus {
	int    n;                                  /* CPUs read; 0: none (no /proc/stat) */
	int    cpu[FRAME_MAX_CORES];               /* their numbers, as "cpuN" says (gaps for offline ones) */
	double s[FRAME_MAX_CORES][PROCSTAT_NMODES];
};

/* Reads proc_root/stat ("/proc"). 0, or -1 (out->n is 0) when it cannot be read. */
int procstat_read(const char *proc_root, struct procstat_cpus *out);

#endif
