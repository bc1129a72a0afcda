#include "config.h"

#include <string.h>

#include "ascii.h"
#include "utf8.h"

/* The symbols our own text uses. Each stand-in is at most as many bytes as the character's
 * UTF-8 (two for U+0080..U+07FF, three above), which keeps the ASCII form no longer than the
 * text: callers convert into a buffer the size of what they convert. */
static const struct { uint32_t cp; const char *ascii; } ascii_like[] = {
	{ 0x00B1, "+-" }, /* ± */  { 0x2026, "..." }, /* … */  { 0x00B7, "-" }, /* · */
	{ 0x00B0, " " },  /* ° */  { 0x25B8, ">" },   /* ▸ */  { 0x2191, "^" }, /* ↑ */
	{ 0x2193, "v" },  /* ↓ */  { 0x2190, "<" },   /* ← */  { 0x2192, ">" }, /* → */
	{ 0x2502, "|" },  /* │ */  { 0x2500, "-" },   /* ─ */
};

const char *ascii_form(uint32_t cp, char one[2])
{
	int w = utf8_cp_width(cp);
	if (w < 0)
		return "?";
	if (cp < 0x80) {
		one[0] = (char)cp;
		one[1] = '\0';
		return one;
	}
	if (w == 0)
		return "";
	for (size_t i = 0; i < sizeof ascii_like / sizeof *ascii_like; i++)
		if (ascii_like[i].cp == cp)
			return ascii_like[i].ascii;
	return "?";
}

int ascii_width(const char *utf8)
{
	int cols = 0;
	uint32_t cp;
	char one[2];
	if (!utf8)
		return 0;
	while ((cp = utf8_decode(&utf8)) != 0)
		cols += (int)strlen(ascii_form(cp, one));
	return cols;
}

char *ascii_text(char *dst, size_t len, const char *utf8)
{
	size_t at = 0;
	uint32_t cp;
	char one[2];
	if (!len)
		return dst;
	while (utf8 && (cp = utf8_decode(&utf8)) != 0) {
		const char *form = ascii_form(cp, one);
		size_t n = strlen(form);
		if (at + n + 1 > len)
			break;
		memcpy(dst + at, form, n);
		at += n;
	}
	dst[at] = '\0';
	return dst;
}
