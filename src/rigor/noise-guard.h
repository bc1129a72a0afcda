/* noise-guard.h - the checks before a run: what on this machine will disturb the figures.
 *
 * Each check is one row of a table (the list follows pyperf's `system tune`): it reads
 * /proc and /sys under $BENCHTOP_PROC_ROOT and $BENCHTOP_SYSFS_ROOT and, when it finds
 * something, fills one system_finding: what was found, what it costs and the command that
 * fixes it. noise_guard_collect samples the machine for NOISE_GUARD_SAMPLE_S (steal,
 * swapping and the busiest other processes need two looks) and runs every check.
 * Main thread, before the runner starts.
 */
#ifndef BENCHTOP_NOISE_GUARD_H
#define BENCHTOP_NOISE_GUARD_H

#include "results.h"

#define NOISE_GUARD_SAMPLE_S 0.2
#define NOISE_GUARD_BUSY_SHARE 0.10   /* of one CPU: a process this busy is named */

/* Fills si->findings (and nfindings) from every check. */
void noise_guard_collect(struct system_info *si);

/* The names of the checks, in order, NULL-terminated (for --list and the man page test). */
extern const char *const noise_guard_checks[];

#endif
