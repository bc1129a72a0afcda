/* curl-lib.h - the libcurl functions --push uses, loaded with dlopen only when it is used.
 *
 * Linking libcurl would map it and its TLS, Kerberos, LDAP and SSH stacks into every run, and
 * their constructors touch pages: several MiB of RSS for an option most runs never give.
 * The prototypes still come from curl.h, so each pointer is checked against the real one.
 * curl.h makes curl_easy_setopt and curl_easy_getinfo type-checking macros under GCC; calls
 * through these pointers go around them (and around their checks).
 */
#ifndef BENCHTOP_CURL_LIB_H
#define BENCHTOP_CURL_LIB_H

#include <stddef.h>

#include <curl/curl.h>

struct curl_lib {
	__typeof__(&curl_global_init) global_init;
	__typeof__(&curl_global_cleanup) global_cleanup;
	__typeof__(&curl_easy_init) easy_init;
	__typeof__(&curl_easy_setopt) easy_setopt;
	__typeof__(&curl_easy_perform) easy_perform;
	__typeof__(&curl_easy_getinfo) easy_getinfo;
	__typeof__(&curl_easy_cleanup) easy_cleanup;
	__typeof__(&curl_easy_strerror) easy_strerror;
	__typeof__(&curl_slist_append) slist_append;
	__typeof__(&curl_slist_free_all) slist_free_all;
};

/* Loads libcurl once per process, from any thread: $BENCHTOP_CURL_LIB, else libcurl.so.4, else
 * libcurl-gnutls.so.4. The table (it stays loaded until exit), or NULL with why
 * ("cannot load libcurl.so.4: <dlerror>"). curl_global_init is the caller's: main thread,
 * before other threads start. */
const struct curl_lib *curl_lib_get(char *why, size_t whylen);

#endif
