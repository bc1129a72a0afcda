/* kernel-list.h - every built-in kernel, one line each; suites/kernels.c makes the table.
 * Adding a kernel is one new suites/kernel-NAME.c defining `const struct kernel_class
 * kernel_NAME`, and one X(NAME) line here (plus the file's name in suites/suites.mk). */
#ifndef BENCHTOP_KERNEL_LIST_H
#define BENCHTOP_KERNEL_LIST_H

#include "kernel.h"

#define KERNEL_LIST(X) \
	X(cpu_int) \
	X(cpu_float) \
	X(cpu_matmul) \
	X(memory_bandwidth) \
	X(memory_latency) \
	X(memory_pattern) \
	X(disk_seq) \
	X(disk_random) \
	X(threads_switch) \
	X(gpu_fma) \
	X(gpu_bandwidth) \
	X(gpu_transfer)

#define KERNEL_EXTERN(name) extern const struct kernel_class kernel_##name;
KERNEL_LIST(KERNEL_EXTERN)
#undef KERNEL_EXTERN

#endif
