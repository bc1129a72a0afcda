/* tui-theme.c - the t key: the next theme that loads, in theme_list's order, round. A theme
 * file that fails is said in the event log once and passed over, so t never sticks on it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "grid.h"
#include "roles.h"
#include "term.h"
#include "tui.h"
#include "tui-view.h"
#include "util.h"

#define TUI_THEMES_MAX 64

struct theme_names {
	char (*name)[64];
	int n;
};

static void collect(void *arg, const char *name, const char *path)
{
	struct theme_names *l = arg;
	(void)path;
	if (l->n < TUI_THEMES_MAX)
		str_copy(l->name[l->n++], name, sizeof l->name[0]);
}

/* Whether the failure of theme `name` was said already; remembers it when not. */
static int said_before(struct tui *t, const char *name)
{
	for (int i = 0; i < t->themes_bad_n; i++)
		if (!strcmp(t->themes_bad[i], name))
			return 1;
	if (t->themes_bad_n < TUI_THEMES_BAD)
		str_copy(t->themes_bad[t->themes_bad_n++], name, sizeof t->themes_bad[0]);
	return 0;
}

void tui_next_theme(struct tui *t)
{
	char why[256];
	struct theme th;
	struct theme_names l = { calloc(TUI_THEMES_MAX, sizeof *l.name), 0 };
	if (!l.name) {
		tui_log(t, ROLE_ERROR, "theme: out of memory");
		return;
	}
	theme_list(collect, &l);
	int cur = -1;
	for (int i = 0; i < l.n; i++)
		if (!strcmp(l.name[i], t->theme.name))
			cur = i;
	/* From the one after the current, round to it: the first that loads. */
	for (int k = 1; k <= l.n; k++) {
		const char *name = l.name[(cur + k) % l.n];
		if (theme_load(name, &th, why, sizeof why) == 0) {
			t->theme = th;
			term_set_theme(&t->theme);
			grid_invalidate(&t->grid);
			tui_log(t, ROLE_NORMAL, "theme %s", name);
			free(l.name);
			return;
		}
		if (!said_before(t, name))
			tui_log(t, ROLE_ERROR, "theme: %s", why);
	}
	if (!l.n)
		tui_log(t, ROLE_ERROR, "theme: no themes found");
	free(l.name);
}
