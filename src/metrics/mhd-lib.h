/* mhd-lib.h - the libmicrohttpd functions --listen uses, loaded with dlopen only when it is used.
 *
 * As with libcurl (curl-lib.h): linking it would map libmicrohttpd and GnuTLS into every run.
 * The prototypes come from microhttpd.h, so each pointer is checked against the real one.
 */
#ifndef BENCHTOP_MHD_LIB_H
#define BENCHTOP_MHD_LIB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>

struct mhd_lib {
	__typeof__(&MHD_start_daemon) start_daemon;
	__typeof__(&MHD_stop_daemon) stop_daemon;
	__typeof__(&MHD_lookup_connection_value) lookup_connection_value;
	__typeof__(&MHD_create_response_from_buffer) create_response_from_buffer;
	__typeof__(&MHD_add_response_header) add_response_header;
	__typeof__(&MHD_queue_response) queue_response;
	__typeof__(&MHD_destroy_response) destroy_response;
};

/* Loads libmicrohttpd once per process, from any thread: $BENCHTOP_MHD_LIB, else
 * libmicrohttpd.so.12. The table (it stays loaded until exit), or NULL with why
 * ("cannot load libmicrohttpd.so.12: <dlerror>"). */
const struct mhd_lib *mhd_lib_get(char *why, size_t whylen);

#endif
