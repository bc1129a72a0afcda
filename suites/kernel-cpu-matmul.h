/* kernel-cpu-matmul.h - the product that cpu.matmul times, callable on its own so that
 * tests can check it against a naive product on shapes that exercise every edge. */
#ifndef BENCHTOP_KERNEL_CPU_MATMUL_H
#define BENCHTOP_KERNEL_CPU_MATMUL_H

/* C += A * B for n x n row-major matrices, on the calling thread. 0, or -1 out of memory. */
int cpu_matmul_product(int n, const float *a, const float *b, float *c);

#endif
