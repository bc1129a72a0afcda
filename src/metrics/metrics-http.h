/* metrics-http.h - the /metrics endpoint, served by libmicrohttpd on a thread of its own.
 *
 * GET and HEAD /metrics render the newest published set (metrics-publish.h) in the format the
 * Accept header asks for, gzipped when Accept-Encoding allows it. Other paths get 404, other
 * methods 405, both with a one-line body; with a token, a request without
 * "Authorization: Bearer TOKEN" gets 401. No request body is read. At most 32 connections,
 * each closed after a few idle seconds, so a client that sends nothing holds a slot briefly.
 *
 * metrics_http_start and metrics_http_stop are called from one thread (the main thread);
 * the server thread only reads the publish slot.
 */
#ifndef BENCHTOP_METRICS_HTTP_H
#define BENCHTOP_METRICS_HTTP_H

#include <stddef.h>
#include <sys/socket.h>

#include "metrics-publish.h"

#define METRICS_HTTP_MAX_CONNECTIONS 32
#define METRICS_HTTP_IDLE_TIMEOUT_S  5

struct metrics_listen {
	struct sockaddr_storage addr;
	socklen_t addrlen;
	char host[64];          /* the address as given or resolved, for messages */
	int loopback;           /* 127.0.0.0/8 or ::1 */
	int any;                /* ":PORT": every address, IPv6 and IPv4 (addr: IPv4's, the fallback) */
};

/* "[ADDR:]PORT", "[V6ADDR]:PORT", ":PORT" (every address: IPv6's any with IPv4 mapped into
 * it, or 0.0.0.0 where the system has no IPv6). No address means 127.0.0.1.
 * 0, or -1 with why ("'99999': the port must be 0..65535"). */
int metrics_listen_parse(const char *spec, struct metrics_listen *out, char *why, size_t whylen);

struct metrics_http;

/* Binds and starts serving; token NULL means no authentication (the text is copied).
 * 0, or -1 with why (the address in use, a bad address). */
int  metrics_http_start(struct metrics_http **out, const struct metrics_listen *where, const char *token,
                        struct metrics_publish *pub, char *why, size_t whylen);
unsigned metrics_http_port(const struct metrics_http *h);   /* the bound port (port 0 resolved) */
/* Stops the thread, closes every connection; NULL is fine. */
void metrics_http_stop(struct metrics_http *h);

#endif
