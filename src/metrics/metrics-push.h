/* metrics-push.h - a finished run's summary to a Prometheus Pushgateway, with libcurl.
 *
 * PUT replaces the group named by the URL's grouping key; label values that a URL path cannot
 * carry as they are (a '/', an empty value, anything but letters, digits and "-._~") go in the
 * gateway's "@base64" form. A gateway that cannot be reached or answers 5xx is tried again with
 * a doubling wait until the time budget is spent; a 4xx answer is final. A pending SIGINT or
 * SIGTERM (Ctrl-C, kill, benchtop's own shutdown) ends the tries, and an attempt in flight,
 * within about a second: the push never holds an exit up. An end asked that no pending signal
 * carries (benchtop stop, or a signal the main loop has already read) leaves a push under way
 * a signal's short budget (struct push_hurry). metrics_push_put runs on the main thread or on
 * a push job's (metrics-push-job.h): the signals are blocked in every thread and pending for
 * the process, so either sees them. metrics_push_global_init before any other thread starts
 * (libcurl's rule).
 */
#ifndef BENCHTOP_METRICS_PUSH_H
#define BENCHTOP_METRICS_PUSH_H

#include <stddef.h>

#include "metrics-text.h"

#define METRICS_PUSH_BUDGET_S 30.0
#define METRICS_PUSH_SIGNALLED_S 5.0   /* when a signal ended the run: it should end soon */

/* 0 when url is an http:// or https:// URL with a host (a name, an IPv4 address or an IPv6
 * one in brackets) and a port, if any, of 1 to 65535; -1 with why. */
int  metrics_push_check_url(const char *url, char *why, size_t whylen);
int  metrics_push_global_init(char *why, size_t whylen);
void metrics_push_global_cleanup(void);

/* What else may end a push early, asked again and again while it runs: asked(arg) returns
 * who asked for the end ("benchtop stop"), or NULL. From the first time it does, the push
 * has at most METRICS_PUSH_SIGNALLED_S left. Called on the push's thread. */
struct push_hurry {
	const char *(*asked)(void *arg);
	void *arg;
};

/* Appends "/NAME/VALUE" or "/NAME@base64/ENCODED" to a URL path. */
void metrics_push_key(struct mtext *url, const char *name, const char *value);

/* PUTs body (text 0.0.4) to url, trying again for up to budget_s seconds (less once hurry,
 * if not NULL, says the end was asked). 0 when pushed; 1 when the gateway refused this body
 * (4xx: other pushes may still go); -1 when it could not be reached, kept failing or a
 * signal or hurry cut the tries short (the next push would fare no better). Why, with the
 * URL's password masked: "http://x:9091/...: connection refused (6 tries in 30 s)", "...: cut
 * short by a signal after 1 try in 2 s", "...; cut short by benchtop stop after 2 tries in 9 s". */
int  metrics_push_put(const char *url, const char *body, size_t len, double budget_s, const struct push_hurry *hurry,
                      char *why, size_t whylen);
/* url as it may be shown: a password in it ("http://user:pw@host") becomes "user:***@". */
void metrics_push_url_shown(const char *url, char *out, size_t len);

#endif
