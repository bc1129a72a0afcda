#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static double clock_seconds(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double now_mono(void) { return clock_seconds(CLOCK_MONOTONIC); }
double now_real(void) { return clock_seconds(CLOCK_REALTIME); }

int exceeds(double a, double b)
{
	return a > b + EXCEEDS_REL_EPS * (b < 0 ? -b : b);
}

/* A C locale of our own, so parsing and printing numbers ignore LC_NUMERIC. Made once, by
 * whichever thread comes first (workers and the sampler format numbers too). */
static locale_t c_loc;
static pthread_once_t c_loc_once = PTHREAD_ONCE_INIT;

static void c_locale_make(void)
{
	c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static locale_t c_locale(void)
{
	pthread_once(&c_loc_once, c_locale_make);
	return c_loc ? c_loc : LC_GLOBAL_LOCALE;
}

double c_strtod(const char *s, char **end)
{
	locale_t old = uselocale(c_locale());
	double v = strtod(s, end);
	uselocale(old);
	return v;
}

int c_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap)
{
	locale_t old = uselocale(c_locale());
	int n = vsnprintf(buf, len, fmt, ap);
	uselocale(old);
	return n;
}

int c_snprintf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = c_vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n;
}

void c_appendf(char *buf, size_t len, size_t *at, const char *fmt, ...)
{
	if (*at + 1 >= len)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = c_vsnprintf(buf + *at, len - *at, fmt, ap);
	va_end(ap);
	if (n > 0)
		*at = *at + (size_t)n < len ? *at + (size_t)n : len - 1;
}

int parse_double(const char *s, double *out)
{
	char *end;
	if (!s || !*s || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	double v = c_strtod(s, &end);
	if (errno || *end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int parse_long(const char *s, long *out)
{
	char *end;
	if (!s || !*s || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

/* A number followed by a unit from a table; the unit may be empty. */
struct unit { const char *name; double factor; };

static int parse_with_units(const char *s, const struct unit *units, double *out)
{
	char *end;
	if (!s || !*s || isspace((unsigned char)*s) || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	double v = c_strtod(s, &end);
	if (errno || end == s || !isfinite(v) || v < 0)
		return -1;
	for (const struct unit *u = units; u->name; u++) {
		if (strcasecmp(end, u->name) == 0) {
			if (!isfinite(v * u->factor))   /* "1e307d" overflows to infinity */
				return -1;
			*out = v * u->factor;
			return 0;
		}
	}
	return -1;
}

int parse_duration(const char *s, double *seconds)
{
	static const struct unit units[] = {
		{ "", 1 }, { "s", 1 }, { "ms", 1e-3 }, { "us", 1e-6 }, { "m", 60 }, { "min", 60 },
		{ "h", 3600 }, { "d", 86400 }, { NULL, 0 },
	};
	return parse_with_units(s, units, seconds);
}

int parse_percent(const char *s, double *pct)
{
	static const struct unit units[] = { { "", 1 }, { "%", 1 }, { NULL, 0 } };
	return parse_with_units(s, units, pct);
}

int parse_size(const char *s, double *bytes)
{
	static const struct unit units[] = {
		{ "", 1 }, { "b", 1 },
		{ "k", 1024.0 }, { "kb", 1024.0 }, { "kib", 1024.0 },
		{ "m", 1048576.0 }, { "mb", 1048576.0 }, { "mib", 1048576.0 },
		{ "g", 1073741824.0 }, { "gb", 1073741824.0 }, { "gib", 1073741824.0 },
		{ "t", 1099511627776.0 }, { "tb", 1099511627776.0 }, { "tib", 1099511627776.0 },
		{ NULL, 0 },
	};
	double v;
	if (parse_with_units(s, units, &v) < 0)
		return -1;
	*bytes = floor(v);
	return 0;
}

int parse_count(const char *s, double *out)
{
	static const struct unit units[] = {
		{ "k", 1e3 }, { "m", 1e6 }, { "g", 1e9 }, { "t", 1e12 }, { NULL, 0 },
	};
	/* A plain number as parse_double reads it (a sign too: the range check says what is wrong). */
	return parse_double(s, out) == 0 ? 0 : parse_with_units(s, units, out);
}

char *str_copy(char *dst, const char *src, size_t len)
{
	if (!len)
		return dst;
	size_t n = strnlen(src, len - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
	return dst;
}

char *fmt_bytes(char *buf, size_t len, double bytes)
{
	static const char *const names[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	if (!isfinite(bytes)) {
		str_copy(buf, "-", len);
		return buf;
	}
	int i = 0;
	double v = fabs(bytes);
	while (v >= 1024.0 && i < 5) {
		v /= 1024.0;
		i++;
	}
	if (bytes < 0)
		v = -v;
	if (i == 0)
		c_snprintf(buf, len, "%.0f %s", v, names[i]);
	else
		c_snprintf(buf, len, "%.*f %s", fabs(v) < 10 ? 2 : fabs(v) < 100 ? 1 : 0, v, names[i]);
	return buf;
}

char *fmt_duration(char *buf, size_t len, double s)
{
	if (!isfinite(s) || s < 0)
		str_copy(buf, "-", len);
	else if (s < 1)
		c_snprintf(buf, len, "%.0fms", s * 1e3);
	else if (s < 60)
		c_snprintf(buf, len, "%.1fs", s);
	else if (s < 3600)
		c_snprintf(buf, len, "%dm%02ds", (int)(s / 60), (int)fmod(s, 60));
	else   /* %.0f: hours past INT_MAX (a huge ETA) do not fit an int */
		c_snprintf(buf, len, "%.0fh%02dm", floor(s / 3600), (int)fmod(s / 60, 60));
	return buf;
}

void signals_main_loop(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGWINCH);
}

/* The one way to an anonymous scratch file (the disk kernels and the hdd stressor). */
int scratch_file(const char *dir, int flags)
{
	int direct = (flags & O_DIRECT) != 0;
	flags |= O_RDWR | O_CLOEXEC;
#ifdef O_TMPFILE
	int fd = open(dir, flags | O_TMPFILE, 0600);
	if (fd >= 0)
		return fd;
	/* EINVAL here may be O_DIRECT's fault rather than O_TMPFILE's: let the caller retry. */
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != ENOENT && errno != EINVAL)
		return -1;
	if (errno == ENOENT && access(dir, F_OK) < 0)
		return -1;
#endif
	char path[4096];
	int len = snprintf(path, sizeof path, "%s/.benchtop-......", dir);
	if (len < 0 || len >= (int)sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memset(path + len - 6, 'X', 6);   /* the six characters mkostemp replaces */
	int tfd = mkostemp(path, O_CLOEXEC);
	if (tfd < 0)
		return -1;
	unlink(path);
	if (!direct)
		return tfd;
	/* mkostemp cannot ask for O_DIRECT; turn it on now. */
	int fl = fcntl(tfd, F_GETFL);
	if (fl < 0 || fcntl(tfd, F_SETFL, fl | O_DIRECT) < 0) {
		int e = errno;
		close(tfd);
		errno = e;
		return -1;
	}
	return tfd;
}

int scratch_dir_check(const char *dir, char *why, size_t whylen)
{
	struct stat st;
	if (strlen(dir) >= SCRATCH_DIR_MAX) {
		c_snprintf(why, whylen, "a path longer than %d bytes", SCRATCH_DIR_MAX - 1);
		return -1;
	}
	if (stat(dir, &st) < 0) {
		c_snprintf(why, whylen, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		c_snprintf(why, whylen, "not a directory");
		return -1;
	}
	int fd = scratch_file(dir, 0);
	if (fd < 0) {
		c_snprintf(why, whylen, "cannot create a file there: %s", strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}
