/* kernel-list.h - every built-in kernel, one line each; suites/kernels.c makes the table.
 * Adding a kernel is one new suites/kernel-*.c and one new line here and in kernels.c. */
#ifndef BENCHTOP_KERNEL_LIST_H
#define BENCHTOP_KERNEL_LIST_H

#include "kernel.h"

extern const struct kernel_class kernel_cpu_int;
extern const struct kernel_class kernel_cpu_float;
extern const struct kernel_class kernel_cpu_matmul;
extern const struct kernel_class kernel_memory_bandwidth;
extern const struct kernel_class kernel_memory_latency;
extern const struct kernel_class kernel_disk_seq;
extern const struct kernel_class kernel_disk_random;
extern const struct kernel_class kernel_threads_switch;
extern const struct kernel_class kernel_gpu_fma;
extern const struct kernel_class kernel_gpu_bandwidth;
extern const struct kernel_class kernel_gpu_transfer;

#endif
