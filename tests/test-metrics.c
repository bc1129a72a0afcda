/* The metrics: escaping and number formats, content negotiation, the writer's grouping in
 * both formats, Pushgateway grouping keys, --listen parsing, the collector on frames, the
 * family table against the naming rules and the man page; then the snapshot hand-off and
 * the HTTP server under threads that scrape while the main thread publishes (TSan in CI). */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"
#include "metrics-collect.h"
#include "metrics-http.h"
#include "metrics-publish.h"
#include "metrics-push.h"
#include "metrics-set.h"
#include "metrics-text.h"

static const struct metric_family fams[] = {
	{ "t_seconds", METRIC_COUNTER, "seconds", "Help with \\ and \"quotes\"\nand a newline.", { "cpu", "mode" } },
	{ "t_bytes", METRIC_GAUGE, "bytes", "Plain.", { NULL } },
	{ "t_info", METRIC_GAUGE, "", "Labels.", { "v" } },
};

static char *render(const struct metric_set *s, enum metrics_format fmt)
{
	struct mtext t = { 0 };
	CHECK_INT(metrics_text_write(&t, s, fmt), 0);
	return t.p ? t.p : calloc(1, 1);
}

static void escaping_and_values(void)
{
	struct mtext t = { 0 };
	metrics_escape_label(&t, "a\\b\"c\nd");
	CHECK_STR(t.p, "a\\\\b\\\"c\\nd");
	mtext_free(&t);
	metrics_escape_help(&t, "a\\b\"c\nd", METRICS_TEXT_004);
	CHECK_STR(t.p, "a\\\\b\"c\\nd");
	mtext_free(&t);
	metrics_escape_help(&t, "a\\b\"c\nd", METRICS_OPENMETRICS);
	CHECK_STR(t.p, "a\\\\b\\\"c\\nd");
	mtext_free(&t);
	char b[64];
	metrics_format_value(b, sizeof b, 0.1);
	CHECK_STR(b, "0.1");
	metrics_format_value(b, sizeof b, 3);
	CHECK_STR(b, "3");
	metrics_format_value(b, sizeof b, -2.5e-7);
	CHECK(strtod(b, NULL) == -2.5e-7);
	metrics_format_value(b, sizeof b, 1.0 / 3);
	CHECK(strtod(b, NULL) == 1.0 / 3);
	metrics_format_value(b, sizeof b, INFINITY);
	CHECK_STR(b, "+Inf");
	metrics_format_value(b, sizeof b, -INFINITY);
	CHECK_STR(b, "-Inf");
	metrics_format_value(b, sizeof b, NAN);
	CHECK_STR(b, "NaN");
}

static void negotiation(void)
{
	/* What Prometheus 2.42 sends. */
	CHECK_INT(metrics_negotiate("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
	                            "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"),
	          METRICS_OPENMETRICS);
	CHECK_INT(metrics_negotiate("text/plain;version=0.0.4"), METRICS_TEXT_004);
	CHECK_INT(metrics_negotiate(NULL), METRICS_TEXT_004);
	CHECK_INT(metrics_negotiate("*/*"), METRICS_TEXT_004);
	CHECK_INT(metrics_negotiate("application/openmetrics-text; q=0"), METRICS_TEXT_004);
	CHECK_INT(metrics_negotiate("Application/OpenMetrics-Text"), METRICS_OPENMETRICS);
	CHECK_INT(metrics_accepts_gzip("gzip, deflate"), 1);
	CHECK_INT(metrics_accepts_gzip("deflate, gzip;q=0"), 0);
	CHECK_INT(metrics_accepts_gzip("identity"), 0);
	CHECK_INT(metrics_accepts_gzip(NULL), 0);
}

static void writer_groups_families(void)
{
	struct metric_set *s = metric_set_new(fams, 3);
	metric_set_add(s, 0, 1.5, (const char *const[]){ "0", "idle" });
	metric_set_add(s, 2, 1, (const char *const[]){ "x\"y" });
	metric_set_add(s, 0, 2, (const char *const[]){ "1", "idle" });
	metric_set_add(s, 1, NAN, NULL);   /* no figure, no series, no family */
	char *t = render(s, METRICS_TEXT_004);
	CHECK_STR(t, "# HELP t_seconds_total Help with \\\\ and \"quotes\"\\nand a newline.\n"
	             "# TYPE t_seconds_total counter\n"
	             "t_seconds_total{cpu=\"0\",mode=\"idle\"} 1.5\n"
	             "t_seconds_total{cpu=\"1\",mode=\"idle\"} 2\n"
	             "# HELP t_info Labels.\n# TYPE t_info gauge\nt_info{v=\"x\\\"y\"} 1\n");
	free(t);
	metric_set_add(s, 1, 1024, NULL);
	t = render(s, METRICS_OPENMETRICS);
	CHECK_STR(t, "# HELP t_seconds Help with \\\\ and \\\"quotes\\\"\\nand a newline.\n"
	             "# TYPE t_seconds counter\n# UNIT t_seconds seconds\n"
	             "t_seconds_total{cpu=\"0\",mode=\"idle\"} 1.5\n"
	             "t_seconds_total{cpu=\"1\",mode=\"idle\"} 2\n"
	             "# HELP t_bytes Plain.\n# TYPE t_bytes gauge\n# UNIT t_bytes bytes\nt_bytes 1024\n"
	             "# HELP t_info Labels.\n# TYPE t_info gauge\nt_info{v=\"x\\\"y\"} 1\n# EOF\n");
	free(t);
	metric_set_unref(s);
}

static void grouping_keys(void)
{
	struct mtext u = { 0 };
	metrics_push_key(&u, "suite", "quick");
	metrics_push_key(&u, "suite", "a/b");
	metrics_push_key(&u, "instance", "");
	metrics_push_key(&u, "suite", "my suite");
	CHECK_STR(u.p, "/suite/quick/suite@base64/YS9i/instance@base64/=/suite@base64/bXkgc3VpdGU");
	mtext_free(&u);
	char why[256];
	CHECK_INT(metrics_push_check_url("http://127.0.0.1:9091", why, sizeof why), 0);
	CHECK_INT(metrics_push_check_url("https://gw.example/x", why, sizeof why), 0);
	CHECK_INT(metrics_push_check_url("ftp://x", why, sizeof why), -1);
	CHECK_INT(metrics_push_check_url("http://", why, sizeof why), -1);
	/* A refused URL is quoted with its password masked, as the push lines show it. */
	CHECK_INT(metrics_push_check_url("http://user:secret@host:bad/", why, sizeof why), -1);
	CHECK(strstr(why, "'http://user:***@host:bad/'") && !strstr(why, "secret"));
	CHECK_INT(metrics_push_check_url("http://u:p#ss@gw/", why, sizeof why), -1);
	CHECK(strstr(why, "'http://u:***@gw/'") && !strstr(why, "p#ss"));
	/* a '/' in the password ends the authority as a URL parser reads it: still masked */
	CHECK_INT(metrics_push_check_url("http://u:pa/ss@gw:9091/", why, sizeof why), -1);
	CHECK(strstr(why, "'http://u:***@gw:9091/'") && !strstr(why, "pa/ss"));
	char shown[128];
	metrics_push_url_shown("http://gw:9091/metrics/job/benchtop/instance@base64/YQ", shown, sizeof shown);
	CHECK_STR(shown, "http://gw:9091/metrics/job/benchtop/instance@base64/YQ");
	metrics_push_url_shown("http://gw/metrics/job/benchtop/instance@base64/YQ", shown, sizeof shown);
	CHECK_STR(shown, "http://gw/metrics/job/benchtop/instance@base64/YQ");
}

static void listen_addresses(void)
{
	struct metrics_listen l;
	char why[256];
	CHECK_INT(metrics_listen_parse("9464", &l, why, sizeof why), 0);
	CHECK_STR(l.host, "127.0.0.1");
	CHECK_INT(l.loopback, 1);
	CHECK_INT(ntohs(((struct sockaddr_in *)&l.addr)->sin_port), 9464);
	CHECK_INT(metrics_listen_parse(":9464", &l, why, sizeof why), 0);
	CHECK_STR(l.host, "0.0.0.0");
	CHECK_INT(l.loopback, 0);
	CHECK_INT(metrics_listen_parse("127.0.0.2:0", &l, why, sizeof why), 0);
	CHECK_INT(l.loopback, 1);
	CHECK_INT(metrics_listen_parse("[::1]:0", &l, why, sizeof why), 0);
	CHECK_INT(l.loopback, 1);
	CHECK_INT(metrics_listen_parse("99999", &l, why, sizeof why), -1);
	CHECK_INT(metrics_listen_parse("-1", &l, why, sizeof why), -1);
	CHECK_INT(metrics_listen_parse("127.0.0.1:", &l, why, sizeof why), -1);
	CHECK_INT(metrics_listen_parse("nohost.invalid:1", &l, why, sizeof why), -1);
}

static int has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = text; (p = strstr(p, line)); p++)
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return 1;
	return 0;
}

static void collector(void)
{
	static struct frame f;
	struct metrics_collect c;
	metrics_collect_init(&c);
	frame_clear(&f);
	f.seq = 1;
	f.mono = 100;
	f.t = 1e9;
	f.cpu.ncores = 2;
	f.cpu.core[0] = 25;
	f.cpu.core[1] = 100;
	f.ndisks = 1;
	snprintf(f.disks[0].name, sizeof f.disks[0].name, "sda");
	f.disks[0].read_bps = 1000;
	f.nstress = 1;
	f.stress[0] = (struct frame_stress){ .name = "cpu", .unit = "%", .workers = 1, .on = 1, .target = 40,
	                                     .achieved = 39 };
	metrics_collect_frame(&c, &f);
	f.seq = 2;
	f.mono = 102;   /* two seconds later */
	metrics_collect_frame(&c, &f);
	metrics_collect_frame(&c, &f);   /* the same frame again adds nothing */
	struct stats st = { .n = 3, .median = 2, .mean = 2.5, .stdev = 0.5, .ci95_lo = 1, .ci95_hi = NAN };
	struct metrics_test tests[] = {
		{ .suite = "quick", .test = "sleep", .variant = "ms=5", .unit = "s", .status = "pass", .finished = 1,
		  .stats = &st },
		{ .suite = "quick", .test = "spin", .variant = "", .unit = "s", .status = "warmup", .running = 1,
		  .iteration = 2, .planned = 6 },
	};
	struct metrics_input in = { .version = "9.9", .frame = &f, .now = 1e9 + 0.25, .frames = 2, .interval = 1,
	                            .tests = tests, .ntests = 2, .run = { NAN, NAN, NAN } };
	struct metric_set *s = metrics_collect_live(&c, &in);
	CHECK(s != NULL);
	char *t = render(s, METRICS_TEXT_004);
	CHECK(has_line(t, "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 1.5"));
	CHECK(has_line(t, "node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"} 0"));
	CHECK(has_line(t, "node_disk_read_bytes_total{device=\"sda\"} 2000"));
	CHECK(has_line(t, "benchtop_build_info{version=\"9.9\"} 1"));
	CHECK(has_line(t, "benchtop_stress_target_load_ratio{stressor=\"cpu\"} 0.4"));
	CHECK(has_line(t, "benchtop_stress_achieved_load_ratio{stressor=\"cpu\"} 0.39"));
	CHECK(has_line(t, "benchtop_sampler_last_sample_age_seconds 0.25"));
	CHECK(has_line(t, "benchtop_test_median{suite=\"quick\",test=\"sleep\",variant=\"ms=5\",unit=\"s\"} 2"));
	CHECK(has_line(t, "benchtop_test_ci95_low{suite=\"quick\",test=\"sleep\",variant=\"ms=5\",unit=\"s\"} 1"));
	CHECK(!strstr(t, "benchtop_test_ci95_high{"));   /* NAN: no series */
	CHECK(has_line(t, "benchtop_test_status{suite=\"quick\",test=\"sleep\",variant=\"ms=5\",status=\"pass\"} 1"));
	CHECK(has_line(t, "benchtop_test_iteration{suite=\"quick\",test=\"spin\",variant=\"\"} 2"));
	CHECK(has_line(t, "benchtop_test_iterations_planned{suite=\"quick\",test=\"spin\",variant=\"\"} 6"));
	CHECK(!strstr(t, "benchtop_run_"));   /* no run yet */
	CHECK(!strstr(t, "node_memory_MemTotal_bytes "));   /* NAN in the frame */
	free(t);
	metric_set_unref(s);
	/* The summary: no host figures, no running tests, the run's exit status. */
	in.run = (struct metrics_run){ 1e9, 12.5, 1 };
	s = metrics_collect_summary(&in, "quick");
	t = render(s, METRICS_TEXT_004);
	CHECK(!strstr(t, "node_"));
	CHECK(!strstr(t, "benchtop_test_running"));
	CHECK(has_line(t, "benchtop_run_exit_status 1"));
	CHECK(has_line(t, "benchtop_run_duration_seconds 12.5"));
	CHECK(has_line(t, "benchtop_run_start_time_seconds 1000000000"));
	free(t);
	metric_set_unref(s);
	s = metrics_collect_summary(&in, "other");
	t = render(s, METRICS_TEXT_004);
	CHECK(!strstr(t, "benchtop_test_"));
	free(t);
	metric_set_unref(s);
}

/* With a proc root, node_cpu_seconds_total is node_exporter's: every mode of every CPU from
 * /proc/stat, in seconds since boot (the fixture: cpu0 100 0 50 800 50 ..., cpu3 idle only). */
static void cpu_modes(void)
{
	static struct frame f;
	static struct metrics_collect c;
	metrics_collect_init(&c);
	c.proc_root = BENCHTOP_SRCDIR "/tests/fixtures/proc";
	frame_clear(&f);
	f.seq = 1;
	f.cpu.ncores = 2;
	f.cpu.core[0] = 50;
	metrics_collect_frame(&c, &f);
	struct metrics_input in = { .version = "9.9", .frame = &f, .now = 1, .frames = 1, .interval = 1,
	                            .run = { NAN, NAN, NAN } };
	struct metric_set *s = metrics_collect_live(&c, &in);
	CHECK(s != NULL);
	char *t = render(s, METRICS_TEXT_004), want[160];
	double tick = 1.0 / (double)sysconf(_SC_CLK_TCK);
	const char *modes[] = { "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal" };
	const double cpu0[] = { 100, 0, 50, 800, 50, 0, 0, 0 };
	for (int m = 0; m < 8; m++) {
		char num[32];
		snprintf(num, sizeof num, "%.17g", cpu0[m] * tick);
		/* the writer prints the shortest form that reads back: compare the values, not the text */
		snprintf(want, sizeof want, "node_cpu_seconds_total{cpu=\"0\",mode=\"%s\"} ", modes[m]);
		const char *at = t ? strstr(t, want) : NULL;
		CHECK(at != NULL);
		if (at)
			CHECK_NEAR(strtod(at + strlen(want), NULL), cpu0[m] * tick, 1e-9);
	}
	CHECK(t && strstr(t, "node_cpu_seconds_total{cpu=\"3\",mode=\"idle\"} "));   /* cpu2 is offline */
	CHECK(t && !strstr(t, "node_cpu_seconds_total{cpu=\"2\","));
	CHECK(t && !strstr(t, "mode=\"guest\""));
	free(t);
	metric_set_unref(s);
}

/* Every family follows the naming rules, and the man page lists it. */
static void family_table(void)
{
	char path[4096], *man = NULL;
	snprintf(path, sizeof path, "%s/man/benchtop.1", BENCHTOP_SRCDIR);
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	if (f) {
		man = calloc(1, 1 << 20);
		size_t n = man ? fread(man, 1, (1 << 20) - 1, f) : 0;
		(void)n;
		fclose(f);
	}
	for (size_t i = 0; i < metrics_nfamilies; i++) {
		const struct metric_family *m = &metrics_families[i];
		size_t nl = strlen(m->name), ul = strlen(m->unit);
		CHECK(m->name && m->help && m->help[0]);
		CHECK(nl < 6 || strcmp(m->name + nl - 6, "_total") != 0);
		if (ul && !(nl > ul && strcmp(m->name + nl - ul, m->unit) == 0 && m->name[nl - ul - 1] == '_'))
			fprintf(stderr, "family %s: unit %s is not its last word\n", m->name, m->unit), check_failures++;
		if (man) {
			char want[160];
			/* groff escapes '_' nowhere, but a name may be split by \f font changes: look for the whole name. */
			snprintf(want, sizeof want, "%s%s", m->name, m->type == METRIC_COUNTER ? "_total" : "");
			if (!strstr(man, want))
				fprintf(stderr, "man/benchtop.1 does not list %s\n", want), check_failures++;
		}
		for (size_t k = 0; k < i; k++)
			CHECK(strcmp(metrics_families[k].name, m->name) != 0);
	}
	free(man);
}

/* ---- threads: the main thread publishes while scrapers read ---- */

static struct metrics_publish pub;
static atomic_int stop_readers;

static struct metric_set *numbered_set(int i)
{
	struct metric_set *s = metric_set_new(fams, 3);
	char v[32];
	snprintf(v, sizeof v, "%d", i);
	for (int k = 0; k < 50; k++)
		metric_set_add(s, 2, i, (const char *const[]){ v });
	metric_set_add(s, 1, i, NULL);
	return s;
}

static void *reader(void *arg)
{
	long bad = 0;
	while (!atomic_load(&stop_readers)) {
		struct metric_set *s = metrics_publish_get(&pub);
		if (!s)
			continue;
		char *t = render(s, METRICS_OPENMETRICS);
		/* A consistent snapshot: every line carries the same number. */
		const char *p = strstr(t, "\nt_bytes ");
		double first = p ? strtod(p + 9, NULL) : -1;
		for (const char *q = t; (q = strstr(q, "t_info{v=\"")); q++)
			if (strtod(q + 10, NULL) != first)
				bad++;
		free(t);
		metric_set_unref(s);
	}
	return (void *)bad;
}

static void publish_under_readers(void)
{
	metrics_publish_init(&pub);
	pthread_t r[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&r[i], NULL, reader, NULL);
	for (int i = 0; i < 3000; i++)
		metrics_publish_set(&pub, numbered_set(i));
	atomic_store(&stop_readers, 1);
	for (int i = 0; i < 4; i++) {
		void *bad;
		pthread_join(r[i], &bad);
		CHECK_INT((long)bad, 0);
	}
	metrics_publish_free(&pub);
}

/* One HTTP/1.0 request on a fresh connection; the whole answer in buf. */
static size_t http(unsigned port, const char *request, char *buf, size_t len)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	size_t got = 0;
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    write(fd, request, strlen(request)) == (ssize_t)strlen(request)) {
		ssize_t n;
		while (got + 1 < len && (n = read(fd, buf + got, len - got - 1)) > 0)
			got += (size_t)n;
	}
	buf[got] = '\0';
	if (fd >= 0)
		close(fd);
	return got;
}

static unsigned server_port;

static void *scraper(void *arg)
{
	long bad = 0;
	char *buf = malloc(1 << 16);
	(void)arg;
	for (int i = 0; buf && i < 100; i++) {
		http(server_port, "GET /metrics HTTP/1.0\r\nAccept: application/openmetrics-text\r\n\r\n", buf, 1 << 16);
		if (!strstr(buf, " 200 ") || !strstr(buf, "\n# EOF\n")) {
			if (!bad)
				fprintf(stderr, "scrape %d: %.300s\n", i, buf);
			bad++;
		}
	}
	free(buf);
	return (void *)bad;
}

static void server_under_publishing(void)
{
	struct metrics_listen l;
	struct metrics_http *h;
	char why[256];
	static char buf[1 << 16];
	metrics_publish_init(&pub);
	CHECK_INT(metrics_listen_parse("0", &l, why, sizeof why), 0);
	CHECK_INT(metrics_http_start(&h, &l, NULL, &pub, why, sizeof why), 0);
	server_port = metrics_http_port(h);
	CHECK(server_port > 0);
	http(server_port, "GET /metrics HTTP/1.0\r\n\r\n", buf, sizeof buf);
	CHECK(strstr(buf, " 503 ") != NULL);   /* nothing published yet */
	metrics_publish_set(&pub, numbered_set(0));
	http(server_port, "GET /metrics HTTP/1.0\r\n\r\n", buf, sizeof buf);
	CHECK(strstr(buf, " 200 ") && strstr(buf, "text/plain; version=0.0.4") && !strstr(buf, "# EOF"));
	http(server_port, "GET /other HTTP/1.0\r\n\r\n", buf, sizeof buf);
	CHECK(strstr(buf, " 404 ") && strstr(buf, "/metrics\n"));
	http(server_port, "POST /metrics HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc", buf, sizeof buf);
	CHECK(strstr(buf, " 405 ") && strstr(buf, "Allow: GET, HEAD"));
	pthread_t s[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&s[i], NULL, scraper, NULL);
	for (int i = 1; i < 2000; i++)
		metrics_publish_set(&pub, numbered_set(i));
	for (int i = 0; i < 3; i++) {
		void *bad;
		pthread_join(s[i], &bad);
		CHECK_INT((long)bad, 0);
	}
	metrics_http_stop(h);
	metrics_publish_free(&pub);

	/* With a token: 401 without it, 200 with it. */
	metrics_publish_init(&pub);
	metrics_publish_set(&pub, numbered_set(1));
	CHECK_INT(metrics_http_start(&h, &l, "s3cret", &pub, why, sizeof why), 0);
	server_port = metrics_http_port(h);
	http(server_port, "GET /metrics HTTP/1.0\r\n\r\n", buf, sizeof buf);
	CHECK(strstr(buf, " 401 ") != NULL);
	http(server_port, "GET /metrics HTTP/1.0\r\nAuthorization: Bearer s3cre\r\n\r\n", buf, sizeof buf);
	CHECK(strstr(buf, " 401 ") != NULL);
	http(server_port, "GET /metrics HTTP/1.0\r\nAuthorization: Bearer s3cret\r\n\r\n", buf, sizeof buf);
	CHECK(strstr(buf, " 200 ") != NULL);
	/* The same port again while it is taken: the system's reason. */
	char spec[32];
	struct metrics_http *h2;
	snprintf(spec, sizeof spec, "%u", server_port);
	CHECK_INT(metrics_listen_parse(spec, &l, why, sizeof why), 0);
	CHECK_INT(metrics_http_start(&h2, &l, NULL, &pub, why, sizeof why), -1);
	CHECK(strstr(why, "in use") != NULL);
	metrics_http_stop(h);
	metrics_publish_free(&pub);
}

int main(void)
{
	escaping_and_values();
	negotiation();
	writer_groups_families();
	grouping_keys();
	listen_addresses();
	collector();
	cpu_modes();
	family_table();
	publish_under_readers();
	server_under_publishing();
	return check_result();
}
