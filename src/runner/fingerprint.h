/* fingerprint.h - which machine a run ran on, as the run history compares machines.
 *
 * A fingerprint is the text "cpu=...;cores=N;mem=NGiB;kernel=...;gpu=...;driver=..." built from
 * a run's system description: two runs compare as the same machine when their texts are equal.
 * Memory is rounded to whole GiB (MemTotal moves by a few KiB between kernels and boots); the
 * host name is kept for display but is not part of it (two identical machines are one kind).
 * Pure functions, except fingerprint_gpu_driver which reads this machine's driver version.
 */
#ifndef BENCHTOP_FINGERPRINT_H
#define BENCHTOP_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "results.h"

struct fingerprint {
	char text[1024];             /* the comparison key */
	char hash[17];               /* 16 hex digits of FNV-1a 64 of text: the short name */
	char hostname[64];
	char cpu[128];
	int  cores;
	double mem_gib;
	char kernel[128];
	char gpus[512];              /* "NVIDIA H100, NVIDIA H100"; "" without GPUs */
	char driver[64];             /* GPU driver version; "" when unknown */
};

/* Fills fp from si; driver may be NULL or "" when unknown. */
void fingerprint_make(struct fingerprint *fp, const struct system_info *si, const char *driver);
/* This machine's GPU driver version (NVIDIA's, then amdgpu's module version), or "". */
char *fingerprint_gpu_driver(char *buf, size_t len);

/* FNV-1a 64 over n bytes, continuing from h (start with FNV_OFFSET). */
#define FNV_OFFSET 0xcbf29ce484222325ULL
uint64_t fnv1a(uint64_t h, const void *data, size_t n);

#endif
