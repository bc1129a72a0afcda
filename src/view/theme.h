/* theme.h - what each color role looks like: foreground, background, attributes.
 *
 * A theme file (themes/NAME.theme) has one `role = style` per line and '#' comments:
 *
 *	gauge-high = red bold
 *	selected   = black on cyan
 *	border     = 244
 *
 * A style is an optional foreground color, an optional `on BACKGROUND`, and attributes
 * (bold, dim, underline, reverse, italic). Colors are default, black, red, green, yellow,
 * blue, magenta, cyan, white, bright-black (grey) ... bright-white, or 0..255. A file
 * starts from the built-in default theme, so it names only the roles it changes; a line
 * replaces the role's whole style. The terminal layer asks theme_degrade for what its
 * screen can show, then makes one color pair per role. Main thread only.
 */
#ifndef BENCHTOP_THEME_H
#define BENCHTOP_THEME_H

#include <stddef.h>

#include "roles.h"

#define THEME_COLOR_DEFAULT (-1)   /* the terminal's own color */

struct theme_style {
	short fg, bg;            /* THEME_COLOR_DEFAULT or 0..255 */
	unsigned char attr;      /* ATTR_* from roles.h */
};

struct theme {
	char name[64];
	struct theme_style style[ROLE_COUNT];
};

/* The default theme, compiled in: benchtop looks right with no files installed. */
void theme_builtin(struct theme *t);
/* Applies the lines of `text` on top of t; `file` names it in messages. 0, or -1 with
 * "FILE:LINE:COLUMN: what is wrong (what was expected)" in why. */
int  theme_parse(struct theme *t, const char *text, const char *file, char *why, size_t len);
/* The built-in default, then the file's lines; t->name from the file name. */
int  theme_load_file(const char *path, struct theme *t, char *why, size_t len);
/* Where theme NAME lives: NAME itself when it holds a '/' or ends in ".theme", else
 * NAME.theme under $BENCHTOP_DATA_DIR/themes, the source tree's themes, then the
 * installed ones. 0 with the path, or -1 with why. */
int  theme_find(const char *name, char *path, size_t len, char *why, size_t wlen);
/* --theme NAME|FILE: theme_find and theme_load_file; "default" (or NULL) without a file
 * is the built-in one. An unknown name gets the nearest known name suggested. */
int  theme_load(const char *name, struct theme *t, char *why, size_t len);
/* Fits the theme to a screen of ncolors colors (COLORS from curses): 256 keeps it,
 * 16 and 8 map each color to the nearest the screen has, under 8 drops colors and
 * keeps attributes, adding what each role needs to stay visible (selected = reverse). */
void theme_degrade(struct theme *t, int ncolors);
const struct theme_style *theme_style(const struct theme *t, int role);

/* "red" -> 1, "default" -> -1, "208" -> 208; -2 when it is no color. */
int  theme_color(const char *s);
/* Calls fn for every theme found (name order, first directory wins), the built-in
 * default included (path NULL when no file is found). Returns how many. */
int  theme_list(void (*fn)(void *arg, const char *name, const char *path), void *arg);

#endif
