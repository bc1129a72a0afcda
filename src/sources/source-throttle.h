/* source-throttle.h - the CPUs' thermal throttle counters, for the sampler's source and for
 * the stress summary's count over a run. */
#ifndef BENCHTOP_SOURCE_THROTTLE_H
#define BENCHTOP_SOURCE_THROTTLE_H

/* Events since boot from sysfs_root/devices/system/cpu/cpuN/thermal_throttle: core counts of
 * every CPU summed, and the highest package count (every CPU of a package shows its package's).
 * Each NAN where the kernel has no such counter (VMs, non-x86). Opens two files per CPU. */
void cpu_throttle_read(const char *sysfs_root, double *core, double *pkg);

#endif
