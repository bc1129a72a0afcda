#include "config.h"

#include <ctype.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cmdline-text.h"
#include "curl-lib.h"
#include "metrics-push.h"
#include "util.h"

/* The host and port of an authority (after any "user@"): a name or IPv4 address, or an IPv6
 * address in brackets, then an optional :PORT of 1 to 65535. 0, or -1 with why. */
static int check_hostport(const char *url, const char *p, size_t n, char *why, size_t whylen)
{
	size_t h = 0;
	if (n > 0 && p[0] == '[') {
		const char *close = memchr(p, ']', n);
		if (!close) {
			snprintf(why, whylen, "'%s': '[' without ']' around the IPv6 address", url);
			return -1;
		}
		h = (size_t)(close - p) + 1;
		size_t addr = strspn(p + 1, "0123456789abcdefABCDEF:."), zone = addr;   /* [fe80::1%25eth0] */
		if (addr + 1 < h - 1 && p[1 + addr] == '%')
			zone += 1 + strspn(p + 2 + addr, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-._~");
		if (addr == 0 || zone < h - 2) {
			snprintf(why, whylen, "'%s': '%.*s' is not an IPv6 address", url, (int)h, p);
			return -1;
		}
	} else {
		while (h < n && p[h] != ':')
			h++;
		if (h == 0) {
			snprintf(why, whylen, "'%s': expected http://HOST[:PORT][/PATH] with a host", url);
			return -1;
		}
		for (size_t i = 0; i < h; i++)
			if (!(isalnum((unsigned char)p[i]) || strchr("-._~%", p[i]))) {
				snprintf(why, whylen, "'%s': '%c' has no place in a host name%s", url, p[i],
				         p[i] == '[' || p[i] == ']' ? " (an IPv6 address goes in [ ])" : "");
				return -1;
			}
	}
	if (h == n)
		return 0;
	if (p[h] != ':') {
		snprintf(why, whylen, "'%s': expected ':PORT' or '/' after the host", url);
		return -1;
	}
	const char *port = p + h + 1;
	size_t pn = n - h - 1;
	long v = 0;
	for (size_t i = 0; i < pn && v <= 65535; i++) {
		if (!isdigit((unsigned char)port[i])) {
			v = -1;
			break;
		}
		v = v * 10 + (port[i] - '0');
	}
	if (pn == 0 || v < 1 || v > 65535) {
		snprintf(why, whylen, "'%s': the port must be a number from 1 to 65535, not '%.*s'", url, (int)pn, port);
		return -1;
	}
	return 0;
}

/* Checked whole before anything runs: a URL curl would refuse only fails after the run, and
 * then after 30 s of tries. */
int metrics_push_check_url(const char *url, char *why, size_t whylen)
{
	char shown[1024];   /* what the messages quote: a password never reaches the terminal */
	url_mask_password(url, shown, sizeof shown);
	const char *host = NULL;
	if (strncasecmp(url, "http://", 7) == 0)
		host = url + 7;
	else if (strncasecmp(url, "https://", 8) == 0)
		host = url + 8;
	if (!host) {
		snprintf(why, whylen, "'%s': expected an http:// or https:// URL of a Pushgateway", shown);
		return -1;
	}
	if (strpbrk(url, " \t\r\n?#")) {
		snprintf(why, whylen, "'%s': expected http://HOST[:PORT][/PATH] with no query", shown);
		return -1;
	}
	size_t n = strcspn(host, "/");
	const char *at = NULL;
	for (const char *q = host; q < host + n; q++)
		if (*q == '@')
			at = q;   /* user:password@host: the host is after the last '@' */
	const char *hp = at ? at + 1 : host;
	if (check_hostport(shown, hp, n - (size_t)(hp - host), why, whylen) < 0)
		return -1;
	if (strpbrk(host + n, "[]")) {
		snprintf(why, whylen, "'%s': '[' and ']' belong around an IPv6 address only", shown);
		return -1;
	}
	return 0;
}

/* Set by metrics_push_global_init (main thread, before other threads), read by the pushes. */
static const struct curl_lib *curl;

int metrics_push_global_init(char *why, size_t whylen)
{
	curl = curl_lib_get(why, whylen);
	if (!curl)
		return -1;
	if (curl->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(why, whylen, "cannot initialise libcurl");
		return -1;
	}
	return 0;
}

void metrics_push_global_cleanup(void)
{
	if (curl)
		curl->global_cleanup();
	curl = NULL;
}

static int path_safe(const char *v)
{
	if (!*v)
		return 0;
	for (const char *p = v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '.' || *p == '_' || *p == '~'))
			return 0;
	return strcmp(v, ".") != 0 && strcmp(v, "..") != 0;
}

void metrics_push_key(struct mtext *url, const char *name, const char *value)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	mtext_puts(url, "/");
	mtext_puts(url, name);
	if (path_safe(value)) {
		mtext_puts(url, "/");
		mtext_puts(url, value);
		return;
	}
	/* RFC 4648 section 5 (URL-safe) without padding; an empty value is "=". */
	mtext_puts(url, "@base64/");
	const unsigned char *v = (const unsigned char *)value;
	size_t n = strlen(value);
	if (n == 0)
		mtext_puts(url, "=");
	for (size_t i = 0; i < n; i += 3) {
		unsigned x = (unsigned)v[i] << 16 | (i + 1 < n ? (unsigned)v[i + 1] << 8 : 0) | (i + 2 < n ? v[i + 2] : 0);
		char out[4] = { b64[x >> 18 & 63], b64[x >> 12 & 63], b64[x >> 6 & 63], b64[x & 63] };
		mtext_putn(url, out, i + 2 < n ? 4 : i + 1 < n ? 3 : 2);
	}
}

/* SIGINT or SIGTERM waiting for the main loop (the app blocks them and reads a signalfd):
 * the user wants out, so the push gives up rather than keep them waiting. Not consumed: the
 * app still sees it. Where the signals are not blocked their default action ends us anyway. */
static int push_cancelled(void)
{
	sigset_t pend;
	return sigpending(&pend) == 0 && (sigismember(&pend, SIGINT) == 1 || sigismember(&pend, SIGTERM) == 1);
}

/* One push's clock, shared by its tries, its waits and libcurl's progress callback. */
struct push_clock {
	const struct push_hurry *hurry;
	double end;        /* now_mono() when the budget is spent */
	const char *by;    /* who brought end forward (hurry's answer), or NULL */
};

/* The first time hurry says the end was asked, the budget left shrinks to a signal's. */
static void clock_hurry(struct push_clock *c)
{
	if (c->by || !c->hurry || !c->hurry->asked)
		return;
	const char *by = c->hurry->asked(c->hurry->arg);
	double cut = now_mono() + METRICS_PUSH_SIGNALLED_S;
	if (by && cut < c->end) {
		c->end = cut;
		c->by = by;
	}
}

/* The budget was cut short by hurry and is now spent. */
static int clock_hurried_out(struct push_clock *c)
{
	clock_hurry(c);
	return c->by && now_mono() >= c->end;
}

/* libcurl's progress callback, called during connect and transfer (about once a second at
 * least): non-zero aborts it. */
static int push_progress(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
	(void)dt, (void)dn, (void)ut, (void)un;
	return push_cancelled() || clock_hurried_out(arg);
}

static size_t discard_body(char *p, size_t size, size_t n, void *arg)
{
	struct mtext *first = arg;
	/* Keep the start of the gateway's answer: its first line says what was wrong. */
	if (first->len < 200)
		mtext_putn(first, p, size * n < 200 ? size * n : 200);
	return size * n;
}

/* One PUT. 0 done; 1 worth trying again (no connection, 5xx); -1 final (4xx). */
static int put_once(const char *url, const char *body, size_t len, double timeout_s, struct push_clock *clock,
                    char *why, size_t whylen)
{
	CURL *c = curl->easy_init();
	if (!c) {
		snprintf(why, whylen, "cannot create a libcurl handle");
		return -1;
	}
	struct curl_slist *hdr = curl->slist_append(NULL, "Content-Type: text/plain; version=0.0.4; charset=utf-8");
	struct mtext answer = { 0 };
	char err[CURL_ERROR_SIZE] = "";
	long ms = (long)(timeout_s * 1000);
	curl->easy_setopt(c, CURLOPT_URL, url);
	curl->easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
	curl->easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl->easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl->easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl->easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl->easy_setopt(c, CURLOPT_TIMEOUT_MS, ms > 100 ? ms : 100L);
	curl->easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, ms > 100 ? (ms < 5000 ? ms : 5000L) : 100L);
	curl->easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl->easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	curl->easy_setopt(c, CURLOPT_WRITEFUNCTION, discard_body);
	curl->easy_setopt(c, CURLOPT_WRITEDATA, &answer);
	curl->easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl->easy_setopt(c, CURLOPT_XFERINFOFUNCTION, push_progress);
	curl->easy_setopt(c, CURLOPT_XFERINFODATA, clock);
	CURLcode rc = curl->easy_perform(c);
	long status = 0;
	curl->easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl->slist_free_all(hdr);
	curl->easy_cleanup(c);
	int ret;
	if (rc == CURLE_ABORTED_BY_CALLBACK) {
		why[0] = '\0';   /* a signal or hurry: metrics_push_put says so in words, not libcurl's */
		ret = 1;
	} else if (rc != CURLE_OK) {
		snprintf(why, whylen, "%s", err[0] ? err : curl->easy_strerror(rc));
		ret = 1;
	} else if (status >= 200 && status < 300) {
		ret = 0;
	} else {
		char line[160] = "";
		if (answer.p)
			snprintf(line, sizeof line, ": %.*s", (int)strcspn(answer.p, "\r\n"), answer.p);
		snprintf(why, whylen, "the gateway answered HTTP %ld%s", status, line);
		ret = status >= 500 ? 1 : -1;
	}
	mtext_free(&answer);
	return ret;
}

/* Sleeps s seconds in short steps, so that a signal or hurry cuts the wait short. */
static void sleep_s(double s, struct push_clock *clock)
{
	double end = now_mono() + s;
	while (!push_cancelled() && !clock_hurried_out(clock)) {
		double left = (end < clock->end ? end : clock->end) - now_mono();   /* hurried: ends with the budget */
		if (left <= 0)
			break;
		double step = left < 0.05 ? left : 0.05;
		struct timespec ts = { 0, (long)(step * 1e9) };
		while (nanosleep(&ts, &ts) != 0)
			;
	}
}

int metrics_push_put(const char *url, const char *body, size_t len, double budget_s, const struct push_hurry *hurry,
                     char *why, size_t whylen)
{
	double start = now_mono(), wait = 0.5;
	struct push_clock clock = { hurry, start + budget_s, NULL };
	int tries = 0, rc;
	char last[256] = "", shown[1024];
	clock_hurry(&clock);
	for (;;) {
		double left = clock.end - now_mono();
		rc = put_once(url, body, len, left < 10 ? left : 10, &clock, last, sizeof last);
		tries++;
		if (rc == 0)
			return 0;
		clock_hurry(&clock);
		left = clock.end - now_mono();
		if (rc < 0 || left <= 0.05 || push_cancelled())
			break;
		sleep_s(wait < left ? wait : left, &clock);
		if (push_cancelled() || clock_hurried_out(&clock))
			break;
		wait *= 2;
	}
	metrics_push_url_shown(url, shown, sizeof shown);
	char count[64];
	snprintf(count, sizeof count, "%d tr%s in %.0f s", tries, tries == 1 ? "y" : "ies", now_mono() - start);
	if (push_cancelled())
		snprintf(why, whylen, "%s: %s%scut short by a signal after %s", shown, last, last[0] ? "; " : "", count);
	else if (rc > 0 && clock.by)
		snprintf(why, whylen, "%s: %s%scut short by %s after %s", shown, last, last[0] ? "; " : "", clock.by, count);
	else
		snprintf(why, whylen, "%s: %s (%s)", shown, last, count);
	return rc < 0 ? 1 : -1;
}

void metrics_push_url_shown(const char *url, char *out, size_t len)
{
	url_mask_password(url, out, len);
}
