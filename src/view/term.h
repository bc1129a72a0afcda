/* term.h - the terminal: the only module that includes curses.
 *
 * term_open enters curses (alternate screen, raw keys, no echo) and makes one color pair per
 * role from the theme, degraded to what the terminal has; term_blit copies the cells of a
 * grid that changed since the last copy, so a calm screen costs nothing to refresh;
 * term_close always leaves the terminal as it found it and may be called more than once.
 * Main thread only.
 */
#ifndef BENCHTOP_TERM_H
#define BENCHTOP_TERM_H

#include <stddef.h>

#include "grid.h"
#include "theme.h"

/* Keys as the views see them: printable characters as themselves, the rest below. */
enum term_key {
	TK_NONE = 0,
	TK_HANGUP = -1,        /* the terminal is gone (EOF or EIO on input) */
	TK_UP = 0x110000, TK_DOWN, TK_LEFT, TK_RIGHT, TK_PGUP, TK_PGDN, TK_HOME, TK_END,
	TK_ENTER, TK_TAB, TK_BTAB, TK_ESC, TK_BACKSPACE, TK_F1, TK_F10, TK_RESIZE,
};

/* Standard input and output are a terminal whose type can draw the dashboard: 0, or -1 with
 * why (naming -H, which the dashboard and benchtop attach both take). Enters nothing. */
int  term_usable(char *why, size_t whylen);
int  term_open(const struct theme *theme, int no_color, char *why, size_t whylen);
/* Applies another theme (colors are remade). */
void term_set_theme(const struct theme *theme);
int  term_colors(void);           /* colors in use: 256, 8, or 0 for monochrome */
void term_size(int *w, int *h);
/* After SIGWINCH: learns the new size; the next blit redraws everything. */
void term_resize(int *w, int *h);
void term_blit(struct grid *g);
/* The next key, TK_NONE when none is waiting, TK_HANGUP when the terminal is gone. */
int  term_key(void);
int  term_input_fd(void);
void term_close(void);

#endif
