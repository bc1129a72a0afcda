/* text-visible.h - text from files and commands made safe to print on a terminal.
 *
 * A suite, a theme, a report or a command's output can hold control characters and escape
 * sequences (ESC ]0;title BEL, ESC [2J) that would retitle or clear the user's terminal if
 * printed raw. These functions show every such byte as visible text instead: ESC becomes
 * the four characters `\x1b`, a backslash stays one backslash. Valid UTF-8 letters pass
 * through unchanged; C0 and C1 controls, DEL and bytes that are not valid UTF-8 are shown
 * as `\xNN`. Pure functions; any thread.
 */
#ifndef BENCHTOP_TEXT_VISIBLE_H
#define BENCHTOP_TEXT_VISIBLE_H

#include <stddef.h>
#include <stdio.h>

/* Copies src into dst[len] with controls shown as `\xNN`; never splits an escape or a
 * UTF-8 letter, always terminates; returns dst. */
char *text_visible(char *dst, size_t len, const char *src);
/* Makes buf[len] visible in place (what does not fit is dropped); returns buf. */
char *text_visible_inplace(char *buf, size_t len);
/* Writes s to f with controls shown as `\xNN`. */
void  text_visible_fputs(const char *s, FILE *f);
/* The length of the valid UTF-8 sequence at s (1..4) that is not a control, or 0. */
size_t text_visible_letter(const char *s);

#endif
