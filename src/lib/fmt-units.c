#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt-units.h"
#include "utf8.h"
#include "util.h"

/* One step of a family's ladder: its name and its size in the family's base unit. */
struct fmt_step {
	const char *name;
	double size;
};

static const struct fmt_step fmt_time_steps[] = {
	{ "ns", 1e-9 }, { "us", 1e-6 }, { "ms", 1e-3 }, { "s", 1 }, { NULL, 0 },
};
static const struct fmt_step fmt_byte_steps[] = {
	{ "B", 1 }, { "KiB", 1024.0 }, { "MiB", 1048576.0 }, { "GiB", 1073741824.0 },
	{ "TiB", 1099511627776.0 }, { "PiB", 1125899906842624.0 }, { NULL, 0 },
};
static const struct fmt_step fmt_si_steps[] = {
	{ "", 1 }, { "k", 1e3 }, { "M", 1e6 }, { "G", 1e9 }, { "T", 1e12 }, { "P", 1e15 }, { NULL, 0 },
};
static const struct fmt_step fmt_bin_steps[] = {
	{ "", 1 }, { "Ki", 1024.0 }, { "Mi", 1048576.0 }, { "Gi", 1073741824.0 }, { "Ti", 1099511627776.0 },
	{ NULL, 0 },
};

/* What a unit is: its ladder, its own size on it, and the text around the step's name. */
struct fmt_family {
	const struct fmt_step *steps;   /* NULL: never scaled */
	double own;                     /* the unit's size in the ladder's base */
	char   after[24];               /* after the step's name: "B/s" for "MB/s", " IOPS" for counts */
	int    from;                    /* the first step taken above the base only from this value */
};

static const struct fmt_step *fmt_find_step(const struct fmt_step *steps, const char *name, size_t n)
{
	for (const struct fmt_step *s = steps; s->name; s++)
		if (strlen(s->name) == n && strncmp(s->name, name, n) == 0)
			return s;
	return NULL;
}

static void fmt_family_of(struct fmt_family *fam, const char *unit)
{
	const struct fmt_step *s;
	size_t n = strlen(unit);
	memset(fam, 0, sizeof *fam);
	fam->own = 1;
	if (strcmp(unit, "\xC2\xB5s") == 0)   /* µs */
		unit = "us";
	if ((s = fmt_find_step(fmt_time_steps, unit, strlen(unit)))) {
		fam->steps = fmt_time_steps;
		fam->own = s->size;
		return;
	}
	if (strcmp(unit, "bytes") == 0 || strcmp(unit, "byte") == 0)
		unit = "B";
	if ((s = fmt_find_step(fmt_byte_steps, unit, strlen(unit)))) {
		fam->steps = fmt_byte_steps;
		fam->own = s->size;
		return;
	}
	if (strcmp(unit, "%") == 0) {
		str_copy(fam->after, "%", sizeof fam->after);
		return;
	}
	if (n > 2 && strcmp(unit + n - 2, "/s") == 0) {
		/* A rate: "MB/s" is M on the SI ladder of "B/s"; "MiB/s" is Mi on the binary one. */
		size_t stem = n - 2;
		fam->steps = fmt_si_steps;
		if (stem > 2 && unit[1] == 'i' && (s = fmt_find_step(fmt_bin_steps, unit, 2))) {
			fam->steps = fmt_bin_steps;
			fam->own = s->size;
			str_copy(fam->after, unit + 2, sizeof fam->after);
		} else if (stem > 1 && (s = fmt_find_step(fmt_si_steps, unit[0] == 'K' ? "k" : unit, 1))) {
			fam->own = s->size;
			str_copy(fam->after, unit + 1, sizeof fam->after);
		} else {
			str_copy(fam->after, unit, sizeof fam->after);
		}
		return;
	}
	/* A count: 12345 reads is "12.35 k reads". */
	fam->steps = fmt_si_steps;
	fam->from = 10000;
	if (unit[0])
		snprintf(fam->after, sizeof fam->after, " %s", unit);
}

/* Fixed decimals read well from 1e-6 (9 decimals keep 3 digits) to below 1e9; past these a
 * figure is written with an exponent ("2e+300 s", "1.5e-12 s"), not as 47 digits no double
 * holds or as 0.000000000. */
#define FMT_FIXED_MIN 1e-6
#define FMT_FIXED_MAX 1e9

static int fmt_fixed(double scaled)
{
	double a = fabs(scaled);
	return a == 0 || (a >= FMT_FIXED_MIN && a < FMT_FIXED_MAX);
}

/* Decimals for 4 significant digits (3 below 1), none from 1000 on. */
static int fmt_decimals(double x)
{
	x = fabs(x);
	if (x == 0 || !isfinite(x))
		return 0;
	if (x < 0.99995) {
		int d = 2 - (int)floor(log10(x));
		return d > 9 ? 9 : d;
	}
	return x < 9.9995 ? 3 : x < 99.995 ? 2 : x < 999.95 ? 1 : 0;
}

void fmt_scale_pick(struct fmt_scale *sc, double magnitude, const char *unit)
{
	struct fmt_family fam;
	fmt_family_of(&fam, unit ? unit : "");
	double base = fabs(magnitude) * fam.own;
	int whole = 0;
	sc->mul = 1;
	str_copy(sc->unit, fam.after, sizeof sc->unit);
	if (fam.steps) {
		const struct fmt_step *pick = NULL;
		for (const struct fmt_step *s = fam.steps; s->name; s++)
			if (!pick || (base / s->size >= 0.99995 && (s == fam.steps || base >= fam.from)))
				pick = s;
		/* Zero or nothing to go by, or a figure past every step (an exponent then): stay in the
		 * unit given. */
		if (!(base > 0) || !isfinite(base) || !fmt_fixed(base / pick->size))
			for (const struct fmt_step *s = fam.steps; s->name; s++)
				if (s->size == fam.own)
					pick = s;
		sc->mul = fam.own / pick->size;
		whole = pick->size == 1 && (fam.steps == fmt_byte_steps || fam.from);
		snprintf(sc->unit, sizeof sc->unit, "%s%s", pick->name, fam.after);
	}
	while (sc->unit[0] == ' ')
		memmove(sc->unit, sc->unit + 1, strlen(sc->unit));
	sc->decimals = fmt_decimals(fabs(magnitude) * sc->mul);
	/* Whole counts and bytes print whole: "6", "512 B", not "6.000". */
	if (whole && sc->mul == 1 && magnitude == floor(magnitude))
		sc->decimals = 0;
}

static void fmt_trim(char *s)
{
	if (!strchr(s, '.'))
		return;
	size_t n = strlen(s);
	while (n && s[n - 1] == '0')
		s[--n] = '\0';
	if (n && s[n - 1] == '.')
		s[--n] = '\0';
}

char *fmt_scaled(char *buf, size_t len, double v, const struct fmt_scale *sc, int flags)
{
	if (!isfinite(v)) {
		str_copy(buf, "-", len);
		return buf;
	}
	if (!fmt_fixed(v * sc->mul)) {
		c_snprintf(buf, len, "%.4g", v * sc->mul);   /* 4 significant digits, as fixed ones give */
		return buf;
	}
	c_snprintf(buf, len, "%.*f", sc->decimals, v * sc->mul);
	if (flags & FMT_TRIM)
		fmt_trim(buf);
	if (strcmp(buf, "-0") == 0)
		str_copy(buf, "0", len);
	return buf;
}

char *fmt_scaled_own(char *buf, size_t len, double v, const struct fmt_scale *sc, int flags)
{
	struct fmt_scale own = *sc;
	own.decimals = fmt_decimals(v * sc->mul);
	if (sc->decimals == 0 && v == floor(v) && sc->mul == 1)
		own.decimals = 0;
	return fmt_scaled(buf, len, v, &own, flags);
}

static char *fmt_join(char *buf, size_t len, const char *num, const struct fmt_scale *sc)
{
	if (sc->unit[0] && strcmp(num, "-") != 0)
		snprintf(buf, len, "%s %s", num, sc->unit);
	else
		str_copy(buf, num, len);
	return buf;
}

char *fmt_unit(char *buf, size_t len, double v, const char *unit, int flags)
{
	struct fmt_scale sc;
	char num[48];
	fmt_scale_pick(&sc, v, unit);
	return fmt_join(buf, len, fmt_scaled(num, sizeof num, v, &sc, flags), &sc);
}

char *fmt_unit_pm(char *buf, size_t len, double v, double spread, const char *unit)
{
	if (!isfinite(v) || !isfinite(spread))
		return fmt_unit(buf, len, v, unit, 0);
	struct fmt_scale sc, ss;
	char a[48], b[48], both[100];
	fmt_scale_pick(&sc, v, unit);
	fmt_scaled(a, sizeof a, v, &sc, 0);
	ss = sc;
	/* The spread in the value's decimals, unless that rounds it to nothing. */
	if (fabs(spread) * sc.mul < 0.5 * pow(10, -sc.decimals) && spread != 0) {
		ss.decimals = 1 - (int)floor(log10(fabs(spread) * sc.mul));
		if (ss.decimals > 9)
			ss.decimals = 9;
	}
	fmt_scaled(b, sizeof b, spread, &ss, 0);
	snprintf(both, sizeof both, "%s \xC2\xB1 %s", a, b);
	return fmt_join(buf, len, both, &sc);
}

char *fmt_unit_range(char *buf, size_t len, double lo, double hi, const char *unit)
{
	if (!isfinite(lo) || !isfinite(hi))
		return str_copy(buf, "-", len);
	struct fmt_scale sc;
	char a[48], b[48], both[100];
	fmt_scale_pick(&sc, fmax(fabs(lo), fabs(hi)), unit);
	fmt_scaled_own(a, sizeof a, lo, &sc, 0);
	fmt_scaled(b, sizeof b, hi, &sc, 0);
	snprintf(both, sizeof both, "%s \xE2\x80\xA6 %s", a, b);
	return fmt_join(buf, len, both, &sc);
}

char *fmt_seconds(char *buf, size_t len, double seconds)
{
	return fmt_unit(buf, len, seconds, "s", 0);
}

char *fmt_size(char *buf, size_t len, double bytes)
{
	return fmt_unit(buf, len, bytes, "B", 0);
}

char *fmt_count(char *buf, size_t len, double n)
{
	return fmt_unit(buf, len, n, "", 0);
}

/* The largest step that v is a whole number of (at least 1 of), from `from` on; v as is when
 * none is. */
static char *fmt_exact(char *buf, size_t len, double v, const struct fmt_step *steps, const char *after,
                       double from)
{
	const struct fmt_step *best = NULL;
	for (const struct fmt_step *s = steps + 1; s->name && fabs(v) >= from && fabs(v) < 1e18; s++)
		if (fabs(v) >= s->size && fmod(v, s->size) == 0)
			best = s;
	if (best)
		c_snprintf(buf, len, "%.0f%s%s", v / best->size, best->name, after);
	else
		c_snprintf(buf, len, "%.15g", v);
	return buf;
}

char *fmt_size_exact(char *buf, size_t len, double bytes)
{
	return fmt_exact(buf, len, bytes, fmt_bin_steps, "B", 0);
}

char *fmt_count_exact(char *buf, size_t len, double n)
{
	/* The suffixes parse_count takes: no P. */
	static const struct fmt_step steps[] = {
		{ "", 1 }, { "k", 1e3 }, { "M", 1e6 }, { "G", 1e9 }, { "T", 1e12 }, { NULL, 0 },
	};
	return fmt_exact(buf, len, n, steps, "", 1e4);   /* 1000, 10k: as fmt_count starts k */
}

size_t fmt_width(const char *s)
{
	return (size_t)utf8_width(s);
}
