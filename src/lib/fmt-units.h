/* fmt-units.h - numbers people read: durations, sizes, rates and counts with their unit,
 * scaled so that 3 or 4 significant digits say it all ("4.198 ms", "64.00 MiB", "1.234 GB/s",
 * "67.11 M"). One formatter for every view: the headless table, the reports, --list and the
 * dashboard, so a figure reads the same everywhere.
 *
 * The unit names the family: "s", "ms", "us", "ns" are times (shown in ns, us, ms or s);
 * "B", "bytes", "KiB" ... are sizes (powers of 1024); a unit ending in "/s" is a rate whose
 * SI prefix is rescaled ("MB/s" -> "GB/s", "Mops/s" -> "kops/s"; "MiB/s" in powers of 1024);
 * "%" is never scaled; anything else ("", "ops", "IOPS") is a count that takes k, M, G, T
 * from 10000 on. A figure that no step brings to 1e-6 .. 1e9 stays in the unit given and is
 * written with an exponent ("2e+300 s", "2e-300 s"). Pure functions, '.' as the decimal point
 * whatever the locale; a value that is not finite prints as "-".
 */
#ifndef BENCHTOP_FMT_UNITS_H
#define BENCHTOP_FMT_UNITS_H

#include <stddef.h>

enum {
	FMT_TRIM = 1,          /* drop trailing zeros: "64 MiB" rather than "64.00 MiB" (labels, --list) */
};

/* How a value in `unit` is shown: multiply by `mul`, print `decimals`, then `unit`. */
struct fmt_scale {
	double mul;
	char   unit[24];
	int    decimals;
};

/* The scale for values of about `magnitude` (the largest one shown together). */
void   fmt_scale_pick(struct fmt_scale *sc, double magnitude, const char *unit);
/* v in sc's scale, without the unit: "4.198". */
char  *fmt_scaled(char *buf, size_t len, double v, const struct fmt_scale *sc, int flags);
/* The same to v's own 4 significant digits rather than sc's decimals, so a smaller figure shown
 * beside a larger one in its scale keeps its digits ("0.4101" beside "12.39"); whole counts and
 * bytes stay whole. With { 1, "", 0 } as sc: the plain number, never scaled ("12000"). */
char  *fmt_scaled_own(char *buf, size_t len, double v, const struct fmt_scale *sc, int flags);

/* "4.198 ms" for 0.004198 in "s"; "-" when not finite. */
char  *fmt_unit(char *buf, size_t len, double v, const char *unit, int flags);
/* "4.198 ± 0.012 ms": the spread in the value's scale; "4.198 ms" when spread is not finite. */
char  *fmt_unit_pm(char *buf, size_t len, double v, double spread, const char *unit);
/* "4.101 … 4.390 ms": both ends in one scale. */
char  *fmt_unit_range(char *buf, size_t len, double lo, double hi, const char *unit);
/* The shorthands of the families: seconds, bytes, a plain count. */
char  *fmt_seconds(char *buf, size_t len, double seconds);
char  *fmt_size(char *buf, size_t len, double bytes);
char  *fmt_count(char *buf, size_t len, double n);

/* Figures as the parsers read them back (parse_size, parse_count), exact, without a space:
 * "64MiB" for a whole number of KiB .. TiB, "2G" for a whole number of k, M, G, T (powers of
 * 1000, from 10000 on), else every digit ("1000", "1073741824"). For --list and the defaults
 * named in messages. */
char  *fmt_size_exact(char *buf, size_t len, double bytes);
char  *fmt_count_exact(char *buf, size_t len, double n);

/* Columns a UTF-8 string takes on a terminal: wide characters (CJK, emoji) take two, combining
 * marks none (utf8.h). */
size_t fmt_width(const char *s);

#endif
