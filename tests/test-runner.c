/* The runner: warmups, iterations, states and their order, errors and timeouts that leave
 * the other tests running, kernels through their class, stopping, and a full queue. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "check.h"
#include "runner.h"
#include "util.h"

#define MAX_TESTS 32
#define MAX_STATES 8

struct seen {
	int warmups, measured;
	int states[MAX_STATES], nstates;
	char text[256];
	double last_value, last_wall, last_maxrss;
	int order_ok;             /* iterations numbered 1, 2, ... in each phase */
};

static struct seen seen[MAX_TESTS];

static void apply(const struct run_event *ev)
{
	if (ev->test < 0 || ev->test >= MAX_TESTS)
		return;
	struct seen *s = &seen[ev->test];
	if (ev->type == EV_TEST_STATE) {
		if (s->nstates < MAX_STATES)
			s->states[s->nstates++] = ev->status;
		str_copy(s->text, ev->text, sizeof s->text);
	} else if (ev->type == EV_ITERATION) {
		int *n = ev->warmup ? &s->warmups : &s->measured;
		(*n)++;
		if (ev->iteration != *n)
			s->order_ok = 0;
		if (!ev->warmup) {
			s->last_value = ev->value;
			s->last_wall = ev->wall_s;
			s->last_maxrss = ev->maxrss;
		}
	}
}

static int last_state(int test)
{
	return seen[test].nstates ? seen[test].states[seen[test].nstates - 1] : -1;
}

static int all_started(size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!seen[i].nstates)
			return 0;
	return 1;
}

/* Runs specs[which] to the end, or stops once every test has started and stop_after seconds
 * have passed, collecting events. */
static void run(const struct test_spec *specs, const int *which, size_t n, int jobs, size_t qcap,
                double stop_after, unsigned long *dropped)
{
	memset(seen, 0, sizeof seen);
	for (int i = 0; i < MAX_TESTS; i++)
		seen[i].order_ok = 1;
	struct queue q;
	CHECK_INT(queue_init(&q, sizeof (struct run_event), qcap, 0), 0);
	struct runner_config cfg = { .specs = specs, .which = which, .nwhich = n, .jobs = jobs, .events = &q };
	struct runner *r;
	char why[256];
	CHECK_INT(runner_start(&r, &cfg, why, sizeof why), 0);
	double t0 = now_mono();
	struct run_event ev;
	while (!runner_done(r)) {
		while (queue_pop(&q, &ev))
			apply(&ev);
		if (stop_after > 0 && now_mono() - t0 > stop_after && all_started(n)) {
			runner_stop(r);
			CHECK(runner_done(r));
			break;
		}
		if (now_mono() - t0 > 60) {
			CHECK(!"the runner finishes within a minute");
			break;
		}
		usleep(qcap < 8 ? 20000 : 2000);
	}
	runner_stop(r);
	runner_stop(r);     /* twice is fine */
	while (queue_pop(&q, &ev))
		apply(&ev);
	*dropped = queue_dropped(&q);
	runner_free(r);
	queue_free(&q);
}

/* A kernel whose value is twice its `n` param; `mode` 1 fails, 2 hangs until stopped. */
static int setups, teardowns;

static const struct kernel_param twice_params[] = {
	{ .name = "n", .type = KPARAM_INT, .def = 21, .min = 1, .max = 100, .unit = "", .help = "half the value" },
	{ .name = "mode", .type = KPARAM_INT, .def = 0, .min = 0, .max = 2, .unit = "", .help = "0 ok, 1 fail, 2 hang" },
	{ .name = NULL },
};

static int twice_setup(struct kernel_ctx *k)
{
	k->priv = malloc(16);
	setups++;
	return k->priv ? 0 : -1;
}

static int twice_iterate(struct kernel_ctx *k, double *value)
{
	if (k->param[1] == 1) {
		snprintf(k->why, sizeof k->why, "the test kernel was told to fail");
		return -1;
	}
	if (k->param[1] == 2) {
		while (!atomic_load(k->stop))
			usleep(1000);
		snprintf(k->why, sizeof k->why, "stopped");
		return -1;
	}
	*value = 2 * k->param[0];
	return 0;
}

static void twice_teardown(struct kernel_ctx *k)
{
	free(k->priv);
	teardowns++;
}

static const struct kernel_class twice_kernel = {
	.name = "test.twice", .help = "twice a number", .metric = "value", .unit = "units",
	.higher_is_better = 1, .params = twice_params,
	.setup = twice_setup, .iterate = twice_iterate, .teardown = twice_teardown,
};

static void kernel_spec(struct test_spec *t, const char *name, double n, double mode, double timeout)
{
	memset(t, 0, sizeof *t);
	str_copy(t->info.name, name, sizeof t->info.name);
	str_copy(t->info.kind, twice_kernel.name, sizeof t->info.kind);
	t->info.warmup = 1;
	t->info.iterations = 4;
	t->info.min_time = NAN;
	t->info.max_mean = t->info.min_throughput = NAN;   /* no thresholds, as a suite without them */
	t->info.timeout = timeout;
	t->cls = &twice_kernel;
	t->param[0] = n;
	t->param[1] = mode;
}

/* A new private directory /tmp/benchtop-NAME-??????; NULL when it cannot be made. */
static char *temp_dir(char *buf, size_t len, const char *name)
{
	int n = snprintf(buf, len, "/tmp/benchtop-%s-......", name);
	if (n < 6 || (size_t)n >= len)
		return NULL;
	memset(buf + n - 6, 'X', 6);   /* the letters mkdtemp replaces */
	return mkdtemp(buf);
}

static int count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	int n = 0, c;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

int main(void)
{
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	char dir[64], log[600], text[4096], why[1024];
	if (!temp_dir(dir, sizeof dir, "runner"))
		return 99;
	snprintf(log, sizeof log, "%s/log", dir);
	snprintf(text, sizeof text,
	         "{\"name\": \"runner\", \"defaults\": {\"warmup\": 2, \"iterations\": 3, \"timeout\": 20},\n"
	         " \"tests\": [\n"
	         "  {\"name\": \"true\", \"kind\": \"command\", \"argv\": [\"true\"]},\n"
	         "  {\"name\": \"sleep\", \"kind\": \"command\", \"argv\": [\"sleep\", \"0.01\"], \"warmup\": 1},\n"
	         "  {\"name\": \"shell\", \"kind\": \"shell\", \"run\": \"exit 0\", \"iterations\": 2,\n"
	         "   \"prepare\": \"echo p >> %s\", \"cleanup\": [\"sh\", \"-c\", \"echo c >> %s\"]},\n"
	         "  {\"name\": \"fail\", \"kind\": \"command\", \"argv\": [\"sh\", \"-c\", \"echo broken >&2; exit 3\"]},\n"
	         "  {\"name\": \"hang\", \"kind\": \"command\", \"argv\": [\"sleep\", \"10\"], \"warmup\": 0,\n"
	         "   \"timeout\": 0.3},\n"
	         "  {\"name\": \"missing\", \"kind\": \"command\", \"argv\": [\"benchtop-no-such-program\"]},\n"
	         "  {\"name\": \"badprep\", \"kind\": \"shell\", \"run\": \"true\", \"prepare\": \"exit 1\"},\n"
	         "  {\"name\": \"mintime\", \"kind\": \"shell\", \"run\": \"true\", \"warmup\": 0, \"iterations\": 0,\n"
	         "   \"min_time\": 0.2}\n"
	         " ]}", log, log);
	struct suite s;
	if (suite_load_text(text, strlen(text), "runner.json", &s, why, sizeof why) < 0) {
		fprintf(stderr, "%s\n", why);
		return 1;
	}
	CHECK_INT(s.ntests, 8);

	struct test_spec specs[MAX_TESTS];
	size_t n = 0;
	for (size_t i = 0; i < s.ntests; i++)
		specs[n++] = s.tests[i];
	size_t k_ok = n, k_fail = n + 1, k_hang = n + 2;
	kernel_spec(&specs[n++], "k-ok", 21, 0, 20);
	kernel_spec(&specs[n++], "k-fail", 21, 1, 20);
	kernel_spec(&specs[n++], "k-hang", 21, 2, 0.2);
	int which[MAX_TESTS];
	for (size_t i = 0; i < n; i++)
		which[i] = (int)i;

	unsigned long dropped;
	double t0 = now_mono();
	run(specs, which, n, 1, 256, 0, &dropped);
	CHECK(now_mono() - t0 < 30);
	CHECK_INT(dropped, 0);

	/* true: two warmups, three measured, states warmup -> running -> pass. */
	CHECK_INT(seen[0].warmups, 2);
	CHECK_INT(seen[0].measured, 3);
	CHECK(seen[0].order_ok);
	CHECK_INT(seen[0].nstates, 3);
	CHECK_INT(seen[0].states[0], TS_WARMUP);
	CHECK_INT(seen[0].states[1], TS_RUNNING);
	CHECK_INT(seen[0].states[2], TS_PASS);
	CHECK(seen[0].last_value > 0 && seen[0].last_value == seen[0].last_wall);
	CHECK(seen[0].last_maxrss > 0);

	CHECK_INT(seen[1].warmups, 1);
	CHECK_INT(seen[1].measured, 3);
	CHECK(seen[1].last_value >= 0.01);
	CHECK_INT(seen[1].states[2], TS_PASS);

	/* prepare and cleanup around every iteration, warmups included. */
	CHECK_INT(seen[2].measured, 2);
	CHECK_INT(seen[2].states[2], TS_PASS);
	CHECK_INT(count_lines(log), 2 * (2 + 2));

	CHECK_INT(seen[3].measured, 0);
	CHECK_INT(seen[3].nstates, 2);
	CHECK_INT(seen[3].states[0], TS_WARMUP);
	CHECK_INT(seen[3].states[1], TS_ERROR);
	CHECK_STR(seen[3].text, "exit status 3: broken");

	/* No warmups: straight to running; the timeout skips the rest of the test. */
	CHECK_INT(seen[4].nstates, 2);
	CHECK_INT(seen[4].states[0], TS_RUNNING);
	CHECK_INT(seen[4].states[1], TS_TIMEOUT);
	CHECK_STR(seen[4].text, "timed out after 0.3s");
	CHECK_INT(seen[4].measured, 0);

	CHECK_INT(last_state(5), TS_ERROR);
	CHECK_STR(seen[5].text, "could not start 'benchtop-no-such-program': No such file or directory");
	CHECK_INT(last_state(6), TS_ERROR);
	CHECK_STR(seen[6].text, "prepare: exit status 1");
	CHECK_INT(seen[6].warmups, 0);

	CHECK_INT(last_state(7), TS_PASS);
	CHECK(seen[7].measured >= 1);

	CHECK_INT(seen[k_ok].warmups, 1);
	CHECK_INT(seen[k_ok].measured, 4);
	CHECK_NEAR(seen[k_ok].last_value, 42, 0);
	CHECK(isnan(seen[k_ok].last_wall));
	CHECK_INT(last_state(k_ok), TS_PASS);
	CHECK_INT(last_state(k_fail), TS_ERROR);
	CHECK_STR(seen[k_fail].text, "the test kernel was told to fail");
	CHECK_INT(last_state(k_hang), TS_TIMEOUT);
	CHECK_STR(seen[k_hang].text, "timed out after 0.2s");
	CHECK_INT(setups, 3);
	CHECK_INT(teardowns, 3);

	/* Tests overlap with jobs; each still runs exactly once. */
	int some[] = { 0, 1, 2, 3, (int)k_ok };
	unlink(log);
	run(specs, some, 5, 3, 256, 0, &dropped);
	CHECK_INT(seen[0].measured, 3);
	CHECK_INT(seen[1].measured, 3);
	CHECK_INT(seen[2].measured, 2);
	CHECK_INT(last_state(3), TS_ERROR);
	CHECK_INT(seen[k_ok].measured, 4);
	CHECK_INT(count_lines(log), 8);

	/* A queue of 2 drained slowly: the worker waits for room, nothing is lost. */
	struct test_spec many = specs[0];
	many.info.warmup = 0;
	many.info.iterations = 30;
	int only[] = { 0 };
	run(&many, only, 1, 1, 2, 0, &dropped);
	CHECK_INT(seen[0].measured, 30);
	CHECK(seen[0].order_ok);
	CHECK_INT(dropped, 0);

	/* Stopping ends running commands at once and joins the workers. */
	struct test_spec longer[2] = { specs[4], specs[k_hang] };
	longer[0].info.timeout = 30;
	longer[1].info.timeout = 30;
	int both[] = { 0, 1 };
	t0 = now_mono();
	run(longer, both, 2, 2, 256, 0.3, &dropped);
	CHECK(now_mono() - t0 < 5);
	/* Cut short: stopped, not an error; what was measured stands. */
	CHECK_INT(last_state(0), TS_STOPPED);
	CHECK_STR(seen[0].text, "stopped after 0 of 3 iterations");
	CHECK_INT(last_state(1), TS_STOPPED);

	suite_free(&s);
	unlink(log);
	rmdir(dir);
	return check_result();
}
