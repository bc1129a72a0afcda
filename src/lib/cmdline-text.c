#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmdline-text.h"

void url_mask_password(const char *text, char *out, size_t len)
{
	if (!len)
		return;
	const char *scheme = strstr(text, "://");
	const char *host = scheme ? scheme + 3 : NULL;
	/* The authority ends at the first '/': not at '?' or '#', which a password typed as it is
	 * may hold (such a URL is refused, and its refusal quotes it masked). */
	size_t n = host ? strcspn(host, "/") : 0;
	const char *at = NULL, *colon = NULL;
	for (const char *q = host; q && q < host + n; q++)
		if (*q == '@')
			at = q;   /* the last '@' ends the user information */
	for (const char *q = host; at && q < at && !colon; q++)
		if (*q == ':')
			colon = q;
	/* A password typed with a '/' in it ("u:pa/ss@h") ends the authority early: a ':' there
	 * followed by anything but a port's digits is taken as a password up to the last '@'. */
	const char *c = host && !at ? memchr(host, ':', n) : NULL;
	if (c && strspn(c + 1, "0123456789") != (size_t)(host + n - c - 1)) {
		at = strrchr(c, '@');
		colon = at ? c : NULL;
	}
	if (colon)
		snprintf(out, len, "%.*s:***%s", (int)(colon - text), text, at);
	else
		snprintf(out, len, "%s", text);
}

/* Characters a shell takes as they are, unquoted. */
static int shell_plain(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,+@%^", *s) &&
		    !((unsigned char)*s >= 0x80))
			return 0;
	return 1;
}

void cmdline_text(char *out, size_t len, const char *name, int argc, char **argv)
{
	if (!len)
		return;
	size_t at = 0;
	out[0] = '\0';
	for (int i = 0; i < argc && at + 1 < len; i++) {
		char arg[2048], quoted[4200];
		url_mask_password(i ? argv[i] : name, arg, sizeof arg);
		if (shell_plain(arg)) {
			snprintf(quoted, sizeof quoted, "%s", arg);
		} else {
			size_t q = 0;
			quoted[q++] = '\'';
			for (const char *p = arg; *p && q + 6 < sizeof quoted; p++) {
				if (*p == '\'') {
					memcpy(quoted + q, "'\\''", 4);
					q += 4;
				} else {
					quoted[q++] = *p;
				}
			}
			quoted[q++] = '\'';
			quoted[q] = '\0';
		}
		int w = snprintf(out + at, len - at, "%s%s", i ? " " : "", quoted);
		if (w < 0 || (size_t)w >= len - at)
			break;
		at += (size_t)w;
	}
}
