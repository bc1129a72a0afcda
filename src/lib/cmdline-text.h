/* cmdline-text.h - a command line and the URLs in it as they may be shown to people (benchtop
 * ls, the push lines): a URL's password masked, arguments quoted as a shell would need them.
 * Pure functions; any thread.
 */
#ifndef BENCHTOP_CMDLINE_TEXT_H
#define BENCHTOP_CMDLINE_TEXT_H

#include <stddef.h>

/* text with the password of a URL in it ("http://user:pw@host", "--push=https://u:p@h/x")
 * shown as "user:***@"; anything else as it is. Always terminates out. */
void url_mask_password(const char *text, char *out, size_t len);

/* argv[0..argc) joined by spaces, argv[0] shown as name: each argument with its URL password
 * masked, and one that is empty or holds a space, a quote or another character a shell reads
 * quoted in '...' (a ' as '\''). Control characters are kept: whoever prints it makes them
 * visible (text-visible.h). What does not fit is cut. */
void cmdline_text(char *out, size_t len, const char *name, int argc, char **argv);

#endif
