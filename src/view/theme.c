#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file-read.h"
#include "text-visible.h"
#include "theme.h"
#include "util.h"

/* The same lines as themes/default.theme (a test keeps them equal). */
static const char builtin_text[] =
	"normal       = default\n"
	"dim          = 245\n"
	"title        = bold\n"
	"border       = 244\n"
	"border-focus = cyan bold\n"
	"label        = default\n"
	"value        = bold\n"
	"header       = bold underline\n"
	"gauge-low    = green\n"
	"gauge-mid    = yellow\n"
	"gauge-high   = red bold\n"
	"gauge-empty  = 240\n"
	"graph        = cyan\n"
	"graph2       = magenta\n"
	"axis         = 245\n"
	"spark        = cyan\n"
	"selected     = black on cyan\n"
	"ok           = green\n"
	"warn         = yellow bold\n"
	"error        = red bold\n"
	"footer       = 252 on 236\n"
	"key          = cyan on 236 bold\n"
	"help         = default\n";

#define THEME_LINE_MAX 512
#define THEME_FILE_MAX (64 * 1024)
#define THEME_LIST_MAX 64

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	"bright-black", "bright-red", "bright-green", "bright-yellow",
	"bright-blue", "bright-magenta", "bright-cyan", "bright-white",
};

static const struct {
	const char *name;
	int attr;
} attr_names[] = {
	{ "bold", ATTR_BOLD }, { "dim", ATTR_DIM }, { "underline", ATTR_UNDERLINE },
	{ "reverse", ATTR_REVERSE }, { "italic", ATTR_ITALIC },
};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

int theme_color(const char *s)
{
	long n;

	if (!strcmp(s, "default"))
		return THEME_COLOR_DEFAULT;
	if (!strcmp(s, "grey") || !strcmp(s, "gray"))
		return 8;
	for (size_t i = 0; i < COUNT(color_names); i++)
		if (!strcmp(s, color_names[i]))
			return (int)i;
	if (isdigit((unsigned char)*s) && !parse_long(s, &n) && n >= 0 && n <= 255)
		return (int)n;
	return -2;
}

/* Edit distance counting a swap of neighbours as one edit ("blod" is one from "bold"),
 * for "did you mean". Words here are short. */
static int distance(const char *a, const char *b)
{
	int d[33][33], la = (int)strlen(a), lb = (int)strlen(b);

	if (la > 32 || lb > 32)
		return 1000;
	for (int i = 0; i <= la; i++)
		d[i][0] = i;
	for (int j = 0; j <= lb; j++)
		d[0][j] = j;
	for (int i = 1; i <= la; i++)
		for (int j = 1; j <= lb; j++) {
			int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

/* The nearest of the candidates when it is near enough to be a typo, else NULL. */
static const char *nearest(const char *word, const char *const *cand, size_t n)
{
	const char *best = NULL;
	int bd = 1000, limit = (int)strlen(word) / 3 + 1;

	for (size_t i = 0; i < n; i++) {
		int d = distance(word, cand[i]);
		if (d < bd) {
			bd = d;
			best = cand[i];
		}
	}
	return bd <= (limit > 3 ? 3 : limit) ? best : NULL;
}

static void fail(char *why, size_t len, const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void fail(char *why, size_t len, const char *file, int line, int col, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(why, len, "%s:%d:%d: %s", file, line, col, msg);
	text_visible_inplace(why, len);   /* role names come from the file and reach a terminal */
}

/* A style word that is no color and no attribute. */
static void bad_word(char *why, size_t len, const char *file, int line, int col, const char *w)
{
	const char *cand[COUNT(color_names) + COUNT(attr_names) + 1];
	size_t n = 0;
	const char *near;
	long v;

	if (!parse_long(w, &v)) {
		fail(why, len, file, line, col, "color %s out of range (expected 0..255)", w);
		return;
	}
	for (size_t i = 0; i < COUNT(color_names); i++)
		cand[n++] = color_names[i];
	for (size_t i = 0; i < COUNT(attr_names); i++)
		cand[n++] = attr_names[i].name;
	cand[n++] = "default";
	near = nearest(w, cand, n);
	if (near)
		fail(why, len, file, line, col,
		     "unknown color '%s' (expected a color name or 0..255; did you mean '%s'?)", w, near);
	else
		fail(why, len, file, line, col, "unknown color '%s' (expected a color name or 0..255)", w);
}

static int parse_style(const char *s, const char *base, struct theme_style *st,
		       const char *file, int line, char *why, size_t len)
{
	char word[64];
	int have_fg = 0, want_bg = 0, have_bg = 0;

	*st = (struct theme_style){ .fg = THEME_COLOR_DEFAULT, .bg = THEME_COLOR_DEFAULT };
	for (;;) {
		size_t n = 0;
		int col, c, attr = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		col = (int)(s - base) + 1;
		while (s[n] && s[n] != ' ' && s[n] != '\t')
			n++;
		if (n >= sizeof word) {
			fail(why, len, file, line, col, "word too long (expected a color or an attribute)");
			return -1;
		}
		memcpy(word, s, n);
		word[n] = '\0';
		s += n;
		for (size_t i = 0; i < COUNT(attr_names); i++)
			if (!strcmp(word, attr_names[i].name))
				attr = attr_names[i].attr;
		if (want_bg) {
			if ((c = theme_color(word)) == -2) {
				bad_word(why, len, file, line, col, word);
				return -1;
			}
			st->bg = (short)c;
			want_bg = 0;
			have_bg = 1;
		} else if (!strcmp(word, "on")) {
			if (have_bg) {
				fail(why, len, file, line, col, "a second background (expected one 'on COLOR')");
				return -1;
			}
			want_bg = 1;
		} else if (attr) {
			st->attr |= (unsigned char)attr;
		} else if ((c = theme_color(word)) != -2) {
			if (have_fg || have_bg) {
				fail(why, len, file, line, col, "color '%s' after the %s (expected FG [on BG] [attributes])",
				     word, have_bg ? "background" : "foreground");
				return -1;
			}
			st->fg = (short)c;
			have_fg = 1;
		} else {
			bad_word(why, len, file, line, col, word);
			return -1;
		}
	}
	if (want_bg) {
		fail(why, len, file, line, (int)(s - base) + 1, "missing color after 'on'");
		return -1;
	}
	return 0;
}

static int parse_line(struct theme *t, char *text, const char *file, int line, char *why, size_t len)
{
	char *hash = strchr(text, '#'), *eq, *key, *end;
	const char *cand[ROLE_COUNT], *near;
	int role;

	if (hash)
		*hash = '\0';
	key = text;
	while (*key == ' ' || *key == '\t')
		key++;
	if (!*key || *key == '\r' || *key == '\n')
		return 0;
	eq = strchr(key, '=');
	if (!eq) {
		fail(why, len, file, line, (int)(key - text) + 1, "expected 'role = style'");
		return -1;
	}
	end = eq;
	while (end > key && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*end = '\0';
	for (char *p = eq + 1; *p; p++)
		if (*p == '\r' || *p == '\n')
			*p = ' ';
	if (!*key) {
		fail(why, len, file, line, (int)(eq - text) + 1, "missing role before '='");
		return -1;
	}
	role = role_from_name(key);
	if (role < 0) {
		for (int i = 0; i < ROLE_COUNT; i++)
			cand[i] = role_table[i].name;
		near = nearest(key, cand, ROLE_COUNT);
		if (near)
			fail(why, len, file, line, (int)(key - text) + 1, "unknown role '%s' (did you mean '%s'?)", key, near);
		else
			fail(why, len, file, line, (int)(key - text) + 1,
			     "unknown role '%s' (expected a role such as 'normal', 'gauge-high', 'selected')", key);
		return -1;
	}
	return parse_style(eq + 1, text, &t->style[role], file, line, why, len);
}

int theme_parse(struct theme *t, const char *text, const char *file, char *why, size_t len)
{
	char buf[THEME_LINE_MAX];
	int line = 0;

	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		line++;
		if (n >= sizeof buf) {
			fail(why, len, file, line, 1, "line too long (at most %d bytes)", THEME_LINE_MAX - 1);
			return -1;
		}
		memcpy(buf, text, n);
		buf[n] = '\0';
		if (memchr(text, '\0', n)) {
			fail(why, len, file, line, 1, "a NUL byte (expected text)");
			return -1;
		}
		if (parse_line(t, buf, file, line, why, len))
			return -1;
		text += n + (nl ? 1 : 0);
	}
	return 0;
}

void theme_builtin(struct theme *t)
{
	char why[256];

	memset(t, 0, sizeof *t);
	for (int i = 0; i < ROLE_COUNT; i++)
		t->style[i] = (struct theme_style){ .fg = THEME_COLOR_DEFAULT, .bg = THEME_COLOR_DEFAULT };
	str_copy(t->name, "default", sizeof t->name);
	theme_parse(t, builtin_text, "(built-in)", why, sizeof why);
}

int theme_load_file(const char *path, struct theme *t, char *why, size_t len)
{
	char *text;
	const char *base, *dot;
	size_t n;

	if (file_read_capped(path, THEME_FILE_MAX, "a theme file", &text, &n, why, len) < 0)
		return -1;
	if (strlen(text) != n) {
		snprintf(why, len, "%s: a NUL byte (expected text)", path);
		text_visible_inplace(why, len);
		free(text);
		return -1;
	}
	theme_builtin(t);
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	dot = strrchr(base, '.');
	n = dot && !strcmp(dot, ".theme") ? (size_t)(dot - base) : strlen(base);
	if (n >= sizeof t->name)
		n = sizeof t->name - 1;
	memcpy(t->name, base, n);
	t->name[n] = '\0';
	int rc = theme_parse(t, text, path, why, len);
	free(text);
	return rc;
}

static int is_file_name(const char *name)
{
	size_t n = strlen(name);
	return strchr(name, '/') || (n > 6 && !strcmp(name + n - 6, ".theme"));
}

/* The directories that hold themes, in search order; returns how many. */
static int theme_dirs(char dirs[][1024])
{
	int n = 0;
	const char *env = getenv("BENCHTOP_DATA_DIR");

	if (env && *env)
		snprintf(dirs[n++], 1024, "%s/themes", env);
	snprintf(dirs[n++], 1024, "%s/themes", BENCHTOP_SRCDIR);
	snprintf(dirs[n++], 1024, "%s/themes", BENCHTOP_DATADIR);
	return n;
}

int theme_find(const char *name, char *path, size_t len, char *why, size_t wlen)
{
	char dirs[3][1024];
	int n;

	if (!name || !*name) {
		snprintf(why, wlen, "empty theme name");
		return -1;
	}
	if (is_file_name(name)) {
		if (strlen(name) >= len) {   /* never a prefix of it: that would be another file */
			snprintf(why, wlen, "theme path longer than %zu bytes", len - 1);
			return -1;
		}
		if (access(name, R_OK)) {
			snprintf(why, wlen, "%s: %s", name, strerror(errno));
			return -1;
		}
		str_copy(path, name, len);
		return 0;
	}
	n = theme_dirs(dirs);
	for (int i = 0; i < n; i++) {
		char p[1100];
		if (snprintf(p, sizeof p, "%s/%s.theme", dirs[i], name) >= (int)sizeof p)
			continue;
		if (!access(p, R_OK)) {
			str_copy(path, p, len);
			return 0;
		}
	}
	snprintf(why, wlen, "unknown theme '%s'", name);
	return -1;
}

struct name_list {
	char names[THEME_LIST_MAX][64];
	int n;
};

static void collect(void *arg, const char *name, const char *path)
{
	struct name_list *l = arg;
	if (l->n < THEME_LIST_MAX)
		str_copy(l->names[l->n++], name, sizeof l->names[0]);
}

int theme_load(const char *name, struct theme *t, char *why, size_t len)
{
	char path[1100], err[256];
	struct name_list l = { .n = 0 };
	const char *cand[THEME_LIST_MAX], *near;
	char known[512] = "";

	if (!name)
		name = "default";
	if (!theme_find(name, path, sizeof path, err, sizeof err))
		return theme_load_file(path, t, why, len);
	if (!strcmp(name, "default")) {
		theme_builtin(t);
		return 0;
	}
	if (is_file_name(name)) {
		str_copy(why, err, len);
		text_visible_inplace(why, len);
		return -1;
	}
	theme_list(collect, &l);
	for (int i = 0; i < l.n; i++) {
		cand[i] = l.names[i];
		if (strlen(known) + strlen(l.names[i]) + 3 < sizeof known) {
			if (i)
				strcat(known, ", ");
			strcat(known, l.names[i]);
		}
	}
	near = nearest(name, cand, (size_t)l.n);
	if (near)
		snprintf(why, len, "unknown theme '%s' (did you mean '%s'? themes: %s)", name, near, known);
	else
		snprintf(why, len, "unknown theme '%s' (themes: %s)", name, known);
	text_visible_inplace(why, len);
	return -1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int theme_list(void (*fn)(void *arg, const char *name, const char *path), void *arg)
{
	struct found {
		char name[64];
		char path[1100];
	} *found = calloc(THEME_LIST_MAX, sizeof *found);
	const char *order[THEME_LIST_MAX];
	char dirs[3][1024];
	int n = 0, nd = theme_dirs(dirs), have_default = 0;

	if (!found)
		return 0;
	for (int d = 0; d < nd; d++) {
		DIR *dir = opendir(dirs[d]);
		struct dirent *e;
		if (!dir)
			continue;
		while ((e = readdir(dir)) && n < THEME_LIST_MAX) {
			size_t len = strlen(e->d_name), k = len - 6;
			int seen = 0;
			if (len <= 6 || k >= sizeof found[0].name || strcmp(e->d_name + k, ".theme"))
				continue;
			for (int i = 0; i < n; i++)
				if (!strncmp(found[i].name, e->d_name, k) && found[i].name[k] == '\0')
					seen = 1;
			if (seen)
				continue;
			memcpy(found[n].name, e->d_name, k);
			found[n].name[k] = '\0';
			if (snprintf(found[n].path, sizeof found[n].path, "%s/%s", dirs[d], e->d_name)
			    >= (int)sizeof found[n].path)
				continue;
			have_default |= !strcmp(found[n].name, "default");
			n++;
		}
		closedir(dir);
	}
	if (!have_default && n < THEME_LIST_MAX)
		str_copy(found[n++].name, "default", sizeof found[0].name);
	for (int i = 0; i < n; i++)
		order[i] = found[i].name;
	qsort(order, (size_t)n, sizeof order[0], by_name);
	for (int i = 0; i < n; i++) {
		/* name is the first member, so the name's address is its entry's. */
		const struct found *f = (const struct found *)(const void *)order[i];
		fn(arg, f->name, f->path[0] ? f->path : NULL);
	}
	free(found);
	return n;
}

const struct theme_style *theme_style(const struct theme *t, int role)
{
	return &t->style[role >= 0 && role < ROLE_COUNT ? role : ROLE_NORMAL];
}
