/* sysfile.h - cheap reads of small kernel files (sysfs, procfs) for the metric sources.
 *
 * Sources open the files they poll once, in their open hook, and re-read them every
 * tick with pread() from offset 0, so a tick costs one system call per value and no
 * allocation. Paths are relative to a root (env->sysfs_root or env->proc_root) so tests
 * run the same code on fixture trees. Called on the sampler thread only.
 */
#ifndef BENCHTOP_SYSFILE_H
#define BENCHTOP_SYSFILE_H

#include <stddef.h>
#include <sys/types.h>

/* Joins root and a path below it into buf; returns buf. */
char *sysfile_path(char *buf, size_t len, const char *root, const char *rel);

/* Opens root/rel read-only; a file descriptor, or -1 with errno set. */
int sysfile_open(const char *root, const char *rel);

/* Reads the whole file from offset 0 into buf and terminates it; the length, or -1.
 * A file longer than len-1 bytes is cut there. */
ssize_t sysfile_pread(int fd, char *buf, size_t len);

/* Reads one integer (the whole of a sysfs attribute such as "45000\n"); 0, or -1. */
int sysfile_read_ll(int fd, long long *out);

/* Reads the first line of root/rel into buf without its newline; 0, or -1. */
int sysfile_read_line(const char *root, const char *rel, char *buf, size_t len);

/* Whether root/rel exists. */
int sysfile_exists(const char *root, const char *rel);

/* The numbers N of the entries named exactly PREFIX N SUFFIX ("hwmon3", "temp2_input") in
 * root/rel, ascending, at most max of them; how many, or -1 when the folder cannot be read. */
int sysfile_list_numbered(const char *root, const char *rel, const char *prefix,
                          const char *suffix, int *out, int max);

#endif
