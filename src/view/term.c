#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <ncursesw/term.h>   /* terminfo: setupterm (src/view/term.h is ours) */

#include "term.h"
#include "utf8.h"
#include "util.h"

static int term_active;
static int term_ncolors;            /* 0 when drawing without colors */
static attr_t role_attr[ROLE_COUNT];
static short role_pair[ROLE_COUNT];
static int empty_reads;             /* "readable" with nothing to read: the terminal is gone */

static attr_t curses_attr(int attr)
{
	attr_t a = A_NORMAL;
	if (attr & ATTR_BOLD)      a |= A_BOLD;
	if (attr & ATTR_DIM)       a |= A_DIM;
	if (attr & ATTR_UNDERLINE) a |= A_UNDERLINE;
	if (attr & ATTR_REVERSE)   a |= A_REVERSE;
	if (attr & ATTR_ITALIC)    a |= A_ITALIC;
	return a;
}

void term_set_theme(const struct theme *theme)
{
	struct theme t = *theme;
	theme_degrade(&t, term_ncolors);
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *s = theme_style(&t, r);
		role_attr[r] = curses_attr(s->attr);
		role_pair[r] = 0;
		if (term_ncolors > 0 && (s->fg != THEME_COLOR_DEFAULT || s->bg != THEME_COLOR_DEFAULT)) {
			role_pair[r] = (short)(r + 1);
			init_pair(role_pair[r], s->fg, s->bg);
		}
	}
	clearok(curscr, TRUE);
}

/* The terminal can address the cursor: not a hardcopy or generic type (dumb) and it has cup. */
static int can_draw(void)
{
	char *cup = tigetstr("cup");
	return cup && cup != (char *)-1 && tigetflag("hc") <= 0 && tigetflag("gn") <= 0;
}

int term_usable(char *why, size_t whylen)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		str_copy(why, "the dashboard needs a terminal (use --headless for logs and CI)", whylen);
		return -1;
	}
	const char *type = getenv("TERM") ? getenv("TERM") : "";
	/* The terminal's description is read and judged first, on its own: newterm on a type
	 * that has none fails without freeing what it allocated. */
	int found = 0;
	if (setupterm(NULL, STDOUT_FILENO, &found) != OK) {
		snprintf(why, whylen, "cannot use the terminal type '%s' (-H runs without a dashboard)", type);
		return -1;
	}
	int drawable = can_draw();
	del_curterm(cur_term);
	if (!drawable) {
		/* curses would "draw" a blank screen on it: refuse it as an unknown type is refused. */
		snprintf(why, whylen, "the terminal type '%s' cannot draw the dashboard (it cannot move the cursor): "
		         "-H runs without one", type);
		return -1;
	}
	return 0;
}

int term_open(const struct theme *theme, int no_color, char *why, size_t whylen)
{
	if (term_usable(why, whylen) < 0)
		return -1;
	if (!getenv("ESCDELAY"))
		set_escdelay(25);   /* a lone Esc should not feel slow */
	const char *type = getenv("TERM") ? getenv("TERM") : "";
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		snprintf(why, whylen, "cannot use the terminal type '%s' (-H runs without a dashboard)", type);
		return -1;
	}
	term_active = 1;
	/* Curses moves past a character by its wcwidth(): the grid must count the same. */
	const char *cs = nl_langinfo(CODESET);
	utf8_locale_widths(cs && strcmp(cs, "UTF-8") == 0);
	cbreak();               /* Ctrl-C stays a SIGINT, which the main loop reads from its signalfd */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	leaveok(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	term_ncolors = 0;
	if (!no_color && has_colors() && start_color() == OK) {
		use_default_colors();
		term_ncolors = COLORS >= 256 ? 256 : COLORS >= 16 ? 16 : COLORS >= 8 ? 8 : 0;
	}
	term_set_theme(theme);
	return 0;
}

int term_colors(void)
{
	return term_ncolors;
}

void term_size(int *w, int *h)
{
	*w = COLS;
	*h = LINES;
}

void term_resize(int *w, int *h)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0)
		resize_term(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
	term_size(w, h);
}

static void put_cell(int y, int x, const struct cell *c)
{
	wchar_t wc[2] = { (wchar_t)(c->ch ? c->ch : ' '), 0 };
	cchar_t cc;
	int role = c->role < ROLE_COUNT ? c->role : ROLE_NORMAL;
	setcchar(&cc, wc, role_attr[role] | curses_attr(c->attr), role_pair[role], NULL);
	mvadd_wch(y, x, &cc);
}

void term_blit(struct grid *g)
{
	if (!term_active)
		return;
	for (int y = 0; y < g->h && y < LINES; y++) {
		if (!grid_row_dirty(g, y))
			continue;
		for (int x = 0, end; grid_next_run(g, y, &x, &end); x = end)
			for (int i = x; i < end && i < COLS; i++) {
				const struct cell *c = grid_get(g, i, y);
				if (c && c->ch != GRID_WIDE_TAIL)
					put_cell(y, i, c);
			}
	}
	grid_commit(g);
	refresh();
}

static int map_key(int rc, wint_t k)
{
	if (rc == KEY_CODE_YES) {
		switch (k) {
		case KEY_UP: return TK_UP;
		case KEY_DOWN: return TK_DOWN;
		case KEY_LEFT: return TK_LEFT;
		case KEY_RIGHT: return TK_RIGHT;
		case KEY_PPAGE: return TK_PGUP;
		case KEY_NPAGE: return TK_PGDN;
		case KEY_HOME: return TK_HOME;
		case KEY_END: return TK_END;
		case KEY_ENTER: return TK_ENTER;
		case KEY_BTAB: return TK_BTAB;
		case KEY_BACKSPACE: return TK_BACKSPACE;
		case KEY_F(1): return TK_F1;
		case KEY_F(10): return TK_F10;
		case KEY_RESIZE: return TK_RESIZE;
		default: return TK_NONE;
		}
	}
	switch (k) {
	case '\r': case '\n': return TK_ENTER;
	case '\t': return TK_TAB;
	case 27: return TK_ESC;
	case 127: case 8: return TK_BACKSPACE;
	case 3: return 3;          /* Ctrl-C in raw mode: the view treats it as quit */
	default: return (int)k;
	}
}

int term_key(void)
{
	if (!term_active)
		return TK_HANGUP;
	wint_t k;
	int rc = get_wch(&k);
	if (rc == ERR) {
		/* poll said readable but there is nothing: EOF or EIO, the terminal went away.
		 * Without this check the main loop would spin at 100 % after an SSH drop. */
		struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
		if (poll(&p, 1, 0) > 0) {
			char c;
			ssize_t n = read(STDIN_FILENO, &c, 1);
			if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) || ++empty_reads > 100)
				return TK_HANGUP;
			if (n == 1)
				ungetch((unsigned char)c);
		}
		return TK_NONE;
	}
	empty_reads = 0;
	return map_key(rc, k);
}

int term_input_fd(void)
{
	return STDIN_FILENO;
}

void term_close(void)
{
	if (!term_active)
		return;
	term_active = 0;
	utf8_locale_widths(0);
	curs_set(1);
	endwin();
	fflush(stdout);
}
