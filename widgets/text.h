/* text.h - text widgets: a log of recent lines, a line of text, the key hint footer. */
#ifndef BENCHTOP_TEXT_H
#define BENCHTOP_TEXT_H

#include <stddef.h>

#include "grid.h"

#define TEXTLOG_LINE 256     /* bytes kept of a line, the terminator included */

/* The newest `cap` lines, allocated once; adding past cap forgets the oldest. */
struct textlog {
	char (*lines)[TEXTLOG_LINE];
	unsigned char *roles;
	int cap, head, count;
	int wrap;            /* draw long lines over several rows, else cut them */
	int scroll;          /* lines back from the newest at the bottom (0 = follow) */
};

int  textlog_init(struct textlog *l, int cap);   /* 0, or -1 when out of memory */
void textlog_free(struct textlog *l);
/* Adds a line (several if it holds newlines); tabs become spaces, other control
 * characters '?'. A line longer than TEXTLOG_LINE is cut on a character boundary. */
void textlog_add(struct textlog *l, int role, const char *utf8);
/* Line i, 0 the oldest kept; NULL when out of range. role may be NULL. */
const char *textlog_get(const struct textlog *l, int i, int *role);
/* Bottom-aligned: the newest line on the last row of r, older ones above. */
void textlog_draw(struct grid *g, struct rect r, const struct textlog *l);

enum text_align { TEXT_LEFT, TEXT_RIGHT, TEXT_CENTER };

/* One line of text on the first row of r, cut with "…" when too long. */
void text_line(struct grid *g, struct rect r, const char *utf8, int role, int align);

struct key_hint {
	const char *key;     /* "q", "F2", "↑↓" */
	const char *what;    /* "quit" */
};

/* "q quit  ? help" on the first row of r, keys in ROLE_KEY, the row in ROLE_FOOTER.
 * hints ends with { NULL, NULL }; a hint that does not fit whole is left out. `right`
 * (may be NULL) is drawn at the right end when it fits after the hints. */
void text_footer(struct grid *g, struct rect r, const struct key_hint *hints, const char *right);

#endif
