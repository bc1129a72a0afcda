/* util.h - small helpers shared by every part: clocks, strict number parsing, text. */
#ifndef BENCHTOP_UTIL_H
#define BENCHTOP_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

double now_mono(void);        /* CLOCK_MONOTONIC, seconds */
double now_real(void);        /* CLOCK_REALTIME, Unix seconds */

/* Whether a is beyond b by more than floating error (1e-9 of b); 0 with a NAN. The one rule
 * for every limit: 1.05 / 1.00 - 1 is 5.000000000000004 %, and that is 5 %. */
#define EXCEEDS_REL_EPS 1e-9
int exceeds(double a, double b);

/* Strict parsers: the whole string must be the value. 0, or -1 when it is not. */
int parse_double(const char *s, double *out);
int parse_long(const char *s, long *out);
/* strtod with '.' as the decimal point whatever LC_NUMERIC says; any thread. */
double c_strtod(const char *s, char **end);
/* "90", "1.5", "500ms", "30s", "10m", "2h", "1d" -> seconds. */
int parse_duration(const char *s, double *seconds);
/* "4096", "64K", "256M", "1G", "2T" (powers of 1024; a trailing "B"/"iB" is allowed) -> bytes. */
int parse_size(const char *s, double *bytes);
/* "5" or "5%" -> 5: a percentage, written with its sign or without; not below 0. */
int parse_percent(const char *s, double *pct);
/* A count: a number as parse_double reads it ("2000", "2e9"), or one with an SI suffix k, M, G,
 * T in any case (powers of 1000: "2G" is 2e9), as --list prints counts. Not rounded: the caller
 * asks for a whole number. */
int parse_count(const char *s, double *out);

/* Copies at most len-1 bytes and always terminates; returns dst. */
char *str_copy(char *dst, const char *src, size_t len);

/* "1.5 GiB", "812 KiB/s" ... with a C-locale decimal point. */
char *fmt_bytes(char *buf, size_t len, double bytes);
/* "1h02m", "3m07s", "12.3s", "450ms". */
char *fmt_duration(char *buf, size_t len, double seconds);

#include <signal.h>

/* The signals the main loop handles (INT, TERM, HUP, WINCH): blocked in every thread but
 * read by the main loop from a signalfd. Threads started by anyone block them too. */
void signals_main_loop(sigset_t *set);

/* An anonymous file in dir: O_TMPFILE, or a unique name unlinked at once, so nothing is left
 * behind however the process ends. flags may add O_DIRECT (EINVAL when the filesystem refuses
 * it: try again without). The fd, or -1 with errno. */
int scratch_file(const char *dir, int flags);
/* The longest path of a scratch directory, its NUL included: the runner and the hdd stressor
 * keep it in this many bytes, and a longer one is refused, never cut to another directory. */
#define SCRATCH_DIR_MAX 512
/* dir is short enough, exists, is a directory and takes scratch files: 0, or -1 with why ("not a
 * directory", "No such file or directory", "cannot create a file there: ..."), without the path. */
int scratch_dir_check(const char *dir, char *why, size_t whylen);

/* snprintf that always uses '.' as the decimal point, whatever LC_NUMERIC says; any thread.
 * The one C-locale printf: buf_printf and the stress messages format through it. */
int c_snprintf(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int c_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
/* c_snprintf at buf + *at, for lines built piece by piece: *at moves to the end of what fit, so
 * a piece that does not fit is cut and the next ones are dropped, never written past len. */
void c_appendf(char *buf, size_t len, size_t *at, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
