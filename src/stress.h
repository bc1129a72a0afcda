/* stress.h - load and stress generators: cpu, vm and hdd, with stress-ng's meanings.
 *
 * Workers are threads of this process (pthreads), not child processes, so nothing can outlive
 * benchtop: PR_SET_PDEATHSIG is not needed. The hdd files are anonymous (O_TMPFILE, or
 * unlinked at once), so even kill -9 leaves nothing behind. Memory and disk requests are
 * capped below what the machine (and our cgroup) can spare, with a message, so that a stress
 * run never causes an OOM kill or a full disk.
 *
 * Threads and ownership:
 * - stress_start, stress_toggle, stress_adjust, stress_describe, stress_summary,
 *   stress_bytes, stress_each_message, stress_stop and stress_free are called from one thread
 *   (the main thread).
 * - stress_fill_frame is a sampler_extra_fn: the sampler thread calls it every tick with the
 *   struct stress as its argument. It only reads the workers' atomic counters. It stays safe
 *   to call after stress_stop, which is why freeing is a separate step: stop the stressors
 *   first (the shutdown order), stop the sampler, then stress_free.
 * - Workers never print. What they have to say (an hdd worker that stopped because free space
 *   ran low, a failed mmap) reaches people through stress_each_message.
 *
 * Generators, always in this order (stress_count() rows, even when off):
 *   STRESS_CPU  "cpu": N workers each running a CPU kernel in a duty cycle of 50 ms periods,
 *               busy for load % of each period as measured by the thread's own CPU time
 *               (CLOCK_THREAD_CPUTIME_ID), so a competing program makes us neither over- nor
 *               undershoot the CPU time the kernel accounts to us. 100 % never sleeps.
 *               Row: target = load %, achieved = measured busy % per worker, unit "%".
 *   STRESS_VM   "vm": N workers, each mmaps its bytes, touches every page, then loops a pattern
 *               over them. Row: target NAN, achieved = MB/s (10^6 bytes) of memory touched.
 *   STRESS_HDD  "hdd": N workers, each with an anonymous file of its bytes in a directory,
 *               mixing sequential block writes (fdatasync every 8 MiB, then the cache is
 *               dropped) and sequential reads of what was written. Free space is checked every
 *               second; a worker stops, with a message, before free space would fall under a
 *               reserve of max(512 MiB, 5 % of the filesystem). Row: target = rate limit in
 *               MB/s (NAN: unlimited), achieved = MB/s written plus read.
 */
#ifndef BENCHTOP_STRESS_H
#define BENCHTOP_STRESS_H

#include <stddef.h>

#include "frame.h"

enum { STRESS_CPU, STRESS_VM, STRESS_HDD, STRESS_GPU };

#define STRESS_MAX_WORKERS 256          /* per generator */

struct stress_config {
	int cpu;                /* -1 off; 0 one worker per online CPU; N workers (stress-ng --cpu) */
	double cpu_load;        /* percent of each worker's core, 1..100 (default 100) */
	const char *cpu_method; /* "int", "float", "matmul" or "mixed" (NULL: "mixed", which
	                           rotates among the three every period, like stress-ng's "all") */
	int vm;                 /* -1 off; N workers (0 counts as 1, as stress-ng does) */
	double vm_bytes;        /* bytes per worker; 0: 256 MiB, or vm_pct when that is set */
	double vm_pct;          /* > 0: percent of MemAvailable for all vm workers together */
	const char *vm_pattern; /* "seq" (write), "rmw" (read-modify-write) or "random" (NULL: "seq") */
	int hdd;                /* -1 off; N workers (0 counts as 1) */
	double hdd_bytes;       /* file size per worker; 0: 1 GiB */
	const char *hdd_dir;    /* where the files go; NULL: "." (the current directory, as stress-ng) */
	double hdd_write_pct;   /* percent of blocks written, the rest read, 1..100; 0: 50 */
	double hdd_block;       /* bytes per write or read, 4 KiB..64 MiB; 0: 1 MiB */
	const char *gpu;        /* NULL off; "all" (or "0") every CUDA device, N the first N (src/stress-gpu.c) */
	double gpu_load;        /* percent of each GPU's time busy with kernels, 1..100 (default 100) */
	const char *gpu_method; /* "fma", "bandwidth" or "mixed" (NULL: "mixed") */
	double gpu_bytes;       /* bandwidth buffer per GPU; 0: 256 MiB */
	int gpu_blocks;         /* fma blocks per launch; 0: 8 per SM */
	const char *proc_root;  /* NULL: "/proc" (meminfo, self/cgroup) */
	const char *cgroup_root;/* NULL: "/sys/fs/cgroup" */
};

struct stress;

/* Every generator off, every setting at its default. */
void stress_config_init(struct stress_config *cfg);

/* Checks the whole config (a bad method, pattern, load or directory is an error even for a
 * generator that is off, since the user asked for it), then starts the generators that are on.
 * Requests over what the machine can spare are capped, with a message: not an error.
 * 0, or -1 with why and nothing started. */
int  stress_start(struct stress **out, const struct stress_config *cfg, char *why, size_t whylen);

/* Messages for people, in order: calls fn for each one after *seen and advances *seen
 * (seen NULL: all of them). E.g. "vm: 4.0 GiB requested, capped to 768 MiB: MemAvailable
 * 1.0 GiB minus a 256 MiB reserve". Also gathers what workers have said since. */
void stress_each_message(struct stress *s, unsigned *seen,
                         void (*fn)(void *arg, const char *line), void *arg);

/* sampler_extra_fn: appends the rows cpu, vm, hdd to f->stress with rates since the last call. */
void stress_fill_frame(void *stress, struct frame *f);

int  stress_count(const struct stress *s);         /* 3: cpu, vm, hdd */
const char *stress_name(int gen);                  /* "cpu", "vm", "hdd"; NULL out of range */
const char *stress_help(int gen);                  /* one line for --list; NULL out of range */

/* Extra lines under a generator's row (gpu: one per GPU), i from 0: 0 with the line in buf,
 * -1 when there is no line i. */
int  stress_detail(const struct stress *s, int gen, int i, char *buf, size_t len);
/* Whether a generator can run on this machine: 0, or -1 with why (gpu without libcuda). */
int  stress_available(int gen, char *why, size_t whylen);

/* On <-> off. Turning on a generator that was configured off starts it with the config's
 * settings and one worker (cpu: one per online CPU). Turning on re-plans memory and disk caps
 * with the machine as it is now. 0, or -1 when it could not start (the reason is a message). */
int  stress_toggle(struct stress *s, int gen);

/* Raises (steps > 0) or lowers the intensity, live:
 *   cpu: load +-10 points per step, within 1..100;
 *   vm:  bytes per worker x2 or /2 per step, within 1 MiB and the cap (re-read now);
 *   hdd: a rate limit walking 1, 2, 5, 10, 20, ... 5000 MB/s, then unlimited; lowering from
 *        unlimited starts at the step under the rate achieved last.
 * Works whether the generator is on or off (off: it applies at the next start).
 * 0, or -1 when nothing changed (already at the end of the range). */
int  stress_adjust(struct stress *s, int gen, int steps);

/* The current state, for the panel: name, unit, workers running, on, target and the achieved
 * figure of the last stress_fill_frame (NAN before the first). */
void stress_describe(const struct stress *s, int gen, struct frame_stress *out);
/* One line of settings for the panel: "2 x int 50 %", "1 x 256 MiB seq", "1 x 1.0 GiB in /tmp". */
void stress_summary(const struct stress *s, int gen, char *buf, size_t len);
/* Bytes held now: vm memory mapped and touched, hdd file bytes written; cpu NAN. */
double stress_bytes(const struct stress *s, int gen);

/* Every worker stops within a second: threads joined, files closed, memory released.
 * stress_fill_frame stays safe (rows report off). */
void stress_stop(struct stress *s);
/* Stops if needed and frees. Call after the sampler that uses stress_fill_frame is stopped. */
void stress_free(struct stress *s);

#endif
