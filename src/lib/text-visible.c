#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text-visible.h"

size_t text_visible_letter(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[0];
	if (c >= 0x20 && c < 0x7f)
		return 1;
	size_t n;
	unsigned cp, min;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2; cp = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; cp = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; cp = c & 0x07; min = 0x10000;
	} else {
		return 0;      /* C0 controls, DEL, continuation bytes, bytes never in UTF-8 */
	}
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (u[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
		return 0;
	/* C1 controls (U+0080..U+009F): some terminals take U+009B as CSI. */
	if (cp >= 0x80 && cp < 0xA0)
		return 0;
	return n;
}

char *text_visible(char *dst, size_t len, const char *src)
{
	static const char hex[] = "0123456789abcdef";
	if (!len)
		return dst;
	size_t at = 0;
	while (*src) {
		size_t n = text_visible_letter(src);
		if (n) {
			if (at + n >= len)
				break;
			memcpy(dst + at, src, n);
			at += n;
			src += n;
		} else {
			if (at + 4 >= len)
				break;
			unsigned char c = (unsigned char)*src++;
			dst[at++] = '\\';
			dst[at++] = 'x';
			dst[at++] = hex[c >> 4];
			dst[at++] = hex[c & 15];
		}
	}
	dst[at] = '\0';
	return dst;
}

char *text_visible_inplace(char *buf, size_t len)
{
	if (!len)
		return buf;
	/* Most texts are clean: check before copying. */
	const char *p = buf;
	size_t n;
	while (*p && (n = text_visible_letter(p)) != 0)
		p += n;
	if (!*p)
		return buf;
	char *copy = strdup(buf);
	if (!copy) {
		buf[p - buf] = '\0';   /* keep the clean part rather than print the rest raw */
		return buf;
	}
	text_visible(buf, len, copy);
	free(copy);
	return buf;
}

void text_visible_fputs(const char *s, FILE *f)
{
	char chunk[256];
	while (*s) {
		/* Up to 48 source bytes at a time: each can grow to four, and letters stay whole. */
		size_t take = 0;
		while (s[take] && take < 48) {
			size_t n = text_visible_letter(s + take);
			take += n ? n : 1;
		}
		char part[64];
		memcpy(part, s, take);
		part[take] = '\0';
		fputs(text_visible(chunk, sizeof chunk, part), f);
		s += take;
	}
}
