#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "metrics-http.h"
#include "metrics-text.h"
#include "mhd-lib.h"

struct metrics_http {
	struct MHD_Daemon *daemon;
	struct metrics_publish *pub;
	char *token;
	unsigned port;
};

/* ---- the listen address ---- */

static int parse_port(const char *s, unsigned *port)
{
	if (!*s || strlen(s) > 5 || strspn(s, "0123456789") != strlen(s))
		return -1;
	long v = strtol(s, NULL, 10);
	if (v > 65535)
		return -1;
	*port = (unsigned)v;
	return 0;
}

static int is_loopback(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >> 24) == 127;
	if (ss->ss_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)ss)->sin6_addr;
		if (IN6_IS_ADDR_LOOPBACK(a))
			return 1;
		return IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127;
	}
	return 0;
}

int metrics_listen_parse(const char *spec, struct metrics_listen *out, char *why, size_t whylen)
{
	char host[256] = "127.0.0.1";
	const char *port_text = spec;
	memset(out, 0, sizeof *out);
	if (spec[0] == '[') {
		const char *close = strchr(spec, ']');
		if (!close || close[1] != ':' || (size_t)(close - spec - 1) >= sizeof host) {
			snprintf(why, whylen, "'%s': expected [IPV6]:PORT", spec);
			return -1;
		}
		snprintf(host, sizeof host, "%.*s", (int)(close - spec - 1), spec + 1);
		port_text = close + 2;
	} else if (strchr(spec, ':')) {
		const char *colon = strrchr(spec, ':');
		if ((size_t)(colon - spec) >= sizeof host) {
			snprintf(why, whylen, "'%s': the address is too long", spec);
			return -1;
		}
		if (colon == spec) {
			strcpy(host, "0.0.0.0");   /* ":PORT": every address, as the user asked */
			out->any = 1;
		} else
			snprintf(host, sizeof host, "%.*s", (int)(colon - spec), spec);
		port_text = colon + 1;
	}
	unsigned port;
	if (parse_port(port_text, &port) < 0) {
		snprintf(why, whylen, "'%s': expected [ADDR:]PORT with a port from 0 to 65535", spec);
		return -1;
	}
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV };
	struct addrinfo *res = NULL;
	char service[8];
	snprintf(service, sizeof service, "%u", port);
	int rc = getaddrinfo(host, service, &hints, &res);
	if (rc != 0 || !res) {
		snprintf(why, whylen, "'%s': cannot resolve '%s': %s", spec, host, rc ? gai_strerror(rc) : "no address");
		return -1;
	}
	memcpy(&out->addr, res->ai_addr, res->ai_addrlen);
	out->addrlen = res->ai_addrlen;
	freeaddrinfo(res);
	if (getnameinfo((struct sockaddr *)&out->addr, out->addrlen, out->host, sizeof out->host, NULL, 0,
	                NI_NUMERICHOST) != 0)
		snprintf(out->host, sizeof out->host, "%s", host);
	out->loopback = is_loopback(&out->addr);
	return 0;
}

/* ---- answering requests ---- */

/* Set by metrics_http_start before its server thread exists; read by that thread. */
static const struct mhd_lib *mhd;

static enum MHD_Result reply_text(struct MHD_Connection *c, unsigned status, const char *body)
{
	struct MHD_Response *r = mhd->create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	mhd->add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		mhd->add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	if (status == MHD_HTTP_UNAUTHORIZED)
		mhd->add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
	enum MHD_Result ret = mhd->queue_response(c, status, r);
	mhd->destroy_response(r);
	return ret;
}

/* Compares the whole length whatever the contents, so timing says nothing about the token. */
static int token_matches(const char *given, const char *token)
{
	size_t gl = strlen(given), tl = strlen(token);
	unsigned char diff = gl != tl;
	for (size_t i = 0; i < tl; i++)
		diff |= (unsigned char)(token[i] ^ (i < gl ? given[i] : 0));
	return diff == 0;
}

static int authorized(struct MHD_Connection *c, const char *token)
{
	const char *h = mhd->lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	if (!h || strncasecmp(h, "Bearer ", 7) != 0)
		return 0;
	h += 7;
	while (*h == ' ')
		h++;
	return token_matches(h, token);
}

/* gzip of in, in a malloc'd buffer; NULL when zlib or memory fails (the caller sends it plain). */
static char *gzip(const char *in, size_t len, size_t *outlen)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	uLong cap = deflateBound(&z, (uLong)len);
	char *out = malloc(cap ? cap : 1);
	if (!out) {
		deflateEnd(&z);
		return NULL;
	}
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	*outlen = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(out);
		return NULL;
	}
	return out;
}

static enum MHD_Result reply_metrics(struct metrics_http *h, struct MHD_Connection *c)
{
	struct metric_set *s = metrics_publish_get(h->pub);
	if (!s)
		return reply_text(c, MHD_HTTP_SERVICE_UNAVAILABLE, "no sample yet: try again in a moment\n");
	enum metrics_format fmt = metrics_negotiate(mhd->lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT));
	struct mtext text = { 0 };
	int rc = metrics_text_write(&text, s, fmt);
	metric_set_unref(s);
	if (rc < 0) {
		mtext_free(&text);
		return reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
	}
	char *body = text.p;
	size_t len = text.len;
	int zipped = 0;
	if (metrics_accepts_gzip(mhd->lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING))) {
		size_t zlen;
		char *z = gzip(text.p, text.len, &zlen);
		if (z) {
			mtext_free(&text);
			body = z;
			len = zlen;
			zipped = 1;
		}
	}
	if (!body) {
		body = strdup("");
		if (!body)
			return MHD_NO;
	}
	struct MHD_Response *r = mhd->create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(body);
		return MHD_NO;
	}
	mhd->add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, metrics_content_type(fmt));
	mhd->add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept, Accept-Encoding");
	if (zipped)
		mhd->add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	enum MHD_Result ret = mhd->queue_response(c, MHD_HTTP_OK, r);
	mhd->destroy_response(r);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_size,
                              void **req_cls)
{
	static int seen;
	struct metrics_http *h = cls;
	(void)version;
	(void)upload_data;
	/* Other methods are answered on the first call, so a request body is never read (and the
	 * connection closes); GET and HEAD on the second, which keeps the connection alive. */
	*upload_size = 0;
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
		return reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed: use GET or HEAD /metrics\n");
	if (!*req_cls) {
		*req_cls = &seen;
		return MHD_YES;
	}
	if (h->token && !authorized(c, h->token))
		return reply_text(c, MHD_HTTP_UNAUTHORIZED, "unauthorized: send Authorization: Bearer <token>\n");
	if (strcmp(url, "/metrics") != 0)
		return reply_text(c, MHD_HTTP_NOT_FOUND, "not found: benchtop serves its metrics at /metrics\n");
	return reply_metrics(h, c);
}

/* ---- start and stop ---- */

/* A bound, listening TCP socket (IPv4 mapped into IPv6 when dual); -1 with errno. */
static int listen_on(const struct sockaddr *sa, socklen_t len, int dual)
{
	int fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	int one = 1, zero = 0;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    (dual && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero) < 0) || bind(fd, sa, len) < 0 ||
	    listen(fd, 64) < 0) {
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

int metrics_http_start(struct metrics_http **out, const struct metrics_listen *where, const char *token,
                       struct metrics_publish *pub, char *why, size_t whylen)
{
	*out = NULL;
	mhd = mhd_lib_get(why, whylen);
	if (!mhd)
		return -1;
	struct metrics_http *h = calloc(1, sizeof *h);
	if (!h || (token && !(h->token = strdup(token)))) {
		free(h);
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	h->pub = pub;
	/* Our own socket, so a port in use or a foreign address is told as the system says it.
	 * Every address: IPv6's any with IPV6_V6ONLY off takes IPv4 too; without IPv6, 0.0.0.0. */
	int fd = -1, family = where->addr.ss_family;
	if (where->any) {
		struct sockaddr_in6 any6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_ANY_INIT,
		                             .sin6_port = ((const struct sockaddr_in *)&where->addr)->sin_port };
		fd = listen_on((const struct sockaddr *)&any6, sizeof any6, 1);
		if (fd >= 0)
			family = AF_INET6;
	}
	if (fd < 0)
		fd = listen_on((const struct sockaddr *)&where->addr, where->addrlen, 0);
	if (fd < 0) {
		int err = errno;
		const struct sockaddr *sa = (const struct sockaddr *)&where->addr;
		unsigned port = ntohs(sa->sa_family == AF_INET6 ? ((const struct sockaddr_in6 *)sa)->sin6_port
		                                                : ((const struct sockaddr_in *)sa)->sin_port);
		snprintf(why, whylen, "cannot listen on %s%s%s:%u: %s", sa->sa_family == AF_INET6 ? "[" : "",
		         where->host, sa->sa_family == AF_INET6 ? "]" : "", port, strerror(err));
		free(h->token);
		free(h);
		return -1;
	}
	struct sockaddr_storage bound;
	socklen_t blen = sizeof bound;
	if (getsockname(fd, (struct sockaddr *)&bound, &blen) == 0)
		h->port = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
		                                           : ((struct sockaddr_in *)&bound)->sin_port);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
	if (family == AF_INET6)
		flags |= MHD_USE_IPv6;
	h->daemon = mhd->start_daemon(flags, 0, NULL, NULL, handle, h,
	                             MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
	                             MHD_OPTION_CONNECTION_LIMIT, (unsigned int)METRICS_HTTP_MAX_CONNECTIONS,
	                             MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)METRICS_HTTP_IDLE_TIMEOUT_S,
	                             MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
	                             MHD_OPTION_END);
	if (!h->daemon) {
		snprintf(why, whylen, "cannot start the HTTP server on %s", where->host);
		close(fd);
		free(h->token);
		free(h);
		return -1;
	}
	*out = h;
	return 0;
}

unsigned metrics_http_port(const struct metrics_http *h)
{
	return h ? h->port : 0;
}

void metrics_http_stop(struct metrics_http *h)
{
	if (!h)
		return;
	mhd->stop_daemon(h->daemon);   /* joins the thread and closes the listening socket */
	if (h->token) {
		memset(h->token, 0, strlen(h->token));
		free(h->token);
	}
	free(h);
}
