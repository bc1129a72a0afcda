#include "config.h"

#include <locale.h>
#include <math.h>

#include "check.h"
#include "fmt-units.h"
#include "util.h"

/* Numbers people read: the unit's family picks the scale, 3-4 significant digits remain. */

static const char *u(double v, const char *unit, int flags)
{
	static char buf[8][64];
	static int k;
	k = (k + 1) % 8;
	return fmt_unit(buf[k], sizeof buf[k], v, unit, flags);
}

static void test_durations(void)
{
	CHECK_STR(u(0.00463199, "s", 0), "4.632 ms");
	CHECK_STR(u(0.2042, "s", 0), "204.2 ms");
	CHECK_STR(u(1.5, "s", 0), "1.500 s");
	CHECK_STR(u(12.345, "s", 0), "12.35 s");
	CHECK_STR(u(4321, "s", 0), "4321 s");
	CHECK_STR(u(2.5e-8, "s", 0), "25.00 ns");
	CHECK_STR(u(850, "ns", 0), "850.0 ns");
	CHECK_STR(u(1500, "ns", 0), "1.500 us");
	CHECK_STR(u(42, "us", 0), "42.00 us");
	CHECK_STR(u(0.9999996, "s", 0), "1.000 s");   /* rounding up climbs the ladder */
	CHECK_STR(u(0.99996, "ms", 0), "1.000 ms");
	CHECK_STR(u(0, "s", 0), "0 s");
	CHECK_STR(u(-0.002, "s", 0), "-2.000 ms");
	CHECK_STR(u(NAN, "s", 0), "-");
	CHECK_STR(u(INFINITY, "ms", 0), "-");
	char b[32];
	CHECK_STR(fmt_seconds(b, sizeof b, 0.0042), "4.200 ms");
}

static void test_sizes(void)
{
	CHECK_STR(u(67108864, "bytes", 0), "64.00 MiB");
	CHECK_STR(u(67108864, "bytes", FMT_TRIM), "64 MiB");
	CHECK_STR(u(512, "B", 0), "512 B");
	CHECK_STR(u(1536, "B", 0), "1.500 KiB");
	CHECK_STR(u(1099511627776.0, "bytes", FMT_TRIM), "1 TiB");
	CHECK_STR(u(2, "GiB", 0), "2.000 GiB");
	CHECK_STR(u(0.5, "GiB", 0), "512.0 MiB");
	char b[32];
	CHECK_STR(fmt_size(b, sizeof b, 1048575), "1.000 MiB");
}

static void test_rates(void)
{
	CHECK_STR(u(1234.5, "MB/s", 0), "1.234 GB/s");   /* %.3f rounds the binary 1.2345 down */
	CHECK_STR(u(0.5, "MB/s", 0), "500.0 kB/s");
	CHECK_STR(u(812, "MB/s", 0), "812.0 MB/s");
	CHECK_STR(u(38.2, "GFLOP/s", 0), "38.20 GFLOP/s");
	CHECK_STR(u(2500, "Mops/s", 0), "2.500 Gops/s");
	CHECK_STR(u(2048, "MiB/s", 0), "2.000 GiB/s");
	CHECK_STR(u(12, "B/s", 0), "12.00 B/s");
}

static void test_counts(void)
{
	CHECK_STR(u(6, "", 0), "6");
	CHECK_STR(u(2048, "", 0), "2048");
	CHECK_STR(u(2e9, "ops", FMT_TRIM), "2 G ops");
	CHECK_STR(u(12345, "IOPS", 0), "12.35 k IOPS");
	CHECK_STR(u(256, "threads", 0), "256 threads");
	CHECK_STR(u(1.5, "", 0), "1.500");
	CHECK_STR(u(99.87, "%", 0), "99.87 %");
	CHECK_STR(u(250000, "%", 0), "250000 %");   /* never scaled */
	char b[32];
	CHECK_STR(fmt_count(b, sizeof b, 67108864), "67.11 M");
}

/* Figures a parser reads back as they are: exact, no space, the suffixes it takes. */
static void test_exact(void)
{
	char b[32];
	double d;
	CHECK_STR(fmt_size_exact(b, sizeof b, 64.0 * 1048576), "64MiB");
	CHECK_STR(fmt_size_exact(b, sizeof b, 4096), "4KiB");
	CHECK_STR(fmt_size_exact(b, sizeof b, 1099511627776.0), "1TiB");
	CHECK_STR(fmt_size_exact(b, sizeof b, 6144), "6KiB");
	CHECK_STR(fmt_size_exact(b, sizeof b, 4097), "4097");
	CHECK_STR(fmt_count_exact(b, sizeof b, 2e9), "2G");
	CHECK_STR(fmt_count_exact(b, sizeof b, 1e4), "10k");
	CHECK_STR(fmt_count_exact(b, sizeof b, 1000), "1000");
	CHECK_STR(fmt_count_exact(b, sizeof b, 1e15), "1000T");   /* parse_count has no P */
	CHECK_STR(fmt_count_exact(b, sizeof b, 1073741824), "1073741824");   /* never "1.074 G" */
	CHECK_INT(parse_count("2G", &d), 0);
	CHECK_NEAR(d, 2e9, 0);
	CHECK_INT(parse_count("10k", &d), 0);
	CHECK_NEAR(d, 1e4, 0);
	CHECK_INT(parse_count("1.5K", &d), 0);
	CHECK_NEAR(d, 1500, 0);
	CHECK_INT(parse_count("1000T", &d), 0);
	CHECK_NEAR(d, 1e15, 0);
	CHECK_INT(parse_count("-3", &d), 0);   /* a plain number as parse_double reads it */
	CHECK_INT(parse_count("2 G", &d), -1);
	CHECK_INT(parse_count("2Gi", &d), -1);
	CHECK_INT(parse_size("64MiB", &d), 0);
	CHECK_NEAR(d, 64.0 * 1048576, 0);
}

static void test_pm_and_range(void)
{
	char b[64];
	CHECK_STR(fmt_unit_pm(b, sizeof b, 0.2042, 0.0007157, "s"), "204.2 \xC2\xB1 0.7 ms");
	CHECK_STR(fmt_unit_pm(b, sizeof b, 0.004198, 0.000012, "s"), "4.198 \xC2\xB1 0.012 ms");
	/* A spread that would round to 0 keeps two significant digits. */
	CHECK_STR(fmt_unit_pm(b, sizeof b, 1.2345, 0.00001234, "s"), "1.234 \xC2\xB1 0.000012 s");
	CHECK_STR(fmt_unit_pm(b, sizeof b, 5, NAN, "s"), "5.000 s");
	CHECK_STR(fmt_unit_range(b, sizeof b, 0.004101, 0.01239, "s"), "4.101 \xE2\x80\xA6 12.39 ms");
	CHECK_STR(fmt_unit_range(b, sizeof b, 3, 12, "reads"), "3 \xE2\x80\xA6 12 reads");
	CHECK_STR(fmt_unit_range(b, sizeof b, NAN, 1, "s"), "-");
	CHECK_INT(fmt_width("4.1 \xC2\xB1 0.2 ms"), 12);
	/* Two figures in the larger's scale, each to its own digits; plain numbers unscaled. */
	struct fmt_scale sc;
	fmt_scale_pick(&sc, 12900, "Mops/s");
	CHECK_STR(sc.unit, "Gops/s");
	CHECK_STR(fmt_scaled_own(b, sizeof b, 12860, &sc, 0), "12.86");
	CHECK_STR(fmt_scaled_own(b, sizeof b, 410.1, &sc, 0), "0.410");
	const struct fmt_scale plain = { 1, "", 0 };
	CHECK_STR(fmt_scaled_own(b, sizeof b, 12000, &plain, 0), "12000");
	CHECK_STR(fmt_scaled_own(b, sizeof b, 0.013, &plain, 0), "0.0130");
	CHECK_STR(fmt_scaled_own(b, sizeof b, 7, &plain, 0), "7");
	CHECK_STR(fmt_scaled_own(b, sizeof b, 10, &sc, FMT_TRIM), "0.01");
	CHECK_INT(fmt_width("\xE6\xB5\x8B\xE6\xB5\x8B/x"), 6);   /* wide characters take two columns */
	CHECK_STR(fmt_unit_range(b, sizeof b, 0.5, 0.5, "s"), "500.0 \xE2\x80\xA6 500.0 ms");
}

/* Past every step: the unit given, with an exponent; never 47 digits or 0.000000000. */
static void test_extremes(void)
{
	char b[64];
	CHECK_STR(u(2e300, "s", 0), "2e+300 s");
	CHECK_STR(u(2e-300, "s", 0), "2e-300 s");
	CHECK_STR(u(2.5e-300, "ms", FMT_TRIM), "2.5e-300 ms");
	CHECK_STR(u(-1.23456e20, "B", 0), "-109651 PiB");
	CHECK_STR(u(-1.23456e30, "B", 0), "-1.235e+30 B");
	CHECK_STR(u(3e12, "%", 0), "3e+12 %");
	CHECK_STR(u(1.5e-12, "s", 0), "0.00150 ns");   /* a step still brings it into range */
	CHECK_STR(u(5e8, "s", 0), "500000000 s");
	CHECK_STR(fmt_unit_pm(b, sizeof b, 2e300, 1e300, "s"), "2e+300 \xC2\xB1 1e+300 s");
	CHECK_STR(fmt_unit_pm(b, sizeof b, 2e-300, 1e-300, "s"), "2e-300 \xC2\xB1 1e-300 s");
	CHECK_STR(fmt_unit_pm(b, sizeof b, 1, 1e-12, "s"), "1.000 \xC2\xB1 1e-12 s");
	CHECK_STR(fmt_unit_range(b, sizeof b, 1e300, 3e300, "s"), "1e+300 \xE2\x80\xA6 3e+300 s");
	CHECK_STR(fmt_unit_range(b, sizeof b, 1e-300, 3e-300, "s"), "1e-300 \xE2\x80\xA6 3e-300 s");
	CHECK_STR(fmt_unit_range(b, sizeof b, 1.7976931348623157e308, 1.7976931348623157e308, "s"),
	          "1.798e+308 \xE2\x80\xA6 1.798e+308 s");
}

int main(void)
{
	setlocale(LC_ALL, "");   /* a comma locale must not leak into the figures */
	test_durations();
	test_sizes();
	test_rates();
	test_counts();
	test_exact();
	test_pm_and_range();
	test_extremes();
	return check_result();
}
