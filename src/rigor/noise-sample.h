/* noise-sample.h - what the rest of the machine did while one iteration ran.
 *
 * A runner worker owns one noise_probe. It calls noise_probe_mark just before an iteration
 * and noise_probe_flags just after; the flags are bits 1 << enum noise_reason (results.h):
 *   NOISE_CPU      other processes used more than NOISE_CPU_SHARE of the machine's CPU time:
 *                  busy time from /proc/stat minus benchtop's own (getrusage of the process,
 *                  all threads, and of its waited-for children: commands, prepare, cleanup);
 *   NOISE_STEAL    the hypervisor took more than NOISE_STEAL_SHARE of it (/proc/stat steal);
 *   NOISE_THROTTLE a thermal throttle counter grew (sysfs cpuN/thermal_throttle);
 *   NOISE_SWAP     pages were swapped in or out (/proc/vmstat pswpin, pswpout).
 * It also reads every CPU's clock (sysfs cpuN/cpufreq/scaling_cur_freq) at both ends, for the
 * iteration's lowest and mean clock (clock_min, clock_mean; NAN without cpufreq): results.c
 * flags NOISE_CLOCK from them (see NOISE_CLOCK_DROP in results.h).
 * /proc/stat counts in 10 ms ticks, so a window shorter than NOISE_MIN_WINDOW_S reaches back
 * to an earlier mark of the same probe: a 20 ms iteration is judged on the last 0.25 s.
 * Files are read under $BENCHTOP_PROC_ROOT and $BENCHTOP_SYSFS_ROOT (tests fake a busy
 * machine there). Flags are -1 when /proc/stat cannot be read. One thread per probe.
 */
#ifndef BENCHTOP_NOISE_SAMPLE_H
#define BENCHTOP_NOISE_SAMPLE_H

#define NOISE_CPU_SHARE 0.25       /* of all CPUs' time, taken by other processes */
#define NOISE_STEAL_SHARE 0.02     /* of all CPUs' time, taken by the hypervisor */
#define NOISE_MIN_WINDOW_S 0.25
#define NOISE_RING 16
#define NOISE_MAX_THROTTLE_FILES 64
#define NOISE_MAX_CLOCK_FILES 256

struct noise_snap {
	double t;                      /* CLOCK_MONOTONIC seconds */
	double busy, total, steal;     /* /proc/stat ticks, all CPUs */
	double own;                    /* seconds of CPU time of benchtop and its children */
	double throttle, swap;         /* counters; NAN when the machine has none */
	double clock_min, clock_mean;  /* MHz over all CPUs; NAN without cpufreq */
};

struct noise_probe {
	int fd_stat, fd_vmstat;
	int throttle_fd[NOISE_MAX_THROTTLE_FILES];
	int nthrottle;
	int clock_fd[NOISE_MAX_CLOCK_FILES];
	int nclock;
	double clock_min, clock_mean;  /* MHz, over both ends of the last noise_probe_flags; NAN none */
	double hz;                     /* ticks per second */
	struct noise_snap ring[NOISE_RING];
	int nring, head;               /* head: where the next snapshot goes */
	int start;                     /* ring slot of the last mark; -1 none */
};

/* Opens the files it reads; never fails (what cannot be opened is not measured). */
void noise_probe_open(struct noise_probe *p);
void noise_probe_close(struct noise_probe *p);
/* The start of an iteration. */
void noise_probe_mark(struct noise_probe *p);
/* The end of it: its noise bits, or -1 when nothing could be measured. */
int  noise_probe_flags(struct noise_probe *p);

/* The bits from two snapshots (exposed for unit tests). */
int  noise_judge(const struct noise_snap *a, const struct noise_snap *b, double hz);

#endif
