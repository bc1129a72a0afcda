/* net-lib.c - loads libcurl and libmicrohttpd at run time (see curl-lib.h, mhd-lib.h).
 *
 * The names loaded are the libraries' sonames, the ABI the headers describe: libcurl.so.4 has
 * been libcurl's since 7.16, and Debian's libcurl3-gnutls ships the same ABI, GnuTLS-backed, as
 * libcurl-gnutls.so.4, so that one serves when the OpenSSL build is not installed;
 * libmicrohttpd.so.12 is libmicrohttpd's. The unversioned .so names exist only with the -dev
 * packages and could name another ABI.
 */
#include "config.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "curl-lib.h"
#include "mhd-lib.h"
#include "util.h"

/* One function: its exported name and where its pointer goes in the library's table. */
struct net_sym {
	const char *name;
	size_t offset;
};

struct net_lib {
	const char *env;              /* a path that replaces the names (tests point it at nothing) */
	const char *const *names;     /* sonames, tried in turn; NULL-terminated */
	const struct net_sym *syms;
	size_t nsyms;
	void *table;                  /* a struct curl_lib or mhd_lib: nsyms function pointers */
	int ready;
	char why[320];
};

#define NET_SYM(type, field, name) { name, offsetof(struct type, field) }
#define NET_NSYMS(syms) (sizeof syms / sizeof syms[0])
/* Every field of a table has its row, and nothing else is in the struct. */
#define NET_TABLE_COVERS(type, syms) \
	_Static_assert(sizeof(struct type) == NET_NSYMS(syms) * sizeof(void (*)(void)), \
	               #syms " must list every field of struct " #type)
/* dlsym hands out a function as a void *: POSIX makes the two the same size and representation. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers fit in a void *");

static const struct net_sym curl_syms[] = {
	NET_SYM(curl_lib, global_init, "curl_global_init"),
	NET_SYM(curl_lib, global_cleanup, "curl_global_cleanup"),
	NET_SYM(curl_lib, easy_init, "curl_easy_init"),
	NET_SYM(curl_lib, easy_setopt, "curl_easy_setopt"),
	NET_SYM(curl_lib, easy_perform, "curl_easy_perform"),
	NET_SYM(curl_lib, easy_getinfo, "curl_easy_getinfo"),
	NET_SYM(curl_lib, easy_cleanup, "curl_easy_cleanup"),
	NET_SYM(curl_lib, easy_strerror, "curl_easy_strerror"),
	NET_SYM(curl_lib, slist_append, "curl_slist_append"),
	NET_SYM(curl_lib, slist_free_all, "curl_slist_free_all"),
};
NET_TABLE_COVERS(curl_lib, curl_syms);

static const struct net_sym mhd_syms[] = {
	NET_SYM(mhd_lib, start_daemon, "MHD_start_daemon"),
	NET_SYM(mhd_lib, stop_daemon, "MHD_stop_daemon"),
	NET_SYM(mhd_lib, lookup_connection_value, "MHD_lookup_connection_value"),
	NET_SYM(mhd_lib, create_response_from_buffer, "MHD_create_response_from_buffer"),
	NET_SYM(mhd_lib, add_response_header, "MHD_add_response_header"),
	NET_SYM(mhd_lib, queue_response, "MHD_queue_response"),
	NET_SYM(mhd_lib, destroy_response, "MHD_destroy_response"),
};
NET_TABLE_COVERS(mhd_lib, mhd_syms);

static struct curl_lib curl_table;
static struct mhd_lib mhd_table;

static struct net_lib curl_net = {
	.env = "BENCHTOP_CURL_LIB",
	.names = (const char *const[]){ "libcurl.so.4", "libcurl-gnutls.so.4", NULL },
	.syms = curl_syms,
	.nsyms = NET_NSYMS(curl_syms),
	.table = &curl_table,
};
static struct net_lib mhd_net = {
	.env = "BENCHTOP_MHD_LIB",
	.names = (const char *const[]){ "libmicrohttpd.so.12", NULL },
	.syms = mhd_syms,
	.nsyms = NET_NSYMS(mhd_syms),
	.table = &mhd_table,
};

/* Fills l->table, or says in l->why what failed, naming the first name tried. */
static void net_lib_load(struct net_lib *l)
{
	const char *env = getenv(l->env);
	const char *const *names = env && *env ? (const char *const[]){ env, NULL } : l->names;
	void *lib = NULL;
	char first_error[256] = "";
	for (const char *const *n = names; *n && !lib; n++) {
		lib = dlopen(*n, RTLD_NOW | RTLD_LOCAL);
		const char *e = lib ? NULL : dlerror();
		if (!lib && n == names)
			str_copy(first_error, e ? e : "dlopen failed", sizeof first_error);
	}
	if (!lib) {
		c_snprintf(l->why, sizeof l->why, "cannot load %s: %s", names[0], first_error);
		return;
	}
	for (size_t i = 0; i < l->nsyms; i++) {
		dlerror();
		void *p = dlsym(lib, l->syms[i].name);
		if (!p) {
			const char *e = dlerror();
			c_snprintf(l->why, sizeof l->why, "cannot load %s: %s", names[0],
			           e ? e : l->syms[i].name);
			dlclose(lib);
			return;
		}
		memcpy((char *)l->table + l->syms[i].offset, &p, sizeof p);
	}
	l->ready = 1;   /* never closed: libcurl and libmicrohttpd keep state until exit */
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static pthread_once_t mhd_once = PTHREAD_ONCE_INIT;

static void curl_load(void)
{
	net_lib_load(&curl_net);
}

static void mhd_load(void)
{
	net_lib_load(&mhd_net);
}

const struct curl_lib *curl_lib_get(char *why, size_t whylen)
{
	pthread_once(&curl_once, curl_load);
	if (!curl_net.ready && why)
		str_copy(why, curl_net.why, whylen);
	return curl_net.ready ? &curl_table : NULL;
}

const struct mhd_lib *mhd_lib_get(char *why, size_t whylen)
{
	pthread_once(&mhd_once, mhd_load);
	if (!mhd_net.ready && why)
		str_copy(why, mhd_net.why, whylen);
	return mhd_net.ready ? &mhd_table : NULL;
}
