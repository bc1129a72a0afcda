/* Unit tests of the stopping rule, the steady-state warmup, the order of rounds, the
 * disturbance judgement and the system checks (on a fake /proc and /sys tree). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adaptive.h"
#include "noise-guard.h"
#include "noise-sample.h"
#include "order.h"
#include "results.h"
#include "check.h"

static char root[256];

static void put(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	for (char *p = path + strlen(root) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

static struct test_info info(double precision, int min_it, int max_it, double max_time)
{
	struct test_info in;
	memset(&in, 0, sizeof in);
	in.iterations = 5;
	in.min_time = NAN;
	in.precision = precision;
	in.min_iterations = min_it;
	in.max_iterations = max_it;
	in.max_time = max_time;
	return in;
}

static void test_stopping_rule(void)
{
	char stop[64];
	double flat[20], noisy[20];
	for (int i = 0; i < 20; i++) {
		flat[i] = 1.0 + (i % 2 ? 0.001 : -0.001);
		noisy[i] = 1.0 + (i % 2 ? 0.5 : -0.5);
	}
	/* Half-width t(0.975, 3) * s / sqrt(4) over the mean. */
	CHECK_NEAR(adaptive_precision((double[]){ 1, 2, 3, 4 }, 4), 3.182446305284263 * 1.2909944487358056 / 2 / 2.5,
	           1e-9);
	struct test_info in = info(0.02, 0, 0, NAN);
	CHECK_INT(adaptive_should_stop(&in, flat, 4, 1, stop, sizeof stop), 0);   /* below min_iterations 5 */
	CHECK_INT(adaptive_should_stop(&in, flat, 5, 1, stop, sizeof stop), 1);
	CHECK_STR(stop, "precision");
	in = info(0.02, 0, 20, NAN);
	CHECK_INT(adaptive_should_stop(&in, noisy, 19, 1, stop, sizeof stop), 0);
	CHECK_INT(adaptive_should_stop(&in, noisy, 20, 1, stop, sizeof stop), 1);
	CHECK_STR(stop, "max_iterations");
	in = info(0.02, 0, 0, 2);
	CHECK_INT(adaptive_should_stop(&in, noisy, 7, 2.5, stop, sizeof stop), 1);
	CHECK_STR(stop, "max_time");
	/* Without a precision: iterations keep their meaning. */
	in = info(NAN, 0, 0, NAN);
	CHECK_INT(adaptive_should_stop(&in, NULL, 4, 1, stop, sizeof stop), 0);
	CHECK_INT(adaptive_should_stop(&in, NULL, 5, 1, stop, sizeof stop), 1);
	CHECK_STR(stop, "iterations");
	/* min_time that outlasts the iterations decides; one met along with them does not. */
	in = info(NAN, 0, 0, NAN);
	in.iterations = 3;
	in.min_time = 0.3;
	CHECK_INT(adaptive_should_stop(&in, NULL, 3, 0.1, stop, sizeof stop), 0);
	CHECK_INT(adaptive_should_stop(&in, NULL, 15, 0.31, stop, sizeof stop), 1);
	CHECK_STR(stop, "min_time");
	CHECK_INT(adaptive_should_stop(&in, NULL, 3, 0.5, stop, sizeof stop), 1);
	CHECK_STR(stop, "iterations");
	in.iterations = 0;
	CHECK_INT(adaptive_should_stop(&in, NULL, 1, 0.5, stop, sizeof stop), 1);
	CHECK_STR(stop, "min_time");
	/* A zeroed test_info (hand-made specs) has no precision and no max_time. */
	memset(&in, 0, sizeof in);
	in.iterations = 3;
	CHECK_INT(adaptive_should_stop(&in, NULL, 1, 10, stop, sizeof stop), 0);

	double v;
	CHECK_INT(adaptive_parse_precision("2%", &v), 0);
	CHECK_NEAR(v, 0.02, 1e-15);
	CHECK_INT(adaptive_parse_precision("0.5 %", &v), 0);
	CHECK_NEAR(v, 0.005, 1e-15);
	CHECK_INT(adaptive_parse_precision("0.01", &v), 0);
	CHECK_INT(adaptive_parse_precision("150%", &v), -1);
	CHECK_INT(adaptive_parse_precision("two", &v), -1);
	CHECK_INT(adaptive_parse_precision("0%", &v), -1);
}

static void test_steady(void)
{
	/* A cold start that falls, then settles. */
	double x[] = { 3.0, 2.0, 1.4, 1.1, 1.0, 1.01, 0.99, 1.0 };
	CHECK_INT(adaptive_steady(x, 3), 0);   /* fewer than the window */
	CHECK_INT(adaptive_steady(x, 4), 0);
	CHECK_INT(adaptive_steady(x, 5), 0);
	CHECK_INT(adaptive_steady(x, 8), 1);
	/* Noise around a flat line is steady even when it scatters widely. */
	double n[] = { 1.0, 1.3, 0.8, 1.2 };
	CHECK_INT(adaptive_steady(n, 4), 1);
	/* A steady climb is not. */
	double c[] = { 1.0, 1.1, 1.2, 1.3 };
	CHECK_INT(adaptive_steady(c, 4), 0);
}

static void test_order(void)
{
	struct order_item it[] = {
		{ "s", "a", ORDER_UNSET, 0, 0 }, { "s", "a", ORDER_UNSET, 0, 0 }, { "s", "a", ORDER_UNSET, 0, 0 },
		{ "s", "b", ORDER_UNSET, 0, 0 }, { "s", "b", ORDER_UNSET, 0, 1 }, { "t", "c", ORDER_INTERLEAVED, 1, 0 },
		{ "t", "d", ORDER_INTERLEAVED, 1, 0 },
	};
	size_t start[8];
	enum run_order go[8];
	/* Sequential: one group per test variant; the suite t asks for rounds over its tests. */
	CHECK_INT(order_groups(it, 7, ORDER_UNSET, start, go), 6);
	CHECK_INT(start[5], 5);
	CHECK_INT(go[5], ORDER_INTERLEAVED);
	/* Interleaved from the command line: the variants of a test together; a load runs alone. */
	CHECK_INT(order_groups(it, 7, ORDER_INTERLEAVED, start, go), 4);
	CHECK_INT(start[0], 0);
	CHECK_INT(start[1], 3);
	CHECK_INT(start[2], 4);
	CHECK_INT(start[3], 5);
	CHECK_INT(order_groups(it, 7, ORDER_SEQUENTIAL, start, go), 7);

	int p[6], q[6], seen[6] = { 0 };
	order_round(ORDER_INTERLEAVED, 1, 0, 3, p, 6);
	for (int i = 0; i < 6; i++)
		CHECK_INT(p[i], i);
	order_round(ORDER_SHUFFLED, 42, 0, 3, p, 6);
	order_round(ORDER_SHUFFLED, 42, 0, 3, q, 6);
	CHECK(memcmp(p, q, sizeof p) == 0);   /* the same seed, the same order */
	for (int i = 0; i < 6; i++)
		seen[p[i]]++;
	for (int i = 0; i < 6; i++)
		CHECK_INT(seen[i], 1);           /* a permutation */
	int differs = 0;
	for (int r = 1; r <= 10; r++) {
		order_round(ORDER_SHUFFLED, 42, 0, r, q, 6);
		differs += memcmp(p, q, sizeof p) != 0;
	}
	CHECK(differs >= 5);                 /* rounds differ */

	enum run_order o;
	CHECK_INT(order_parse("shuffled", &o), 0);
	CHECK_INT(o, ORDER_SHUFFLED);
	CHECK_INT(order_parse("random", &o), -1);
	unsigned long long s;
	CHECK_INT(order_parse_seed("9007199254740991", &s), 0);
	CHECK(s == 9007199254740991ULL);
	CHECK_INT(order_parse_seed("9007199254740992", &s), -1);
	CHECK_INT(order_parse_seed("18446744073709551615", &s), -1);
	CHECK_INT(order_parse_seed("-1", &s), -1);
}

static void test_judge(void)
{
	/* 100 ticks of the whole machine: 40 busy, of which benchtop had 0.1 s = 10 ticks. */
	struct noise_snap a = { .t = 0, .busy = 1000, .total = 5000, .steal = 0, .own = 1.0, .throttle = 3, .swap = 7 };
	struct noise_snap b = a;
	b.t = 0.5;
	b.busy += 40;
	b.total += 100;
	b.own += 0.1;
	CHECK_INT(noise_judge(&a, &b, 100), 1 << NOISE_CPU);    /* 30 % by others */
	b.busy = a.busy + 30;
	CHECK_INT(noise_judge(&a, &b, 100), 0);                 /* 20 %: below the 25 % line */
	b.steal = 5;
	b.throttle = 4;
	b.swap = 9;
	CHECK_INT(noise_judge(&a, &b, 100), (1 << NOISE_STEAL) | (1 << NOISE_THROTTLE) | (1 << NOISE_SWAP));
	b.busy = NAN;
	CHECK_INT(noise_judge(&a, &b, 100), -1);
}

static void test_guard(void)
{
	/* A quiet machine has nothing to say... */
	put("proc/stat", "cpu  100 0 100 10000 0 0 0 0 0 0\n");
	put("proc/loadavg", "0.00 0.01 0.05 1/100 1234\n");
	put("proc/meminfo", "MemTotal: 1000 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n");
	put("proc/vmstat", "pswpin 0\npswpout 0\n");
	put("proc/sys/kernel/randomize_va_space", "2\n");
	put("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance\n");
	char proc[300], sys[300];
	snprintf(proc, sizeof proc, "%s/proc", root);
	snprintf(sys, sizeof sys, "%s/sys", root);
	setenv("BENCHTOP_PROC_ROOT", proc, 1);
	setenv("BENCHTOP_SYSFS_ROOT", sys, 1);
	struct system_info si;
	memset(&si, 0, sizeof si);
	noise_guard_collect(&si);
	CHECK_INT(si.nfindings, 0);

	/* ... a noisy one a line for each thing, with its cost and fix. */
	put("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave\n");
	put("sys/devices/system/cpu/intel_pstate/no_turbo", "0\n");
	put("sys/devices/system/cpu/smt/active", "1\n");
	put("proc/sys/kernel/randomize_va_space", "0\n");
	put("proc/loadavg", "900.00 6.00 5.00 9/100 1234\n");
	put("proc/meminfo", "MemTotal: 1000 kB\nSwapTotal: 409600 kB\nSwapFree: 204800 kB\n");
	put("sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count", "12\n");
	put("proc/self/cgroup", "0::/bench.slice\n");
	put("sys/fs/cgroup/bench.slice/cpu.max", "50000 100000\n");
	put("sys/class/power_supply/AC/type", "Mains\n");
	put("sys/class/power_supply/AC/online", "0\n");
	memset(&si, 0, sizeof si);
	noise_guard_collect(&si);
	const char *want[] = { "governor", "boost", "smt", "aslr", "load", "swap", "throttle", "cgroup", "power" };
	CHECK_INT(si.nfindings, 9);
	for (int i = 0; i < si.nfindings && i < 9; i++) {
		CHECK_STR(si.findings[i].check, want[i]);
		CHECK(si.findings[i].cost[0] && si.findings[i].fix[0]);
	}
	CHECK(strstr(si.findings[0].found, "powersave") != NULL);
	CHECK(strstr(si.findings[0].fix, "cpupower frequency-set -g performance") != NULL);
	CHECK(strstr(si.findings[5].found, "200 MiB of swap in use") != NULL);
	CHECK(strstr(si.findings[7].found, "0.50 CPUs") != NULL);
	unsetenv("BENCHTOP_PROC_ROOT");
	unsetenv("BENCHTOP_SYSFS_ROOT");
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(root, sizeof root, "%s/benchtop-rigor-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	test_stopping_rule();
	test_steady();
	test_order();
	test_judge();
	test_guard();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
	return check_result();
}
